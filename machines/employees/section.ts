import { defineSection } from '../kit/section.js';
import { employeeButtons } from './buttons.js';
import { employeesMachine } from './employees.js';

/**
 * The employees section: open to every employee, since the backend serves the list to all
 * (captures 103, 107); a row opens the detail only for whom the person may read, and the
 * detail's actions follow machines/employees/hierarchy.ts.
 */
export const employeesSection = defineSection({ name: 'employees', flow: employeesMachine, buttons: employeeButtons, opens: 'employees.list' });
