/**
 * The attendance section's data as the machines and screens see it. The backend's attendance list
 * reads only `page` (its `group` and `date` parameters are ignored, captures 305–306), so a
 * filtered list is read newest first, a bounded number of pages, and says how far back it looked.
 */
import { compactDate, fromCompact } from '../kit/dates.js';
import type { GroupView, LessonView } from '../groups/model.js';

/** What the list is narrowed to: a group, a range of days (both ends included), or nothing. */
export interface AttendanceFilter {
  groupId: number | null;
  /** YYYY-MM-DD */
  from: string | null;
  to: string | null;
}

export const noFilter: AttendanceFilter = { groupId: null, from: null, to: null };

export const isFiltered = (filter: AttendanceFilter): boolean => filter.groupId !== null || filter.from !== null;

/** The filter as a button carries it: `12.20270115.20270121` (group, first day, last day; each may be empty). */
export function encodeFilter(filter: AttendanceFilter): string {
  return [filter.groupId ?? '', filter.from ? compactDate(filter.from) : '', filter.to ? compactDate(filter.to) : ''].join('.');
}

export function decodeFilter(value: string | undefined): AttendanceFilter {
  const [group = '', from = '', to = ''] = (value ?? '').split('.');
  const groupId = /^\d{1,9}$/.test(group) && Number(group) > 0 ? Number(group) : null;
  const first = fromCompact(from);
  const last = fromCompact(to) ?? first;
  if (!first || !last || last < first) return { groupId, from: null, to: null };
  return { groupId, from: first, to: last };
}

/** One record of the list: one lesson of one group. */
export interface AttendanceRow {
  id: number;
  groupId: number;
  groupName: string | null;
  /** YYYY-MM-DD */
  date: string;
  attended: number;
}

/** How far a filtered read went: the backend's whole total, the pages read, the oldest day seen. */
export interface ScanReport {
  complete: boolean;
  pagesRead: number;
  total: number;
  /** the day of the oldest record read (of any group); null when none was read */
  readBack: string | null;
}

/**
 * A page of the list as the screen shows it: the backend's own page and total when nothing
 * narrows it, or the records found by the bounded read (`scan`), a page of them at a time.
 */
export interface AttendancePage {
  count: number;
  page: number;
  pages: number;
  rows: AttendanceRow[];
  scan: ScanReport | null;
  /** the group filtered by, read afresh; null without a group filter */
  group: GroupView | null;
}

export interface AttendanceQuery extends AttendanceFilter {
  page: number;
  /** a mentor's list: only their own groups' records, whatever the backend returns */
  ownGroupsOnly: boolean;
}

/** One record with who attended (the groups section's lesson screen reads the same). */
export type AttendanceView = LessonView;

/** A student of the group, as the marking sheet lists them. */
export interface RosterStudent {
  id: number;
  fullName: string;
}

/**
 * What marking a group's lesson needs: the group as it is now, its students, and the record that
 * already exists for that day (then the marking corrects it).
 */
export interface MarkingSheet {
  group: GroupView;
  date: string;
  students: RosterStudent[];
  /** false: the students list was read only so far (the group's count was not reached) */
  complete: boolean;
  existing: { id: number; participants: number[] } | null;
}

export interface MarkingResult {
  record: AttendanceView;
  /** an existing record was corrected instead of a new one created */
  corrected: boolean;
}
