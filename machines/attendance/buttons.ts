import { sectionButtons } from '../kit/buttons.js';
import { compactDate } from '../kit/dates.js';
import { encodeFilter, type AttendanceFilter } from './model.js';

/**
 * Every inline button of the attendance section (see machines/kit/buttons.ts for the two kinds).
 * Navigation buttons carry the list's filter (`12.20270115.20270121`), so that a page, a record's
 * way back or a picker keeps it after a restart.
 */
export const attendanceButtons = sectionButtons('attendance', ['list', 'open', 'groups', 'days', 'mark']);
export type NavigationAction = (typeof attendanceButtons.navigationActions)[number];

const to = attendanceButtons.to;

export const press = {
  // navigation
  list: (page: number, filter: AttendanceFilter) => to('list', page, encodeFilter(filter)),
  open: (recordId: number, filter: AttendanceFilter) => to('open', recordId, encodeFilter(filter)),
  groups: (page: number, filter: AttendanceFilter) => to('groups', page, encodeFilter(filter)),
  days: (filter: AttendanceFilter) => to('days', undefined, encodeFilter(filter)),
  /** marking: the group (and day) to mark, or none to choose one */
  mark: (groupId?: number, date?: string) => to('mark', groupId, date === undefined ? undefined : compactDate(date)),
  // the marking flow
  pick: (groupId: number) => to('pick', groupId),
  groupsPage: (page: number) => to('gpage', page),
  toggle: (studentId: number) => to('tog', studentId),
  all: () => to('all'),
  none: () => to('none'),
  save: () => to('save'),
  changeDate: () => to('date'),
  date: (date: string) => to('day', undefined, compactDate(date)),
  toSheet: () => to('sheet'),
};
