/**
 * A create replayed after a crash (the process died after sending it, before saving the outcome)
 * first looks for the object its first attempt may have made: one created since the decision was
 * first received. The backend's clock and ours may differ by up to this much.
 */
const CLOCK_SLACK_MS = 60_000;

/** Whether a row's `created_at` is at or after the moment, give or take the clocks' difference. */
export function createdSince(createdAt: string | null | undefined, since: number): boolean {
  return !!createdAt && Date.parse(createdAt) >= since - CLOCK_SLACK_MS;
}
