import { sectionButtons } from '../kit/buttons.js';

/**
 * Every inline button of the groups section (see machines/kit/buttons.ts for the two kinds).
 * Navigation: a list page, a group, its edit, delete and attendance, one lesson (which carries
 * its group, for the way back).
 */
export const groupButtons = sectionButtons('groups', ['list', 'open', 'new', 'edit', 'delete', 'lessons', 'lesson']);
export type NavigationAction = (typeof groupButtons.navigationActions)[number];

const to = groupButtons.to;

export const press = {
  // navigation
  list: (page: number) => to('list', page),
  open: (groupId: number) => to('open', groupId),
  create: () => to('new'),
  edit: (groupId: number) => to('edit', groupId),
  remove: (groupId: number) => to('delete', groupId),
  lessons: (groupId: number) => to('lessons', groupId),
  lesson: (lessonId: number, groupId: number) => to('lesson', lessonId, String(groupId)),
  // the confirmation of a deletion
  confirmRemove: (groupId: number) => to('delete_ok', groupId),
  // answers given with buttons, in the wizard and the edit flow
  speciality: (speciality: string) => to('spec', undefined, speciality),
  days: (days: string) => to('days', undefined, days),
  mentor: (employeeId: number) => to('mentor', employeeId),
  noMentor: () => to('no_mentor'),
  mentorsPage: (page: number) => to('mentors', page),
  skip: () => to('skip'),
  // the wizard's summary
  fix: (field: string) => to('fix', undefined, field),
  review: () => to('review'),
  save: () => to('save'),
  // the edit flow
  field: (field: string) => to('field', undefined, field),
  fields: () => to('fields'),
};
