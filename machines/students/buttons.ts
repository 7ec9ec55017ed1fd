import { editPresses, recordPresses, sectionButtons, wizardPresses } from '../kit/buttons.js';

/** Every inline button of the students section (see machines/kit/buttons.ts for the two kinds). */
export const studentButtons = sectionButtons('students', ['list', 'open', 'new', 'edit', 'delete', 'book', 'change', 'unbook']);
export type NavigationAction = (typeof studentButtons.navigationActions)[number];
export const navigationActions = studentButtons.navigationActions;
export const isNavigation = studentButtons.isNavigation;
export { isPress, pressed, type ButtonEvent } from '../kit/buttons.js';

const to = studentButtons.to;

export const press = {
  // navigation: the list, a student, new, edit, delete (and its confirmation)
  ...recordPresses(to),
  book: (studentId: number) => to('book', studentId),
  changeGroup: (studentId: number) => to('change', studentId),
  cancelBooking: (studentId: number) => to('unbook', studentId),
  // the confirmation of a booking's cancellation
  confirmCancelBooking: (studentId: number) => to('unbook_ok', studentId),
  // the create wizard
  ...wizardPresses(to),
  source: (source: string) => to('source', undefined, source),
  // the edit flow
  ...editPresses(to),
  // the group picker
  groupsPage: (page: number) => to('groups', page),
  pickGroup: (groupId: number) => to('pick', groupId),
  confirmGroup: (groupId: number) => to('group_ok', groupId),
};
