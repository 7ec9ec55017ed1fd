import type { Employee } from '../api/types.js';
import type { Session } from '../storage/types.js';
import type { UserApi } from './client.js';
import * as s from './schemas.js';

export function toEmployee(e: s.Employee): Employee {
  return {
    id: e.id,
    email: e.email,
    fullName: e.full_name,
    role: e.role,
    roleDisplay: e.role_display ?? e.role,
    professionality: e.professionality,
    createdAt: e.created_at,
  };
}

/** Logs in and stores the session; the password goes to the backend and nowhere else. */
export async function login(api: UserApi, email: string, password: string, now: number): Promise<Employee> {
  const response = await api.request({ method: 'POST', path: '/auth/login/', schema: s.loginResponse, body: { email, password }, auth: false });
  const employee = toEmployee(response.data.employee);
  const session: Session = { ...response.data.tokens, employee, checkedAt: now };
  await api.sessions().setSession(api.userId, session);
  api.session = session;
  return employee;
}

/** The backend's current view of the person; also confirms the session works and renews the role. */
export async function profile(api: UserApi, now: number): Promise<Employee> {
  const response = await api.request({ method: 'GET', path: '/auth/profile/', schema: s.profileResponse });
  const employee = toEmployee(response.data);
  if (api.session) {
    const session: Session = { ...api.session, employee, checkedAt: now };
    await api.sessions().setSession(api.userId, session);
    api.session = session;
  }
  return employee;
}

/** Forgets the tokens. The backend has no revocation endpoint; the refresh token just expires. */
export async function logout(api: UserApi): Promise<void> {
  await api.sessions().deleteSession(api.userId);
  api.session = null;
}
