import { press } from '../reports/buttons.js';
import type { BalanceView, MentorEarning, MonthlyReportView, ReportGroup } from '../reports/model.js';
import { shiftMonth } from '../reports/month.js';
import { formatDate, formatMoney, formatTime } from './format.js';
import { button, failureScreen, homeRow, html } from './kit-screens.js';
import type { InlineButton, Screen } from './screen.js';
import { t } from './texts.js';

const r = t.reports;

/** Mentors and groups listed on one screen; the rest are counted (a screen stays within Telegram's 4096 characters). */
export const MENTORS_LISTED = 6;
export const GROUPS_LISTED = 3;
export const SALARIES_LISTED = 5;

/** `Noyabr 2026` from `2026-11`. */
export function monthName(month: string): string {
  const [year, number] = month.split('-');
  return `${r.months[Number(number) - 1] ?? number} ${year}`;
}

const money = (amount: number) => formatMoney(amount);

function groupLine(group: ReportGroup): string {
  const name = [html(group.speciality, 25) || r.group(group.id), group.time ? formatTime(group.time) : null, group.startingDate ? r.since(formatDate(group.startingDate)) : null]
    .filter(Boolean)
    .join(', ');
  return `   • ${name}: ${money(group.revenue)} (${r.students(group.studentsCount)})`;
}

function mentorLines(mentor: MentorEarning, index: number): string[] {
  const name = mentor.name === null ? r.unnamedMentor : `<b>${html(mentor.name, 40)}</b>`;
  const lines = [`${index + 1}. ${name}: ${r.mentorFigures(money(mentor.revenue), money(mentor.mentorPayment), mentor.groups.length, mentor.studentsCount)}`];
  lines.push(...mentor.groups.slice(0, GROUPS_LISTED).map(groupLine));
  if (mentor.groups.length > GROUPS_LISTED) lines.push(`   ${r.moreGroups(mentor.groups.length - GROUPS_LISTED)}`);
  return lines;
}

/** The month's report text: the totals (labelled as what they are), the mentors, the salaries. */
function monthlyText(report: MonthlyReportView): string {
  const lines = [r.monthTitle(monthName(report.month)), ''];
  if (report.mentors.length === 0) lines.push(r.noPayments);
  else {
    lines.push(
      r.withMentor,
      `💵 ${r.revenue}: ${money(report.revenue)}`,
      `👨‍🏫 ${r.mentorPayments}: ${money(report.mentorPayments)}`,
      `🏢 ${r.directorShare}: ${money(report.directorShare)}`,
    );
  }
  lines.push(`👥 ${r.salaries}: ${money(report.salaries)}`);
  if (report.mentors.length > 0) lines.push(`💼 ${r.directorRemaining}: ${money(report.directorRemaining)}`);
  if (report.mentors.length > 0) {
    lines.push('', r.mentorsTitle(report.mentors.length));
    report.mentors.slice(0, MENTORS_LISTED).forEach((mentor, index) => lines.push(...mentorLines(mentor, index)));
    if (report.mentors.length > MENTORS_LISTED) lines.push(r.moreMentors(report.mentors.length - MENTORS_LISTED));
  }
  if (report.salaried.length > 0) {
    lines.push('', r.salariesTitle);
    for (const salary of report.salaried.slice(0, SALARIES_LISTED)) {
      const role = salary.roleDisplay ? ` (${html(salary.roleDisplay, 30)})` : '';
      lines.push(`• ${html(salary.name, 40)}${role}: ${money(salary.amount)}, ${salary.paid ? r.paid : r.unpaid}`);
    }
    if (report.salaried.length > SALARIES_LISTED) lines.push(r.moreSalaries(report.salaried.length - SALARIES_LISTED));
  }
  lines.push('', r.withoutMentorNote);
  return lines.join('\n');
}

const backRow = (): InlineButton[] => [button(r.back, press.home())];

export const reportScreens = {
  /** The choice of reports; without today's month only typing one and the balance are offered. */
  home(thisMonth: string | null): Screen {
    const rows: InlineButton[][] = [];
    if (thisMonth) {
      rows.push([button(r.thisMonth(monthName(thisMonth)), press.month(thisMonth)), button(r.lastMonth(monthName(shiftMonth(thisMonth, -1))), press.month(shiftMonth(thisMonth, -1)))]);
    }
    rows.push([button(r.balanceButton, press.balance())], homeRow);
    return { text: [r.title, '', r.choose, r.typeMonth].join('\n'), buttons: rows };
  },

  monthly(report: MonthlyReportView, thisMonth: string | null): Screen {
    const around: InlineButton[] = [button(`⬅️ ${monthName(shiftMonth(report.month, -1))}`, press.month(shiftMonth(report.month, -1)))];
    if (thisMonth === null || report.month < thisMonth) around.push(button(`${monthName(shiftMonth(report.month, 1))} ➡️`, press.month(shiftMonth(report.month, 1))));
    return { text: monthlyText(report), buttons: [around, [button(r.balanceButton, press.balance())], backRow(), homeRow] };
  },

  balance(balance: BalanceView, thisMonth: string | null): Screen {
    const lines = [
      r.balanceTitle,
      '',
      `💵 ${r.income}: ${money(balance.income)}`,
      `💸 ${r.expenses}: ${money(balance.expenses)}`,
      `   • ${r.paidToMentors}: ${money(balance.paidToMentors)}`,
      `   • ${r.paidSalaries}: ${money(balance.paidSalaries)}`,
      `🏦 <b>${r.balance}: ${money(balance.balance)}</b>`,
    ];
    const rows: InlineButton[][] = [];
    if (thisMonth) rows.push([button(r.thisMonth(monthName(thisMonth)), press.month(thisMonth))]);
    rows.push(backRow(), homeRow);
    return { text: lines.join('\n'), buttons: rows };
  },

  /** A typed text that is not a month: why, and how to type one (a new message; the report above stays). */
  badMonth: (reason: string): Screen => ({ text: `${t.error(reason)}\n${r.typeMonth}`, fresh: true }),

  failure: (message: string, retry: ReturnType<typeof press.balance> | null): Screen => failureScreen(message, { retry, back: press.home(), backLabel: r.back }),
};
