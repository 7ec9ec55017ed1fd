import * as v from 'valibot';
import { toEmployee } from './auth.js';
import type { UserApi } from './client.js';
import { BackendError } from './errors.js';
import { readPage } from './paging.js';
import { createdSince } from './replay.js';
import * as s from './schemas.js';
import type { Employee } from './types.js';

export interface NewEmployee {
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  speciality: string | null;
  password: string;
}

export interface EmployeeChanges {
  fullName?: string;
  role?: string;
  speciality?: string | null;
  isActive?: boolean;
}

type EmployeeView = Employee & { isActive: boolean };

/**
 * The employees section's backend calls: the list (paginated, with the backend's `search` over
 * name, email, role and speciality), an employee's detail, registering, changing and deleting one.
 */

export function toEmployeeView(e: s.Employee): EmployeeView {
  return { ...toEmployee(e), isActive: e.is_active };
}

export async function listEmployees(api: UserApi, page: number, search: string | null) {
  const paged = await readPage(
    (n) =>
      api.request({
        method: 'GET',
        path: '/auth/employees/',
        schema: s.employeePage,
        query: { page: n > 1 ? n : undefined, search: search ?? undefined },
      }),
    page,
  );
  return {
    count: paged.count,
    page: paged.page,
    pages: paged.pages,
    employees: paged.items.map((e) => ({ id: e.id, fullName: e.full_name, role: e.role, roleDisplay: e.role_display ?? e.role, isActive: e.is_active })),
  };
}

/** Dasturchi, direktor and administrator only; a direktor may not read a dasturchi, an administrator neither nor a direktor (403). */
export async function getEmployee(api: UserApi, id: number): Promise<EmployeeView> {
  const response = await api.request({ method: 'GET', path: `/auth/employees/${id}/`, schema: s.employeeResponse });
  return toEmployeeView(response.data);
}

/** Our names for an employee's fields and the backend's (refusals come keyed by the latter). */
export const employeeFieldOf: Record<string, string> = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  password: 'password',
  role: 'role',
  speciality: 'professionality',
  fullName: 'full_name',
  isActive: 'is_active',
};

/** The backend fields a refusal may name that the flows know under another field. */
export const alsoOurs: Record<string, string> = { password_confirm: 'password' };

/** The employee with this email and role registered since the moment, if any (a replayed registration's own). */
async function findRegisteredSince(api: UserApi, draft: NewEmployee, since: number): Promise<EmployeeView | undefined> {
  const page = await api.request({ method: 'GET', path: '/auth/employees/', schema: s.employeePage, query: { search: draft.email } });
  const own = page.results.find((e) => e.email.toLowerCase() === draft.email.toLowerCase() && e.role === draft.role && createdSince(e.created_at, since));
  return own && toEmployeeView(own);
}

/**
 * Registers an employee, once per decision: when the decision is replayed after a crash, the
 * employee its first attempt may have registered is looked up by the unique email first. The
 * endpoint takes no token (AllowAny, authentication disabled), so it is sent without one. The password goes twice (the backend compares both) and nowhere else. A
 * duplicate email comes back as `{"detail"}`, not as a field: it is returned as the email's refusal.
 */
export async function registerEmployee(api: UserApi, draft: NewEmployee, replayedSince?: number): Promise<EmployeeView> {
  if (replayedSince !== undefined) {
    const existing = await findRegisteredSince(api, draft, replayedSince);
    if (existing) return existing;
  }
  const body = {
    email: draft.email,
    first_name: draft.firstName,
    last_name: draft.lastName,
    full_name: `${draft.firstName} ${draft.lastName}`,
    password: draft.password,
    password_confirm: draft.password,
    role: draft.role,
    professionality: draft.speciality,
  };
  try {
    const response = await api.request({ method: 'POST', path: '/auth/register/', schema: s.registerResponse, body, auth: false });
    // the registration's answer has no is_active; a new employee is active
    return { ...toEmployee(response.data.employee), isActive: true };
  } catch (error) {
    if (error instanceof BackendError && error.kind === 'validation' && !error.fields && /email/i.test(error.message)) {
      throw new BackendError('validation', error.message, { email: error.message }, error.detail);
    }
    throw error;
  }
}

export async function updateEmployee(api: UserApi, id: number, patch: EmployeeChanges): Promise<EmployeeView> {
  const body: Record<string, unknown> = {};
  if (patch.fullName !== undefined) body.full_name = patch.fullName;
  if (patch.role !== undefined) body.role = patch.role;
  if (patch.speciality !== undefined) body.professionality = patch.speciality;
  if (patch.isActive !== undefined) body.is_active = patch.isActive;
  const response = await api.request({ method: 'PATCH', path: `/auth/employees/${id}/`, schema: s.employeeResponse, body });
  return toEmployeeView(response.data);
}

/** Deletes the employee and their login account (200 with a message). */
export async function deleteEmployee(api: UserApi, id: number): Promise<void> {
  await api.request({ method: 'DELETE', path: `/auth/employees/${id}/`, schema: v.unknown() });
}
