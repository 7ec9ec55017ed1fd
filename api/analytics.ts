import type { UserApi } from './client.js';
import { BackendError } from './errors.js';
import { stageOn } from './groups.js';
import { PAGE_SIZE } from './paging.js';
import * as s from './schemas.js';
import type { AnalyticsView, AttendanceFigures, Figure, GroupFigures, InvoiceFigures } from '../machines/analytics/model.js';

/**
 * The analytics summary: every figure from the backend's own answers, read in parallel. A count
 * is a list's `count`; what needs the rows (groups by stage, this week's attendance) is a bounded
 * read of pages, and says when it did not reach the end; the income is the monthly report's.
 */

/** Pages of groups read (20 each) for the figures by stage. */
export const GROUP_PAGES = 10;
/** Pages of the attendance list read, newest first, looking for this week's records. */
export const ATTENDANCE_PAGES = 5;
/** The invoice statuses the backend has at the captured commit. */
export const INVOICE_STATUSES = ['created', 'pending', 'paid', 'cancelled'] as const;

const DAY_MS = 86_400_000;

/** Monday of the week of `date` (YYYY-MM-DD). */
export function weekStart(date: string): string {
  const day = Date.parse(`${date}T00:00:00Z`);
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

async function students(api: UserApi): Promise<number> {
  return (await api.request({ method: 'GET', path: '/auth/students/', schema: s.studentPage })).count;
}

async function groups(api: UserApi, today: string): Promise<GroupFigures> {
  const page = (n: number) => api.request({ method: 'GET', path: '/education/groups/', schema: s.groupPage, query: { page: n > 1 ? n : undefined } });
  const first = await page(1);
  const pages = Math.min(GROUP_PAGES, Math.ceil(first.count / PAGE_SIZE));
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
  const rows = [first, ...rest].flatMap((answer) => answer.results);
  const figures: GroupFigures = { total: first.count, read: rows.length, running: 0, planned: 0, finished: 0, undated: 0, seats: 0, taken: 0 };
  for (const group of rows) {
    const stage = stageOn(group, today);
    figures[stage === 'undated' ? 'undated' : stage] += 1;
    if (stage === 'running' || stage === 'planned') {
      figures.seats += group.seats;
      figures.taken += group.current_students_count;
    }
  }
  return figures;
}

async function invoices(api: UserApi): Promise<InvoiceFigures> {
  const count = (status?: string) =>
    api.request({ method: 'GET', path: '/payment/employee-invoices/', schema: s.invoicePage, query: { status } }).then((answer) => answer.count);
  const [total, ...counts] = await Promise.all([count(), ...INVOICE_STATUSES.map((status) => count(status))]);
  return { total: total!, byStatus: INVOICE_STATUSES.map((status, i) => ({ status, count: counts[i]! })) };
}

async function income(api: UserApi, month: string): Promise<{ month: string; revenue: number }> {
  const report = await api.request({ method: 'GET', path: '/payment/reports/monthly/', schema: s.monthlyReport, query: { month } });
  return { month, revenue: report.total_revenue };
}

/** The attendance list is newest first (by date): its pages are read until the week's first record is passed. */
async function attendance(api: UserApi, today: string): Promise<AttendanceFigures> {
  const since = weekStart(today);
  const until = addDays(since, 6);
  let count = 0;
  for (let page = 1; page <= ATTENDANCE_PAGES; page += 1) {
    const answer = await api.request({ method: 'GET', path: '/education/attendances/', schema: s.attendancePage, query: { page: page > 1 ? page : undefined } });
    count += answer.results.filter((row) => row.date >= since && row.date <= until).length;
    const oldest = answer.results.at(-1)?.date;
    if (!answer.next || (oldest !== undefined && oldest < since)) return { since, count, complete: true };
  }
  return { since, count, complete: false };
}

/** A figure from a settled read; an ended session fails the whole summary (the person logs in again). */
function figure<T>(result: PromiseSettledResult<T>): Figure<T> {
  if (result.status === 'fulfilled') return { ok: true, value: result.value };
  const error = result.reason;
  if (error instanceof BackendError && error.kind === 'session') throw error;
  if (error instanceof BackendError) return { ok: false, reason: error.message };
  throw error;
}

export async function readAnalytics(api: UserApi, options: { income: boolean; today: string }): Promise<AnalyticsView> {
  const { today } = options;
  const [studentCount, groupFigures, invoiceFigures, incomeFigure, attendanceFigures] = await Promise.allSettled([
    students(api),
    groups(api, today),
    invoices(api),
    options.income ? income(api, today.slice(0, 7)) : Promise.resolve(null),
    attendance(api, today),
  ]);
  const incomeRead = figure(incomeFigure);
  return {
    today,
    students: figure(studentCount),
    groups: figure(groupFigures),
    invoices: figure(invoiceFigures),
    income: incomeRead.ok && incomeRead.value === null ? null : (incomeRead as Figure<{ month: string; revenue: number }>),
    attendance: figure(attendanceFigures),
  };
}
