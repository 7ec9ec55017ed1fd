import type { AnalyticsView } from '../../machines/analytics/model.js';

/** The summary of 2 December 2026, every figure read, unless given. */
export const anAnalyticsView = (overrides: Partial<AnalyticsView> = {}): AnalyticsView => ({
  today: '2026-12-02',
  students: { ok: true, value: 27 },
  groups: { ok: true, value: { total: 24, read: 24, running: 3, planned: 19, finished: 1, undated: 1, seats: 300, taken: 6 } },
  invoices: { ok: true, value: { total: 5, byStatus: [{ status: 'created', count: 2 }, { status: 'pending', count: 1 }, { status: 'paid', count: 1 }, { status: 'cancelled', count: 1 }] } },
  income: { ok: true, value: { month: '2026-12', revenue: 1_600_000 } },
  attendance: { ok: true, value: { since: '2026-11-30', count: 3, complete: true } },
  ...overrides,
});
