import { press } from '../analytics/buttons.js';
import type { AnalyticsView, Figure } from '../analytics/model.js';
import { formatDate, formatMoney } from './format.js';
import { button, homeRow, html } from './kit-screens.js';
import { monthName } from './reports-screens.js';
import type { Screen } from './screen.js';
import { t } from './texts.js';

const a = t.analytics;

/** A figure's line, or what kept it from being read. */
function line<T>(label: string, figure: Figure<T>, value: (value: T) => string): string {
  return `${label}: ${figure.ok ? value(figure.value) : a.unread(html(figure.reason, 120))}`;
}

const statusLabel = (status: string) => t.payments.statuses[status] ?? t.payments.unknownStatus(html(status, 30));

export function summaryText(view: AnalyticsView): string {
  const lines = [a.title(formatDate(view.today)), ''];
  lines.push(line(`👥 ${a.students}`, view.students, (count) => a.count(count)));
  lines.push(
    line(`📚 ${a.groups}`, view.groups, (g) => {
      const parts = [a.total(g.total), a.running(g.running), a.planned(g.planned), a.finished(g.finished)];
      if (g.undated > 0) parts.push(a.undated(g.undated));
      const stages = parts.join(', ');
      return g.read < g.total ? `${stages} ${a.readOnly(g.read)}` : stages;
    }),
  );
  if (view.groups.ok) {
    const g = view.groups.value;
    lines.push(`💺 ${a.seats}: ${g.seats === 0 ? a.noSeats : a.seatsTaken(g.taken, g.seats, Math.round((g.taken / g.seats) * 100))}`);
  }
  lines.push(
    line(`💳 ${a.invoices}`, view.invoices, (invoices) =>
      [a.total(invoices.total), ...invoices.byStatus.map((entry) => `${statusLabel(entry.status)} ${entry.count}`)].join(', '),
    ),
  );
  if (view.income) lines.push(line(`💵 ${a.income}`, view.income, (income) => a.incomeOf(monthName(income.month), formatMoney(income.revenue))));
  lines.push(
    line(`📋 ${a.attendance}`, view.attendance, (records) => (records.complete ? a.records(records.count, formatDate(records.since)) : a.atLeast(records.count, formatDate(records.since)))),
  );
  return lines.join('\n');
}

/**
 * Each reading is a new message: the one before stays as it was read (with its date), and a
 * refresh whose figures did not change still visibly answers.
 */
export const analyticsScreens = {
  summary: (view: AnalyticsView): Screen => ({ text: summaryText(view), buttons: [[button(a.refresh, press.show())], homeRow], fresh: true }),
  failure: (message: string): Screen => ({ text: t.error(html(message, 300)), buttons: [[button(t.kit.retry, press.show())], homeRow], fresh: true }),
};
