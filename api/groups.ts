import * as v from 'valibot';
import type { UserApi } from './client.js';
import { readPage, scanPages } from './paging.js';
import { createdSince } from './replay.js';
import * as s from './schemas.js';

/**
 * The groups section's backend calls: groups (list, detail, create, edit, delete), the employees
 * who may mentor a group, and a group's lessons from the attendance list.
 */

const DAY_MS = 86_400_000;
const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** JavaScript's getUTCDay() numbers of each schedule's lesson days. */
const lessonWeekdays: Record<string, readonly number[]> = { mon_wed_fri: [1, 3, 5], tue_thu_sat: [2, 4, 6] };

/**
 * Lessons held by `today` (YYYY-MM-DD) by the schedule, counted the way the backend computes the
 * finish date: the start date is lesson 1 whatever its weekday, later lessons fall on the
 * schedule's days; never more than the number of lessons. Null when it cannot be known.
 */
export function lessonsHeldOn(group: { starting_date: string | null; dates: string; total_lessons: number | null }, today: string): number | null {
  const weekdays = lessonWeekdays[group.dates];
  if (!group.starting_date || !group.total_lessons || !weekdays) return null;
  const start = utcDay(group.starting_date);
  const end = utcDay(today);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  if (end < start) return 0;
  let held = 1;
  for (let day = start + 1; day <= end && held < group.total_lessons; day += 1) {
    if (weekdays.includes(new Date(day * DAY_MS).getUTCDay())) held += 1;
  }
  return held;
}

export function stageOn(group: { starting_date: string | null; finish_date: string | null }, today: string) {
  if (!group.starting_date) return 'undated' as const;
  if (group.starting_date > today) return 'planned' as const;
  if (group.finish_date && group.finish_date < today) return 'finished' as const;
  return 'running' as const;
}

export function toGroupView(group: s.Group, today: string) {
  return {
    id: group.id,
    speciality: group.speciality_id,
    specialityDisplay: group.speciality_display,
    days: group.dates,
    daysDisplay: group.dates_display,
    time: group.time,
    startingDate: group.starting_date,
    finishDate: group.finish_date,
    totalLessons: group.total_lessons,
    lessonsHeld: lessonsHeldOn(group, today),
    stage: stageOn(group, today),
    seats: group.seats,
    studentsCount: group.current_students_count,
    freeSeats: group.available_seats,
    price: group.price ?? 0,
    mentorId: group.mentor,
    mentorName: group.mentor_name,
  };
}

/** One page of groups, newest first; a mentor gets only their own (the backend filters, and reads only `page`). */
export async function listGroups(api: UserApi, page: number) {
  const paged = await readPage(
    (n) => api.request({ method: 'GET', path: '/education/groups/', schema: s.groupPage, query: { page: n > 1 ? n : undefined } }),
    page,
  );
  return {
    count: paged.count,
    page: paged.page,
    pages: paged.pages,
    groups: paged.items.map((group) => ({
      id: group.id,
      speciality: group.speciality_id,
      specialityDisplay: group.speciality_display,
      days: group.dates,
      time: group.time,
      startingDate: group.starting_date,
      freeSeats: group.available_seats,
    })),
  };
}

/** A group as it is now; `today` (YYYY-MM-DD, Tashkent) places it in its course. */
export async function getGroup(api: UserApi, id: number, today: string) {
  const response = await api.request({ method: 'GET', path: `/education/groups/${id}/`, schema: s.groupResponse });
  return toGroupView(response.data, today);
}

export interface NewGroup {
  speciality: string;
  days: string;
  time: string;
  startingDate: string;
  seats: number;
  price: number;
  totalLessons: number | null;
  mentor: { id: number } | null;
}

export interface GroupChanges {
  speciality?: string;
  days?: string;
  time?: string;
  startingDate?: string;
  seats?: number;
  price?: number;
  totalLessons?: number;
  mentor?: number | null;
}

/** Our names for a group's fields and the backend's (refusals come keyed by the latter). */
export const groupFieldOf: Record<keyof GroupChanges, string> = {
  speciality: 'speciality_id',
  days: 'dates',
  time: 'time',
  startingDate: 'starting_date',
  seats: 'seats',
  price: 'price',
  totalLessons: 'total_lessons',
  mentor: 'mentor',
};

/**
 * The request body: the backend's names, the price as a string of digits (its DecimalField refuses
 * spaces and exponents, in English), whole numbers as numbers.
 */
function groupBody(changes: GroupChanges): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    body[groupFieldOf[key as keyof GroupChanges]] = key === 'price' ? Math.round(value as number).toFixed(0) : value;
  }
  return body;
}

