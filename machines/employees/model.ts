import type { Employee } from '../../api/types.js';

/**
 * The employees section's data as the machines and screens see it: plain, camel-cased, and only
 * what a person is shown or a flow needs. The adapter maps the backend's answers onto these.
 */

/** One line of the list: a name and a role (the row opens the detail only for whom may read it). */
export interface EmployeeRow {
  id: number;
  fullName: string;
  role: string;
  roleDisplay: string;
  isActive: boolean;
}

/** One page as the backend paginates it (20 a page, the real total); `page` is the page shown. */
export interface EmployeePage {
  count: number;
  page: number;
  pages: number;
  employees: EmployeeRow[];
}

/** An employee as just read from the backend (the person logged in is an `Employee` too). */
export interface EmployeeView extends Employee {
  isActive: boolean;
}

/** A new employee, as the create wizard collects it (the password goes to the backend once, twice spelled). */
export interface EmployeeDraft {
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  /** null: skipped */
  speciality: string | null;
  password: string;
}

/** One change at a time, as the edit flow saves it. */
export interface EmployeePatch {
  fullName?: string;
  role?: string;
  /** null clears it */
  speciality?: string | null;
  isActive?: boolean;
}

/** The acting employee and the target, both read afresh right before a change is sent. */
export interface FreshParties {
  actor: Employee;
  /** null when there is no target yet (registering a new employee) */
  target: EmployeeView | null;
}
