import type { UserApi } from './client.js';
import { BackendError } from './errors.js';
import { getLesson, readAttendancePage } from './groups.js';
import { PAGE_SIZE, readPage, scanPages } from './paging.js';
import * as s from './schemas.js';

/**
 * The attendance section's backend calls. The list reads only `page`: its `group` and `date`
 * parameters are ignored (captures 305–306) and a mentor gets every group's records (221), so
 * narrowing is done here, over pages read newest first (the list is ordered by date, newest
 * first), at most a bounded number of them.
 */

/** Pages of the attendance list a filtered screen reads at most (20 records a page). */
export const ATTENDANCE_SCAN_PAGES = 10;
/** Pages of the students list read to find a group's students (the list has no group filter). */
export const ROSTER_PAGES = 25;
/** Pages of a mentor's groups read to know which records are theirs. */
export const OWN_GROUP_PAGES = 5;

export interface AttendanceQuery {
  page: number;
  groupId: number | null;
  from: string | null;
  to: string | null;
  /** only these groups' records (a mentor's own); null: every group */
  ownGroups: ReadonlySet<number> | null;
}

const toRow = (row: s.Attendance) => ({
  id: row.id,
  groupId: row.group,
  groupName: row.group_name,
  date: row.date,
  attended: row.participants_count,
});

/**
 * A page of the list. Unnarrowed, it is the backend's own page with its real total; narrowed (a
 * group, days, or a mentor's own groups), the records found among the newest pages, a page of
 * them at a time, with how far the read went.
 */
export async function listAttendance(api: UserApi, query: AttendanceQuery) {
  const narrowed = query.groupId !== null || query.from !== null || query.ownGroups !== null;
  if (!narrowed) {
    const paged = await readPage((page) => readAttendancePage(api, page), query.page);
    return { count: paged.count, page: paged.page, pages: paged.pages, rows: paged.items.map(toRow), scan: null };
  }
  const scanned = await scanPages({
    fetchPage: (page) => readAttendancePage(api, page),
    keep: (row) =>
      (query.groupId === null || row.group === query.groupId) &&
      (query.ownGroups === null || query.ownGroups.has(row.group)) &&
      (query.from === null || row.date >= query.from) &&
      (query.to === null || row.date <= query.to),
    // newest first by date: once a record is older than the first day, no later one can match
    stop: query.from === null ? undefined : (row) => row.date < query.from!,
    maxPages: ATTENDANCE_SCAN_PAGES,
  });
  const count = scanned.items.length;
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  return {
    count,
    page,
    pages,
    rows: scanned.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(toRow),
    scan: { complete: scanned.complete, pagesRead: scanned.pagesRead, total: scanned.total, readBack: scanned.oldest?.date ?? null },
  };
}

/** The ids of the groups the backend shows this person: for a mentor, their own (the backend filters). */
export async function ownGroupIds(api: UserApi): Promise<Set<number>> {
  const ids = new Set<number>();
  for (let page = 1; page <= OWN_GROUP_PAGES; page += 1) {
    const response = await api.request({ method: 'GET', path: '/education/groups/', schema: s.groupPage, query: { page: page > 1 ? page : undefined } });
    for (const group of response.results) ids.add(group.id);
    if (!response.next) break;
  }
  return ids;
}

/** One record with who attended. */
export const getAttendance = getLesson;

/**
 * The students of a group. The students list has no group filter, so its pages are read until
 * as many of the group's students were found as the group counts (or ROSTER_PAGES were read).
 */
export async function groupStudents(api: UserApi, groupId: number, expected: number) {
  let found = 0;
  const scanned = await scanPages({
    fetchPage: (page) => api.request({ method: 'GET', path: '/auth/students/', schema: s.studentPage, query: { page: page > 1 ? page : undefined } }),
    keep: (row) => {
      const member = row.group === groupId;
      if (member) found += 1;
      return member;
    },
    stop: () => found >= expected,
    maxPages: ROSTER_PAGES,
  });
  const students = scanned.items.map((row) => ({ id: row.id, fullName: row.full_name })).sort((a, b) => a.fullName.localeCompare(b.fullName) || a.id - b.id);
  return { students, complete: scanned.complete || found >= expected };
}

/** The record of a group's lesson on a day, if the newest pages hold it. */
export async function findRecord(api: UserApi, groupId: number, date: string) {
  const scanned = await scanPages({
    fetchPage: (page) => readAttendancePage(api, page),
    keep: (row) => row.group === groupId && row.date === date,
    stop: (row) => row.date < date,
    maxPages: ATTENDANCE_SCAN_PAGES,
  });
  const record = scanned.items[0];
  return record ? { id: record.id, participants: record.participants_list.map((student) => student.id) } : null;
}

export interface Marking {
  groupId: number;
  /** YYYY-MM-DD, Tashkent: always sent (the backend's default is the UTC date) */
  date: string;
  /** the group's mentor, recorded with the lesson */
  mentorId: number | null;
  participants: number[];
  /** the record to correct; null: a new one */
  recordId: number | null;
}

/** The backend's refusal of a second record for one group and day (in English, capture 210). */
const isDuplicate = (error: unknown) => error instanceof BackendError && error.kind === 'validation' && !error.fields && /must make a unique set|allaqachon bor/i.test(error.message);

async function correct(api: UserApi, id: number, participants: number[]) {
  const response = await api.request({ method: 'PATCH', path: `/education/attendances/${id}/`, schema: s.attendanceResponse, body: { participants } });
  return response.data;
}

/**
 * Saves a marking: a new record, or a correction of the existing one. When the backend refuses a
 * new one because the day's record exists after all (made meanwhile, or older than the pages
 * read), that record is found and corrected instead.
 */
export async function saveAttendance(api: UserApi, marking: Marking) {
  if (marking.recordId !== null) return { id: (await correct(api, marking.recordId, marking.participants)).id, corrected: true };
  const body: Record<string, unknown> = { group: marking.groupId, date: marking.date, participants: marking.participants };
  if (marking.mentorId !== null) body.mentor = marking.mentorId;
  try {
    const response = await api.request({ method: 'POST', path: '/education/attendances/', schema: s.attendanceResponse, body });
    return { id: response.data.id, corrected: false };
  } catch (error) {
    if (!isDuplicate(error)) throw error;
    const existing = await findRecord(api, marking.groupId, marking.date);
    if (!existing) throw error;
    return { id: (await correct(api, existing.id, marking.participants)).id, corrected: true };
  }
}
