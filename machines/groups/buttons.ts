import { editPresses, recordPresses, sectionButtons, wizardPresses } from '../kit/buttons.js';

/**
 * Every inline button of the groups section (see machines/kit/buttons.ts for the two kinds).
 * Navigation: a list page, a group, its edit, delete and attendance, one lesson (which carries
 * its group, for the way back).
 */
export const groupButtons = sectionButtons('groups', ['list', 'open', 'new', 'edit', 'delete', 'lessons', 'lesson']);
export type NavigationAction = (typeof groupButtons.navigationActions)[number];

const to = groupButtons.to;

const { list, ...records } = recordPresses(to);
const { field, fields } = editPresses(to);

export const press = {
  // navigation: a list page (no search), a group, new, edit, delete (and its confirmation), the attendance
  list: (page: number) => list(page),
  ...records,
  lessons: (groupId: number) => to('lessons', groupId),
  lesson: (lessonId: number, groupId: number) => to('lesson', lessonId, String(groupId)),
  // answers given with buttons, in the wizard and the edit flow
  speciality: (speciality: string) => to('spec', undefined, speciality),
  days: (days: string) => to('days', undefined, days),
  mentor: (employeeId: number) => to('mentor', employeeId),
  noMentor: () => to('no_mentor'),
  mentorsPage: (page: number) => to('mentors', page),
  // the wizard's skip and summary
  ...wizardPresses(to),
  // the edit flow
  field,
  fields,
};
