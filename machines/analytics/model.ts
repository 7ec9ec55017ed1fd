/**
 * The analytics section's summary: each figure as the backend gave it (a list's `count`, a
 * bounded read of its pages, or the monthly report), or why it could not be read.
 */

export type Figure<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface GroupFigures {
  /** the list's count */
  total: number;
  /** groups read (the newest pages, at most a bound): the figures below are over these */
  read: number;
  running: number;
  planned: number;
  finished: number;
  /** no starting date yet */
  undated: number;
  /** seats of the running and planned groups, and how many of them are taken */
  seats: number;
  taken: number;
}

export interface InvoiceFigures {
  total: number;
  /** the count of each status the backend knows, in its order */
  byStatus: { status: string; count: number }[];
}

export interface AttendanceFigures {
  /** Monday of this week (Tashkent), YYYY-MM-DD */
  since: string;
  count: number;
  /** false: the bounded read ended before the week's first record (the count is a lower bound) */
  complete: boolean;
}

export interface AnalyticsView {
  /** the date the figures were read on (Tashkent), YYYY-MM-DD */
  today: string;
  students: Figure<number>;
  groups: Figure<GroupFigures>;
  invoices: Figure<InvoiceFigures>;
  /** this month's revenue from the monthly report (groups with a mentor); null: not offered to this role */
  income: Figure<{ month: string; revenue: number }> | null;
  attendance: Figure<AttendanceFigures>;
}
