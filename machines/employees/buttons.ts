import { sectionButtons } from '../kit/buttons.js';

/**
 * Every inline button of the employees section (see machines/kit/buttons.ts for the two kinds).
 * Navigation: a list page (with its search), an employee, their edit and delete, a new employee.
 */
export const employeeButtons = sectionButtons('employees', ['list', 'open', 'new', 'edit', 'delete']);
export type NavigationAction = (typeof employeeButtons.navigationActions)[number];

const to = employeeButtons.to;

export const press = {
  // navigation
  list: (page: number, search: string | null) => to('list', page, search ?? undefined),
  open: (employeeId: number) => to('open', employeeId),
  create: () => to('new'),
  edit: (employeeId: number) => to('edit', employeeId),
  remove: (employeeId: number) => to('delete', employeeId),
  // the confirmation of a deletion
  confirmRemove: (employeeId: number) => to('delete_ok', employeeId),
  // a role, in the wizard and the edit flow
  role: (role: string) => to('role', undefined, role),
  // the wizard
  skip: () => to('skip'),
  fix: (field: string) => to('fix', undefined, field),
  review: () => to('review'),
  save: () => to('save'),
  // the edit flow
  field: (field: string) => to('field', undefined, field),
  fields: () => to('fields'),
  clear: () => to('clear'),
  confirmActive: (employeeId: number) => to('active_ok', employeeId),
};
