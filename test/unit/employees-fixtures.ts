import type { Employee } from '../../api/types.js';
import type { EmployeePage, EmployeeView } from '../../machines/employees/model.js';

/** An employee as the detail reads them: a sales agent unless given. */
export function anEmployee(overrides: Partial<EmployeeView> = {}): EmployeeView {
  return {
    id: 5,
    email: 'sotuv@bimuz.local',
    fullName: 'Sotuv Agenti',
    role: 'sotuv_agenti',
    roleDisplay: 'Sotuv agenti',
    professionality: null,
    createdAt: '2026-11-24T23:46:58.273911+05:00',
    isActive: true,
    ...overrides,
  };
}

/** The person logged in, with the role given. */
export const aPerson = (role: string, id = 1): Employee => ({ id, email: `${role}@bimuz.local`, fullName: 'Ali Valiyev', role, roleDisplay: role, professionality: null, createdAt: '' });

/** A page of three: one employee of each role given, ids from 1; past the last page, the last one. */
export function anEmployeePage(page: number, roles: readonly string[], overrides: Partial<EmployeePage> = {}): EmployeePage {
  const employees = roles.map((role, i) => ({ id: i + 1, fullName: `Xodim <${i + 1}>`, role, roleDisplay: role, isActive: i % 4 !== 3 }));
  return { count: 45, page: Math.min(Math.max(1, page), 3), pages: 3, employees, ...overrides };
}
