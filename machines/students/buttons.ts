import { sectionButtons } from '../kit/buttons.js';

/** Every inline button of the students section (see machines/kit/buttons.ts for the two kinds). */
export const studentButtons = sectionButtons('students', ['list', 'open', 'new', 'edit', 'delete', 'book', 'change', 'unbook']);
export type NavigationAction = (typeof studentButtons.navigationActions)[number];
export const navigationActions = studentButtons.navigationActions;
export const isNavigation = studentButtons.isNavigation;
export { isPress, pressed, type ButtonEvent } from '../kit/buttons.js';

const to = studentButtons.to;

export const press = {
  // navigation
  list: (page: number, search: string | null) => to('list', page, search ?? undefined),
  open: (studentId: number) => to('open', studentId),
  create: () => to('new'),
  edit: (studentId: number) => to('edit', studentId),
  remove: (studentId: number) => to('delete', studentId),
  book: (studentId: number) => to('book', studentId),
  changeGroup: (studentId: number) => to('change', studentId),
  cancelBooking: (studentId: number) => to('unbook', studentId),
  // actions of the list, detail and confirmation screens
  confirmRemove: (studentId: number) => to('delete_ok', studentId),
  confirmCancelBooking: (studentId: number) => to('unbook_ok', studentId),
  // the create wizard
  source: (source: string) => to('source', undefined, source),
  skip: () => to('skip'),
  fix: (field: string) => to('fix', undefined, field),
  review: () => to('review'),
  save: () => to('save'),
  // the edit flow
  field: (field: string) => to('field', undefined, field),
  fields: () => to('fields'),
  clear: () => to('clear'),
  confirmActive: (studentId: number) => to('active_ok', studentId),
  // the group picker
  groupsPage: (page: number) => to('groups', page),
  pickGroup: (groupId: number) => to('pick', groupId),
  confirmGroup: (groupId: number) => to('group_ok', groupId),
};
