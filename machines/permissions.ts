/**
 * Who may do what, mirroring the backend's own rules (the backend is the source of truth; the
 * bot only avoids offering what the backend would refuse). Machines check these again on every
 * transition that changes data.
 */
export const roles = ['dasturchi', 'direktor', 'administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

const managers: readonly Role[] = ['dasturchi', 'direktor', 'administrator'];

export const rules = {
  /** POST/PATCH/DELETE /auth/students/: dasturchi and administrator (direktor gets 403) */
  'students.create': ['dasturchi', 'administrator'],
  'students.edit': ['dasturchi', 'administrator'],
  'students.delete': ['dasturchi', 'administrator'],
  /** booking/book/ is open on the backend; the bot is the only gate */
  'students.book': managers,
  /** booking/change-group/: administrator, mentor, dasturchi, direktor */
  'students.changeGroup': ['dasturchi', 'direktor', 'administrator', 'mentor'],
  /** booking/cancel/: administrator, dasturchi and mentor at any time (direktor only before the group starts, so not offered) */
  'students.cancelBooking': ['dasturchi', 'administrator', 'mentor'],
  /**
   * education/groups/ (CanViewGroups): every employee reads, a mentor only their own groups (the
   * backend filters the list and answers 404 for the others); POST, PATCH and DELETE only these three
   */
  'groups.create': managers,
  'groups.edit': managers,
  'groups.delete': managers,
  /** education/attendances/ (IsAdministratorOrMentor): every employee reads, unfiltered */
  'groups.attendance': roles,
  /** payment/create-payment/ (IsAuthenticated): every employee may ask for a Multicard link */
  'payments.link': roles,
  /** payment/mark-as-paid/: buxgalter, direktor and dasturchi (administrator and mentor get 403, captures 187, 188) */
  'payments.markPaid': ['dasturchi', 'direktor', 'buxgalter'],
  /**
   * The attendance section, for the roles of the seed's access matrix. The backend lets every
   * employee read the (unfiltered) list; a mentor is shown only their own groups' records.
   */
  'attendance.view': ['dasturchi', 'direktor', 'administrator', 'mentor'],
  /**
   * POST/PATCH education/attendances/ (IsAdministratorOrMentor): administrator, mentor, dasturchi,
   * direktor (buxgalter and assistent get 403, captures 217, 218). The backend checks no ownership
   * (capture 215): the bot lets a mentor mark only their own groups.
   */
  'attendance.mark': ['dasturchi', 'direktor', 'administrator', 'mentor'],
  /** auth/employees/ (IsEmployee): every employee reads the list, unfiltered (captures 103, 107); the section opens for all */
  'employees.list': roles,
  /**
   * auth/employees/{id}/ (IsDeveloperOrAdministrator): reading, changing and deleting an employee;
   * which employee, and which role may be given, is machines/employees/hierarchy.ts
   */
  'employees.view': managers,
  'employees.edit': managers,
  'employees.delete': managers,
  /** auth/register/ is AllowAny (captures 002–008): the bot is the only gate */
  'employees.create': managers,
  /**
   * payment/reports/monthly/ and balance/: MonthlyReportsView and BalanceView check these four
   * roles; mentor, sotuv_agenti and assistent get 403 (captures 278–280, 288–290)
   */
  'reports.view': ['dasturchi', 'direktor', 'administrator', 'buxgalter'],
  /**
   * the analytics summary: dasturchi, and direktor, who may read every list it counts (students,
   * groups, employee-invoices and attendances are open to every employee, a mentor's filtered) and the monthly report
   */
  'analytics.view': ['dasturchi', 'direktor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof rules;

export function can(role: string | undefined, permission: Permission): boolean {
  return role !== undefined && (rules[permission] as readonly string[]).includes(role);
}
