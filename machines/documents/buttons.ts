import { sectionButtons } from '../kit/buttons.js';

/** Every inline button of the documents section: a page of the students (with the search), a student's documents. */
export const documentButtons = sectionButtons('documents', ['list', 'open']);
export type NavigationAction = (typeof documentButtons.navigationActions)[number];

const to = documentButtons.to;

export const press = {
  list: (page: number, search: string | null) => to('list', page, search ?? undefined),
  /** a student's documents; the list's page comes back with the way back */
  open: (studentId: number, page: number) => to('open', studentId, String(page)),
};
