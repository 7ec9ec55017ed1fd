import * as auth from '../api/auth.js';
import { BackendError } from '../api/errors.js';
import * as students from '../api/students.js';
import type { Employee } from '../api/types.js';
import type { BackendImplementations, UpdateScope } from './provide.js';

/** The machines' backend calls, implemented with the BIMUZ client for the person of the update. */
export const backendImplementations: BackendImplementations = {
  login: ({ email, password }, scope) => auth.login(scope.api, email, password, scope.now),
  fetchProfile: (_, scope) => readProfile(scope),
  logout: (_, scope) => auth.logout(scope.api),
  today: async (_, scope) => tashkentDate(scope.now),
  listStudents: ({ page, search }, scope) => students.listStudents(scope.api, page, search),
  getStudent: ({ id }, scope) => students.getStudent(scope.api, id),
  createStudent: (draft, scope) => withOurFieldNames(students.createStudent(scope.api, draft, createDecision(scope))),
  updateStudent: ({ id, patch }, scope) => withOurFieldNames(students.updateStudent(scope.api, id, patch)),
  deleteStudent: ({ id }, scope) => students.deleteStudent(scope.api, id),
  listBookableGroups: ({ exceptGroupId }, scope) => students.listBookableGroups(scope.api, exceptGroupId),
  bookStudent: ({ studentId, groupId }, scope) => students.bookStudent(scope.api, studentId, groupId),
  changeStudentGroup: ({ studentId, groupId }, scope) => students.changeStudentGroup(scope.api, studentId, groupId),
  cancelStudentBooking: ({ studentId }, scope) => students.cancelStudentBooking(scope.api, studentId),
};

/**
 * The person's profile, read from the backend at most once per update: the runtime's check of a
 * role due to be confirmed and a machine's own reading (/start, the profile screen) share it.
 */
export function readProfile(scope: UpdateScope): Promise<Employee> {
  scope.profile ??= auth.profile(scope.api, scope.now);
  return scope.profile;
}

function createDecision(scope: UpdateScope): students.CreateDecision | undefined {
  const decision = scope.decision;
  if (!decision) return undefined;
  return { seed: decision.seed, replayedSince: decision.replayed ? decision.receivedAt : undefined };
}

/** The calendar date in Tashkent (UTC+5, no daylight saving), where the centre and its backend are. */
function tashkentDate(now: number): string {
  return new Date(now + 5 * 3600_000).toISOString().slice(0, 10);
}

const ourFieldName = new Map(Object.entries(students.backendFieldOf).map(([ours, theirs]) => [theirs, ours]));

/** Refusals name the backend's fields (`passport_serial_number`); the flows know them by our names. */
async function withOurFieldNames<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof BackendError) || !error.fields) throw error;
    const fields = Object.fromEntries(Object.entries(error.fields).map(([key, reason]) => [ourFieldName.get(key) ?? key, reason]));
    throw new BackendError(error.kind, error.message, fields, error.detail);
  }
}
