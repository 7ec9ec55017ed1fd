/**
 * Time as the backend sees it: Django runs with USE_TZ and TIME_ZONE Asia/Tashkent, so timestamps are
 * rendered with +05:00 while "today" in the model rules is `timezone.now().date()`, i.e. the UTC date.
 * Everything reads Date.now() so tests with fake timers move the simulator's clock too.
 */

const TASHKENT_OFFSET_MS = 5 * 3600 * 1000;
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export class Clock {
  private lastUs = 0;

  /** Microseconds since the epoch, strictly increasing so rows created in one tick still sort. */
  nextMicros(): number {
    const us = Math.max(Date.now() * 1000, this.lastUs + 1);
    this.lastUs = us;
    return us;
  }

  /** A fresh `created_at`/`updated_at` value. */
  stamp(): string {
    return formatDateTime(this.nextMicros());
  }

  /** Wall-clock time of day in Tashkent, as an attendance's `time`. */
  timeOfDay(): string {
    const us = this.nextMicros();
    const local = new Date(Math.floor(us / 1000) + TASHKENT_OFFSET_MS);
    const micros = us % 1_000_000;
    const base = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
    return micros === 0 ? base : `${base}.${pad(micros, 6)}`;
  }

  /** `timezone.now().date()` — the UTC date. */
  today(): string {
    return isoDate(Date.now());
  }

  /** The date in Tashkent: the day a lesson is held on, as the centre's staff (and the bot) date it. */
  localToday(): string {
    return isoDate(Date.now() + TASHKENT_OFFSET_MS);
  }
}

/** Python's `datetime.isoformat()` in +05:00: the fraction is omitted when it is zero. */
export function formatDateTime(us: number): string {
  const local = new Date(Math.floor(us / 1000) + TASHKENT_OFFSET_MS);
  const micros = ((us % 1_000_000) + 1_000_000) % 1_000_000;
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}${micros === 0 ? '' : `.${pad(micros, 6)}`}+05:00`;
}

/** Microseconds of an ISO timestamp, for sorting by created_at. */
export function micros(iso: string): number {
  let value = parsed.get(iso);
  if (value === undefined) {
    const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(.*)$/.exec(iso);
    value = m ? Date.parse(`${m[1]}${m[3]}`) * 1000 + Number((m[2] ?? '').padEnd(6, '0')) : Date.parse(iso) * 1000;
    if (parsed.size >= 100_000) parsed.clear();
    parsed.set(iso, value);
  }
  return value;
}
/** timestamps already parsed: lists sort every row by created_at on every request */
const parsed = new Map<string, number>();

export function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}

/** Monday = 0 … Sunday = 6, like Python's `date.weekday()`. */
export function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}
