/**
 * Calendar days as the centre counts them: Tashkent (UTC+5, no daylight saving). Dates are
 * `YYYY-MM-DD` strings; machines never read a clock, the runtime hands them today's date.
 */

const TASHKENT_OFFSET_MS = 5 * 3600_000;
const DAY_MS = 86_400_000;

/** The calendar date in Tashkent at the instant `now` (ms since the epoch). */
export function tashkentDate(now: number): string {
  return new Date(now + TASHKENT_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week `date` is in (a week runs Monday to Sunday). */
export function weekStart(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export const isIsoDate = (value: string | null | undefined): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value;

/** `20270115` for a button's data; `compactDate` and `fromCompact` are inverse. */
export const compactDate = (date: string): string => date.replace(/-/g, '');

export function fromCompact(value: string | undefined): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(date) ? date : null;
}