/** The group created since the given moment with every field of the body, if any (a replayed create's own). */
async function findCreatedSince(api: UserApi, body: Record<string, unknown>, since: number) {
  // the newest first: a group created by the first attempt is on the first page
  const page = await api.request({ method: 'GET', path: '/education/groups/', schema: s.groupPage });
  const same = (group: s.Group) =>
    group.speciality_id === body.speciality_id &&
    group.dates === body.dates &&
    (group.time ?? '').slice(0, 5) === String(body.time).padStart(5, '0') &&
    group.starting_date === body.starting_date &&
    group.seats === body.seats &&
    Number(group.price) === Number(body.price) &&
    (body.total_lessons === undefined || group.total_lessons === body.total_lessons) &&
    group.mentor === (body.mentor ?? null);
  return page.results.find((group) => createdSince(group.created_at, since) && same(group));
}

/**
 * Creates the group once per decision (issue 14). A group has no unique field, so when the decision
 * is replayed (the process died after sending it, before saving the outcome) a group created since
 * the decision was first received with every field of this one is taken as its own, and the POST is
 * sent only when there is none.
 */
export async function createGroup(api: UserApi, group: NewGroup, today: string, replayedSince?: number) {
  const { mentor, totalLessons, ...rest } = group;
  // a number of lessons not known yet is left out: the backend keeps it empty
  const body = groupBody({ ...rest, totalLessons: totalLessons ?? undefined, mentor: mentor?.id });
  if (replayedSince !== undefined) {
    const existing = await findCreatedSince(api, body, replayedSince);
    if (existing) return toGroupView(existing, today);
  }
  const response = await api.request({ method: 'POST', path: '/education/groups/', schema: s.groupResponse, body });
  return toGroupView(response.data, today);
}

export async function updateGroup(api: UserApi, id: number, changes: GroupChanges, today: string) {
  const response = await api.request({ method: 'PATCH', path: `/education/groups/${id}/`, schema: s.groupResponse, body: groupBody(changes) });
  return toGroupView(response.data, today);
}

/**
 * Deletes the group. The backend deletes with it its invoices (paid ones too) and its attendance
 * records, and detaches its students. It answers 204 with a JSON body, which the client may or
 * may not be handed, so the answer is not read.
 */
export async function deleteGroup(api: UserApi, id: number): Promise<void> {
  await api.request({ method: 'DELETE', path: `/education/groups/${id}/`, schema: v.unknown() });
}

/** How many pages of a list the section reads at most for one screen (20 rows a page). */
export const MENTOR_PAGES = 5;
export const ATTENDANCE_PAGES = 5;

/**
 * The active employees whose role is mentor, by name. The employees list has no role filter; its
 * `search` matches the role among name, email and professionality, so the answer is filtered
 * again here. Any employee may read the list.
 */
export async function listMentors(api: UserApi) {
  const mentors: { id: number; fullName: string }[] = [];
  for (let page = 1; page <= MENTOR_PAGES; page += 1) {
    const response = await api.request({
      method: 'GET',
      path: '/auth/employees/',
      schema: s.employeePage,
      query: { search: 'mentor', page: page > 1 ? page : undefined },
    });
    for (const employee of response.results) {
      if (employee.role === 'mentor' && employee.is_active) mentors.push({ id: employee.id, fullName: employee.full_name });
    }
    if (!response.next) break;
  }
  return mentors.sort((a, b) => a.fullName.localeCompare(b.fullName) || a.id - b.id);
}

/**
 * A group's most recent lessons. The attendance list ignores its `group` and `date` parameters
 * (captures 297–317) and comes newest first, so its pages are read in turn, at most
 * ATTENDANCE_PAGES of them, keeping this group's rows.
 */
export async function listGroupLessons(api: UserApi, groupId: number) {
  const scanned = await scanPages({
    fetchPage: (page) => readAttendancePage(api, page),
    keep: (row) => row.group === groupId,
    maxPages: ATTENDANCE_PAGES,
  });
  return {
    lessons: scanned.items.map((row) => ({ id: row.id, date: row.date, attended: row.participants_count })),
    complete: scanned.complete,
    readBack: scanned.oldest?.date ?? null,
  };
}

/** One page of the attendance list as the backend gives it (newest first, every group, whoever asks). */
export function readAttendancePage(api: UserApi, page: number) {
  return api.request({ method: 'GET', path: '/education/attendances/', schema: s.attendancePage, query: { page: page > 1 ? page : undefined } });
}

/** One lesson with the students who attended it. */
export async function getLesson(api: UserApi, id: number) {
  const response = await api.request({ method: 'GET', path: `/education/attendances/${id}/`, schema: s.attendanceResponse });
  const lesson = response.data;
  return {
    id: lesson.id,
    groupId: lesson.group,
    groupName: lesson.group_name,
    date: lesson.date,
    mentorName: lesson.mentor_name,
    attendees: lesson.participants_list.map((student) => ({ id: student.id, fullName: student.full_name, phone: student.phone })),
  };
}
