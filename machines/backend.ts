import { fromPromise } from 'xstate';
import type * as attendance from './attendance/model.js';
import type * as employees from './employees/model.js';
import type * as groups from './groups/model.js';
import type * as reports from './reports/model.js';
import type * as analytics from './analytics/model.js';
import type * as payments from './payments/model.js';
import type * as students from './students/model.js';
import type { Employee, Failure } from '../api/types.js';
import { clip } from './ui/format.js';
import { t } from './ui/texts.js';

export type { Failure };

/**
 * Every backend call a machine can make, by name, with its input and output. Machines invoke
 * them by name (`invoke: { src: 'login' }`); the adapter provides the implementations and tests
 * provide fakes. An implementation rejects with a Failure.
 */
export interface BackendCalls {
  login: { input: { email: string; password: string }; output: Employee };
  fetchProfile: { input: void; output: Employee };
  logout: { input: void; output: void };
  /** not the backend: the runtime's date (YYYY-MM-DD, Tashkent), so that machines never read a clock */
  today: { input: void; output: string };
  listStudents: { input: { page: number; search: string | null }; output: students.StudentPage };
  getStudent: { input: { id: number }; output: students.StudentView };
  /** the implementation gives the student a strong random password and returns it once */
  createStudent: { input: students.StudentDraft; output: students.CreatedStudent };
  updateStudent: { input: { id: number; patch: students.StudentPatch }; output: students.StudentView };
  deleteStudent: { input: { id: number }; output: void };
  /** groups that accept bookings and have a free seat, soonest first */
  listBookableGroups: { input: { exceptGroupId: number | null }; output: students.GroupOption[] };
  bookStudent: { input: { studentId: number; groupId: number }; output: students.BookingResult };
  changeStudentGroup: { input: { studentId: number; groupId: number }; output: students.GroupChangeResult };
  cancelStudentBooking: { input: { studentId: number }; output: students.BookingCancelResult };
  /** the backend reads only the page (a mentor gets their own groups); the search is always null */
  listGroups: { input: { page: number; search: string | null }; output: groups.GroupPage };
  getGroup: { input: { id: number }; output: groups.GroupView };
  createGroup: { input: groups.GroupDraft; output: groups.GroupView };
  updateGroup: { input: { id: number; patch: groups.GroupPatch }; output: groups.GroupView };
  /** its invoices, paid ones too, and its attendance go with it; its students are detached */
  deleteGroup: { input: { id: number }; output: void };
  /** active employees whose role is mentor, by name */
  listMentors: { input: void; output: groups.MentorOption[] };
  /** the group, and its lessons among the newest pages of the (unfiltered) attendance list */
  listGroupLessons: { input: { groupId: number }; output: groups.GroupLessons };
  /** one lesson, with its group as it is now */
  getLesson: { input: { id: number; groupId: number }; output: { group: groups.GroupView; lesson: groups.LessonView } };
  /** the month's report (YYYY-MM), each mentor named from their groups as they are now */
  readMonthlyReport: { input: { month: string }; output: reports.MonthlyReportView };
  readBalance: { input: void; output: reports.BalanceView };
  /** every figure of the summary at once; `income`: whether to read this month's report */
  readAnalytics: { input: { income: boolean }; output: analytics.AnalyticsView };
  /** the attendance list, narrowed by the bot (the backend ignores its filters): see machines/attendance/model.ts */
  listAttendance: { input: attendance.AttendanceQuery; output: attendance.AttendancePage };
  /** one record; with `ownGroupsOnly`, refused (notFound) when its group is not the person's */
  getAttendance: { input: { id: number; ownGroupsOnly: boolean }; output: attendance.AttendanceView };
  /** the group as it is now, its students and the day's existing record */
  openMarking: { input: { groupId: number; date: string }; output: attendance.MarkingSheet };
  /** a new record, or a correction of the day's existing one (PATCH), never two records */
  saveAttendance: {
    input: { groupId: number; date: string; mentorId: number | null; participants: number[]; recordId: number | null };
    output: attendance.MarkingResult;
  };
  /** every employee reads the list (unfiltered); the backend searches name, email, role and speciality */
  listEmployees: { input: { page: number; search: string | null }; output: employees.EmployeePage };
  getEmployee: { input: { id: number }; output: employees.EmployeeView };
  /** the acting employee's profile and the target (when there is one), both read afresh, right before a change */
  readParties: { input: { targetId: number | null }; output: employees.FreshParties };
  /** registration takes any role from anyone: the flow checks the hierarchy first */
  registerEmployee: { input: employees.EmployeeDraft; output: employees.EmployeeView };
  updateEmployee: { input: { id: number; patch: employees.EmployeePatch }; output: employees.EmployeeView };
  /** their login account goes with them */
  deleteEmployee: { input: { id: number }; output: void };
  /** a page of invoices: all (the backend's search and status filter together), or one student's or group's */
  listInvoices: { input: payments.ListQuery; output: payments.InvoicePage };
  /** the invoice, all of that student's invoices for that group (every page) and the group's price */
  getInvoiceFacts: { input: { id: number }; output: payments.InvoiceFacts };
  /**
   * a Multicard link (a write, never retried; a paid or cancelled invoice is refused without it), and
   * the invoice read again after it (null when that read failed); it becomes pending
   */
  createPaymentLink: { input: { id: number }; output: { link: payments.PaymentLink; facts: payments.InvoiceFacts | null } };
  /** asks the backend to check the payment with Multicard */
  checkPayment: { input: { id: number }; output: payments.PaymentCheck };
  /** cash or bank transfer (a write, never retried) */
  markInvoicePaid: { input: { id: number; method: payments.PaymentMethod }; output: { updated: number } };
}

export type BackendCallName = keyof BackendCalls;

const callName = Symbol('backend call');

/**
 * The placeholder a machine declares; it fails loudly if nobody provided the real call. The name
 * given here (checked against BackendCalls) is what the adapter and the tests provide it by,
 * whatever key the machine files it under in `setup({ actors })`.
 */
export function backendCall<K extends BackendCallName>(name: K) {
  const logic = fromPromise<BackendCalls[K]['output'], BackendCalls[K]['input']>(async () => {
    throw new Error(`backend call '${name}' was not provided`);
  });
  return Object.assign(logic, { [callName]: name });
}

/** The name a placeholder was made with by `backendCall`, or null for any other logic. */
export function backendCallName(logic: unknown): BackendCallName | null {
  return typeof logic === 'object' && logic !== null && callName in logic ? (logic as { [callName]: BackendCallName })[callName] : null;
}

/** The most of a failure's reason a screen shows, in characters (a screen holds 4096). */
export const FAILURE_REASON_MAX = 300;

/**
 * A backend call's failure as the machines read it. Its reasons are the backend's own texts, of
 * any length: they are clipped here, so that no screen that shows one passes Telegram's limit.
 */
export function asFailure(error: unknown): Failure {
  if (!(error && typeof error === 'object' && 'kind' in error && 'message' in error)) return { kind: 'server', message: t.unexpected };
  const { kind, message, fields } = error as Failure;
  const clipped = { kind, message: clip(message, FAILURE_REASON_MAX) };
  if (!fields) return clipped;
  return { ...clipped, fields: Object.fromEntries(Object.entries(fields).map(([field, reason]) => [field, clip(reason, FAILURE_REASON_MAX)])) };
}
