import type { Checked } from '../validation.js';
import { t } from '../ui/texts.js';

/**
 * Months as the monthly report names them: `YYYY-MM`. "This month" is Tashkent's (the runtime's
 * date); machines never read a clock.
 */

const MONTH = /^(\d{4})-(\d{2})$/;

export const isMonth = (value: string | null | undefined): value is string => {
  const match = MONTH.exec(value ?? '');
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
};

/** `2026-12` from `2026-12-02`. */
export const monthOfDate = (date: string): string => date.slice(0, 7);

/** The month `delta` months after `month` (before, when negative). */
export function shiftMonth(month: string, delta: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const FIRST_YEAR = 2000;

/**
 * A month typed by a person: `2026-11`, `2026-1`, `11.2026` or `11/2026`. A month after `thisMonth`
 * (when it is known) has no report yet.
 */
export function parseMonth(text: string, thisMonth: string | null): Checked<string> {
  const typed = text.trim();
  const iso = /^(\d{4})\s*[-.]\s*(\d{1,2})$/.exec(typed);
  const local = /^(\d{1,2})\s*[./-]\s*(\d{4})$/.exec(typed);
  const parts = iso ? { year: Number(iso[1]), month: Number(iso[2]) } : local ? { year: Number(local[2]), month: Number(local[1]) } : null;
  if (!parts) return { ok: false, reason: t.reports.month.format };
  if (parts.month < 1 || parts.month > 12) return { ok: false, reason: t.reports.month.noSuchMonth };
  if (parts.year < FIRST_YEAR) return { ok: false, reason: t.reports.month.tooEarly(FIRST_YEAR) };
  const month = `${parts.year}-${String(parts.month).padStart(2, '0')}`;
  if (thisMonth !== null && month > thisMonth) return { ok: false, reason: t.reports.month.future };
  return { ok: true, value: month };
}
