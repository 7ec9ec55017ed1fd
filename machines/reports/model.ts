/**
 * The reports section's data as its screens show it. Amounts in so'm. The monthly report's own
 * mentor name is not used (the backend gives every entry the same one): each entry is named from
 * its groups as they are now.
 */

/** One group's paid invoices of the month. */
export interface ReportGroup {
  id: number;
  speciality: string | null;
  time: string | null;
  startingDate: string | null;
  revenue: number;
  mentorPayment: number;
  studentsCount: number;
}

/** One mentor's groups in the month. */
export interface MentorEarning {
  /** the mentor as their groups name them now; null when none of the groups could be read */
  name: string | null;
  revenue: number;
  mentorPayment: number;
  directorShare: number;
  studentsCount: number;
  groups: ReportGroup[];
}

/** An employee with a salary set for the month. */
export interface Salary {
  name: string;
  roleDisplay: string | null;
  amount: number;
  paid: boolean;
}

/**
 * `payment/reports/monthly/`: only paid invoices of groups that have a mentor count (the backend
 * leaves the others out of every figure), split per invoice between the mentor and the director.
 */
export interface MonthlyReportView {
  /** YYYY-MM */
  month: string;
  revenue: number;
  mentorPayments: number;
  directorShare: number;
  salaries: number;
  directorRemaining: number;
  mentors: MentorEarning[];
  /** employees with a salary set for the month */
  salaried: Salary[];
}

/** `payment/reports/balance/`: all time. */
export interface BalanceView {
  income: number;
  expenses: number;
  paidToMentors: number;
  paidSalaries: number;
  balance: number;
}
