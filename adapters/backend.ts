import * as attendance from '../api/attendance.js';
import * as auth from '../api/auth.js';
import * as employees from '../api/employees.js';
import * as groups from '../api/groups.js';
import * as reports from '../api/reports.js';
import * as analytics from '../api/analytics.js';
import * as payments from '../api/payments.js';
import { BackendError } from '../api/errors.js';
import * as students from '../api/students.js';
import type { Employee } from '../api/types.js';
import { t } from '../machines/ui/texts.js';
import { tashkentDate } from '../machines/kit/dates.js';
import type { BackendImplementations, UpdateScope } from './provide.js';

/** The machines' backend calls, implemented with the BIMUZ client for the person of the update. */
export const backendImplementations: BackendImplementations = {
  login: ({ email, password }, scope) => throttledLogin(scope, email, password),
  fetchProfile: (_, scope) => readProfile(scope),
  logout: (_, scope) => auth.logout(scope.api),
  today: async (_, scope) => tashkentDate(scope.now),
  listStudents: ({ page, search }, scope) => students.listStudents(scope.api, page, search),
  getStudent: ({ id }, scope) => students.getStudent(scope.api, id),
  createStudent: (draft, scope) => withOurFieldNames(students.createStudent(scope.api, draft, createDecision(scope)), studentFields),
  updateStudent: ({ id, patch }, scope) => withOurFieldNames(students.updateStudent(scope.api, id, patch), studentFields),
  deleteStudent: ({ id }, scope) => students.deleteStudent(scope.api, id),
  listBookableGroups: ({ exceptGroupId }, scope) => students.listBookableGroups(scope.api, exceptGroupId),
  bookStudent: ({ studentId, groupId }, scope) => students.bookStudent(scope.api, studentId, groupId),
  changeStudentGroup: ({ studentId, groupId }, scope) => students.changeStudentGroup(scope.api, studentId, groupId),
  cancelStudentBooking: ({ studentId }, scope) => students.cancelStudentBooking(scope.api, studentId),
  listGroups: ({ page }, scope) => groups.listGroups(scope.api, page),
  getGroup: ({ id }, scope) => groups.getGroup(scope.api, id, tashkentDate(scope.now)),
  createGroup: (draft, scope) => withOurFieldNames(groups.createGroup(scope.api, draft, tashkentDate(scope.now), createDecision(scope)?.replayedSince), groupFields),
  updateGroup: ({ id, patch }, scope) => withOurFieldNames(groups.updateGroup(scope.api, id, patch, tashkentDate(scope.now)), groupFields),
  deleteGroup: ({ id }, scope) => groups.deleteGroup(scope.api, id),
  listMentors: (_, scope) => groups.listMentors(scope.api),
  listGroupLessons: async ({ groupId }, scope) => {
    const group = await groups.getGroup(scope.api, groupId, tashkentDate(scope.now));
    return { group, ...(await groups.listGroupLessons(scope.api, groupId)) };
  },
  getLesson: async ({ id, groupId }, scope) => {
    const group = await groups.getGroup(scope.api, groupId, tashkentDate(scope.now));
    return { group, lesson: await groups.getLesson(scope.api, id) };
  },
  readMonthlyReport: ({ month }, scope) => reports.readMonthlyReport(scope.api, month),
  readBalance: (_, scope) => reports.readBalance(scope.api),
  readAnalytics: ({ income }, scope) => analytics.readAnalytics(scope.api, { income, today: tashkentDate(scope.now) }),
  listAttendance: async ({ page, groupId, from, to, ownGroupsOnly }, scope) => {
    // the group is read first: it names the filter, and a mentor's read of another's group is refused (404)
    const [group, ownGroups] = await Promise.all([
      groupId === null ? null : groups.getGroup(scope.api, groupId, tashkentDate(scope.now)),
      ownGroupsOnly ? attendance.ownGroupIds(scope.api) : null,
    ]);
    const list = await attendance.listAttendance(scope.api, { page, groupId, from, to, ownGroups });
    return { ...list, group };
  },
  getAttendance: async ({ id, ownGroupsOnly }, scope) => {
    const record = await attendance.getAttendance(scope.api, id);
    // the backend shows a mentor every record, but answers 404 for another mentor's group
    if (ownGroupsOnly) await groups.getGroup(scope.api, record.groupId, tashkentDate(scope.now));
    return record;
  },
  openMarking: async ({ groupId, date }, scope) => {
    const group = await groups.getGroup(scope.api, groupId, tashkentDate(scope.now));
    const [roster, existing] = await Promise.all([
      attendance.groupStudents(scope.api, groupId, group.studentsCount),
      attendance.findRecord(scope.api, groupId, date),
    ]);
    return { group, date, students: roster.students, complete: roster.complete, existing };
  },
  saveAttendance: async (marking, scope) => {
    const saved = await attendance.saveAttendance(scope.api, marking);
    return { record: await attendance.getAttendance(scope.api, saved.id), corrected: saved.corrected };
  },
  listEmployees: ({ page, search }, scope) => employees.listEmployees(scope.api, page, search),
  getEmployee: ({ id }, scope) => employees.getEmployee(scope.api, id),
  readParties: async ({ targetId }, scope) => {
    const actor = await readProfile(scope);
    return { actor, target: targetId === null ? null : await employees.getEmployee(scope.api, targetId) };
  },
  registerEmployee: (draft, scope) => withOurFieldNames(employees.registerEmployee(scope.api, draft, createDecision(scope)?.replayedSince), employeeFields),
  updateEmployee: ({ id, patch }, scope) => withOurFieldNames(employees.updateEmployee(scope.api, id, patch), employeeFields),
  deleteEmployee: ({ id }, scope) => employees.deleteEmployee(scope.api, id),
  listInvoices: (query, scope) => payments.listInvoices(scope.api, query),
  getInvoiceFacts: ({ id }, scope) => payments.getInvoiceFacts(scope.api, id),
  createPaymentLink: async ({ id }, scope) => {
    const link = await payments.requestPaymentLink(scope.api, id);
    // the link is made: it reaches the person even when the invoice cannot be read again
    const facts = await payments.getInvoiceFacts(scope.api, id).catch(() => null);
    return { link, facts };
  },
  checkPayment: ({ id }, scope) => payments.checkPayment(scope.api, id),
  markInvoicePaid: ({ id, method }, scope) => payments.markInvoicePaid(scope.api, id, method),
};

