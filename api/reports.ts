import type { UserApi } from './client.js';
import { BackendError } from './errors.js';
import * as s from './schemas.js';
import type { BalanceView, MentorEarning, MonthlyReportView } from '../machines/reports/model.js';

/**
 * The reports section's backend calls: `payment/reports/monthly/` and `payment/reports/balance/`.
 * The monthly report gives every mentor entry the name of one mentor (captures' README); each
 * entry is named here from its groups instead, read afresh.
 */

/** Group reads at a time, when naming the mentors of a month. */
const GROUP_READS_AT_ONCE = 5;

/** The mentor's name of each group, as the group detail has it now; absent when it could not be read. */
async function mentorNames(api: UserApi, groupIds: number[]): Promise<Map<number, string | null>> {
  const names = new Map<number, string | null>();
  for (let start = 0; start < groupIds.length; start += GROUP_READS_AT_ONCE) {
    const batch = groupIds.slice(start, start + GROUP_READS_AT_ONCE);
    const read = await Promise.allSettled(batch.map((id) => api.request({ method: 'GET', path: `/education/groups/${id}/`, schema: s.groupResponse })));
    read.forEach((result, index) => {
      if (result.status === 'fulfilled') names.set(batch[index]!, result.value.data.mentor_name ?? null);
      // the session ended: the whole call fails as such (the person logs in again)
      else if (result.reason instanceof BackendError && result.reason.kind === 'session') throw result.reason;
    });
  }
  return names;
}

export async function readMonthlyReport(api: UserApi, month: string): Promise<MonthlyReportView> {
  const report = await api.request({ method: 'GET', path: '/payment/reports/monthly/', schema: s.monthlyReport, query: { month } });
  const groupIds = [...new Set(report.mentor_earnings.flatMap((entry) => entry.groups_detail.map((group) => group.group_id)))];
  const names = await mentorNames(api, groupIds);
  const mentors: MentorEarning[] = report.mentor_earnings.map((entry) => ({
    name: entry.groups_detail.map((group) => names.get(group.group_id)).find((name): name is string => typeof name === 'string' && name.trim() !== '') ?? null,
    revenue: entry.total_revenue,
    mentorPayment: entry.mentor_payment,
    directorShare: entry.director_share,
    studentsCount: entry.students_count,
    groups: entry.groups_detail.map((group) => ({
      id: group.group_id,
      speciality: group.speciality_display,
      time: group.time,
      startingDate: group.starting_date,
      revenue: group.total_revenue,
      mentorPayment: group.mentor_payment,
      studentsCount: group.students_count,
    })),
  }));
  return {
    month: report.month,
    revenue: report.total_revenue,
    mentorPayments: report.total_mentor_payments,
    directorShare: report.total_director_share,
    salaries: report.total_employee_salaries,
    directorRemaining: report.director_remaining,
    mentors,
    salaried: report.employees.filter((employee) => employee.salary > 0).map((employee) => ({ name: employee.full_name, roleDisplay: employee.role_display, amount: employee.salary, paid: employee.is_paid })),
  };
}

export async function readBalance(api: UserApi): Promise<BalanceView> {
  const balance = await api.request({ method: 'GET', path: '/payment/reports/balance/', schema: s.balanceReport });
  return {
    income: balance.total_income,
    expenses: balance.total_expenses,
    paidToMentors: balance.total_paid_mentor_payments,
    paidSalaries: balance.total_paid_employee_salaries,
    balance: balance.balance,
  };
}
