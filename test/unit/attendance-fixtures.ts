import type { AttendancePage, AttendanceQuery, MarkingResult, MarkingSheet } from '../../machines/attendance/model.js';
import { aGroupView, aLesson } from './groups-fixtures.js';

/**
 * A page of the attendance list for the query: the backend's own page when nothing narrows it,
 * else the records the bounded read found (of the group filtered by, if any); past the last page, the last one.
 */
export function anAttendancePage(query: AttendanceQuery, overrides: Partial<AttendancePage> = {}): AttendancePage {
  const filtered = query.groupId !== null || query.from !== null;
  const rows = [1, 2, 3].map((i) => ({
    id: 200 + i,
    groupId: query.groupId ?? i,
    groupName: i === 3 ? null : `Revit <${query.groupId ?? i}>`,
    date: query.from ?? `2026-11-${String(20 + i).padStart(2, '0')}`,
    attended: i * 2,
  }));
  return {
    count: filtered ? rows.length : 45,
    page: Math.min(Math.max(1, query.page), filtered ? 1 : 3),
    pages: filtered ? 1 : 3,
    rows,
    scan: filtered ? { complete: query.from === null, pagesRead: 5, total: 230, readBack: '2026-10-01' } : null,
    group: query.groupId === null ? null : aGroupView(query.groupId),
    ...overrides,
  };
}

/** A group's marking sheet for the day: three students, and the day's record when `existing` is given. */
export function aMarkingSheet(groupId: number, date: string, existing: MarkingSheet['existing'] = null): MarkingSheet {
  return {
    group: aGroupView(groupId, { studentsCount: 3 }),
    date,
    students: [1, 2, 3].map((id) => ({ id, fullName: `Talaba <${id}>` })),
    complete: true,
    existing,
  };
}

/** The saved record as read back: the students marked present. */
export function aMarkingResult(groupId: number, date: string, participants: number[], corrected = false): MarkingResult {
  const attendees = participants.map((id) => ({ id, fullName: `Talaba <${id}>`, phone: null }));
  return { record: aLesson(groupId, { id: 300, date, attendees }), corrected };
}
