import { editPresses, recordPresses, sectionButtons, wizardPresses } from '../kit/buttons.js';

/**
 * Every inline button of the employees section (see machines/kit/buttons.ts for the two kinds).
 * Navigation: a list page (with its search), an employee, their edit and delete, a new employee.
 */
export const employeeButtons = sectionButtons('employees', ['list', 'open', 'new', 'edit', 'delete']);
export type NavigationAction = (typeof employeeButtons.navigationActions)[number];

const to = employeeButtons.to;

export const press = {
  // navigation: the list, an employee, new, edit, delete (and its confirmation)
  ...recordPresses(to),
  // a role, in the wizard and the edit flow
  role: (role: string) => to('role', undefined, role),
  ...wizardPresses(to),
  ...editPresses(to),
};