/** At most this many failed logins per Telegram user within the window; then the next waits. */
export const LOGIN_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * A login, unless the person failed LOGIN_ATTEMPTS times in the last 15 minutes (counted in the
 * store, so every replica sees the same count): then the backend is not asked and the person is
 * told in how many minutes to try again. Wrong credentials count; a success forgets the count.
 */
async function throttledLogin(scope: UpdateScope, email: string, password: string): Promise<Employee> {
  const throttle = scope.api.sessions();
  const userId = scope.api.userId;
  const blockedUntil = await throttle.loginBlockedUntil(userId, LOGIN_ATTEMPTS, LOGIN_WINDOW_MS, scope.now);
  if (blockedUntil !== null) {
    throw new BackendError('validation', t.loginThrottled(Math.max(1, Math.ceil((blockedUntil - scope.now) / 60_000))), undefined, 'throttled');
  }
  try {
    const employee = await auth.login(scope.api, email, password, scope.now);
    await throttle.resetLoginFailures(userId);
    return employee;
  } catch (error) {
    if (error instanceof BackendError && error.kind === 'validation') await throttle.recordLoginFailure(userId, LOGIN_WINDOW_MS, scope.now);
    throw error;
  }
}

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

/** The backend's field names to ours, per section: refusals come keyed by the former. */
const ourNames = (backendFieldOf: Record<string, string>) => new Map(Object.entries(backendFieldOf).map(([ours, theirs]) => [theirs, ours]));
const studentFields = ourNames(students.backendFieldOf);
const groupFields = ourNames(groups.groupFieldOf);
const employeeFields = new Map([...ourNames(employees.employeeFieldOf), ...Object.entries(employees.alsoOurs)]);

/** Refusals name the backend's fields (`passport_serial_number`); the flows know them by our names. */
async function withOurFieldNames<T>(call: Promise<T>, ourFieldName: Map<string, string>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof BackendError) || !error.fields) throw error;
    const fields = Object.fromEntries(Object.entries(error.fields).map(([key, reason]) => [ourFieldName.get(key) ?? key, reason]));
    throw new BackendError(error.kind, error.message, fields, error.detail);
  }
}
