import { press } from '../payments/buttons.js';
import {
  invoiceStatuses,
  isOpen,
  needsLink,
  type InvoicePage,
  type InvoiceRow,
  type InvoiceView,
  type ListQuery,
  type PaymentLink,
  type PaymentMethod,
  type PaymentProgress,
} from '../payments/model.js';
import { can } from '../permissions.js';
import type { ButtonData } from './callback.js';
import { clip, escapeHtml, formatDate, formatDateTime, formatMoney } from './format.js';
import { button, failureScreen, homeRow, html, line, withNotice } from './kit-screens.js';
import type { InlineButton, Screen } from './screen.js';
import { buttons, t } from './texts.js';

/**
 * The payments section's screens: pure functions from data to a Screen. User data is escaped and
 * clipped here, so that no screen passes Telegram's limits whatever the backend holds.
 */

const w = t.payments;
const home = homeRow;

/** Only real web links become links and link buttons. */
const webLink = (url: string | null): url is string => !!url && /^https?:\/\/\S+$/.test(url) && url.length <= 1000;

/** Each status its own icon: 🆕 created, ⏳ pending, ✅ paid, ❌ cancelled, 📄 anything else. */
export function statusIcon(status: string): string {
  return ({ created: '🆕', pending: '⏳', paid: '✅', cancelled: '❌' } as Record<string, string>)[status] ?? '📄';
}

/** The status with its icon, in Uzbek; an unknown one as the backend wrote it. */
export function statusLabel(status: string, display?: string | null): string {
  return w.statuses[status] ?? w.unknownStatus(html(display || status, 40));
}

function methodLabel(method: string): string {
  return w.methods[method] ?? html(method, 40);
}

/** `✅ №12 · Aliyev Vali · 1 250 000 so'm`: a list row's button. */
export function rowLabel(row: InvoiceRow): string {
  const name = clip(row.studentName.trim(), 32) || '—';
  return `${statusIcon(row.status)} №${row.id} · ${name} · ${formatMoney(row.amount)}`;
}

const withPage = (query: ListQuery, page: number): ListQuery => ({ ...query, page });

export const paymentScreens = {
  list(page: InvoicePage, query: ListQuery, view: { role: string; notice?: string | null }): Screen {
    const shown = withPage(query, page.page);
    const scope = query.scope;
    const search = scope.kind === 'all' && scope.search ? html(scope.search, 60) : null;
    const lines = [w.list.title(page.count)];
    if (scope.kind === 'student') lines.push(w.list.student(html(page.scopeName ?? `#${scope.id}`, 80)));
    if (scope.kind === 'group') lines.push(w.list.group(html(page.scopeName ?? `#${scope.id}`, 100)));
    if (search) lines.push(w.list.searching(search));
    if (query.status) lines.push(w.list.filtering(statusLabel(query.status)));
    if (view.role === 'mentor') lines.push(w.list.mentorOnly);
    if (page.count === 0) lines.push('', search || query.status ? w.list.nothingFound : w.list.empty);
    else lines.push(w.list.page(page.page, page.pages));
    if (!page.complete) lines.push(w.list.incomplete(page.count));
    if (scope.kind === 'all') lines.push('', w.list.searchHint);

    const rows: InlineButton[][] = page.invoices.map((row) => [button(rowLabel(row), press.open(row.id))]);
    const paging: InlineButton[] = [];
    if (page.page > 1) paging.push(button(buttons.previous, press.list(withPage(shown, page.page - 1))));
    if (page.page < page.pages) paging.push(button(buttons.next, press.list(withPage(shown, page.page + 1))));
    if (paging.length > 0) rows.push(paging);
    rows.push([button(query.status ? `${w.list.filter}: ${statusLabel(query.status)}` : w.list.filter, press.filter(shown))]);
    const clearing: InlineButton[] = [];
    if (search) clearing.push(button(w.list.clearSearch, press.list({ ...query, scope: { kind: 'all', search: null }, page: 1 })));
    if (query.status) clearing.push(button(w.list.clearFilter, press.list({ ...query, status: null, page: 1 })));
    if (clearing.length > 0) rows.push(clearing);
    if (scope.kind !== 'all') rows.push([button(w.allInvoices, press.list({ scope: { kind: 'all', search: null }, status: null, page: 1 }))]);
    rows.push(home);
    return { text: withNotice(view.notice, lines.join('\n')), buttons: rows };
  },

  /** The status picker: each choice is the same list with that status, from its first page. */
  filter(query: ListQuery): Screen {
    const search = query.scope.kind === 'all' && query.scope.search ? html(query.scope.search, 60) : null;
    const choice = (label: string, status: ListQuery['status']) =>
      button(query.status === status ? w.filter.current(label) : label, press.list({ ...query, status, page: 1 }));
    const rows: InlineButton[][] = [[choice(w.filter.all, null)], ...invoiceStatuses.map((status) => [choice(statusLabel(status), status)])];
    rows.push([button(buttons.back, press.list(query))]);
    return { text: w.filter.title(search), buttons: rows };
  },

  detail(
    invoice: InvoiceView,
    view: {
      role: string;
      /** the list the back button returns to */
      query: ListQuery;
      /** null: the progress could not be computed */
      progress: PaymentProgress | null;
      /** a link was asked for and failed on this screen: not offered again until the invoice is opened afresh */
      linkFailed?: boolean;
      notice?: string | null;
    },
  ): Screen {
    const d = w.detail;
    const lines = [
      d.title(statusIcon(invoice.status), invoice.id),
      '',
      line(d.status, statusLabel(invoice.status, invoice.statusDisplay)),
      line(d.amount, `<b>${formatMoney(invoice.amount)}</b>`),
      line(d.student, html(invoice.studentName || '—', 120)),
      line(d.phone, html(invoice.studentPhone ?? '—', 40)),
      line(d.group, html(invoice.groupName ?? `#${invoice.groupId}`, 120)),
    ];
    if (invoice.createdAt) lines.push(line(d.created, formatDate(invoice.createdAt)));
    if (invoice.status === 'paid') {
      if (invoice.paymentTime) lines.push(line(d.paidAt, formatDateTime(invoice.paymentTime)));
      if (invoice.paymentMethod) lines.push(line(d.method, methodLabel(invoice.paymentMethod)));
      if (invoice.cardPan) lines.push(line(d.card, html(invoice.cardPan, 24)));
      if (webLink(invoice.receiptUrl)) lines.push(line(d.receipt, `<a href="${escapeHtml(invoice.receiptUrl)}">${d.openLink}</a>`));
    }
    if (invoice.status === 'pending' && webLink(invoice.checkoutUrl)) {
      lines.push(line(d.checkout, `<a href="${escapeHtml(invoice.checkoutUrl)}">${d.openLink}</a>`));
    }
    lines.push('');
    const p = view.progress;
    if (p) {
      lines.push(d.progressTitle, d.progressPaid(formatMoney(p.paid), p.paidInvoices, p.invoices), d.progressTotal(formatMoney(p.total)));
      lines.push(p.remaining > 0 ? d.progressRemaining(formatMoney(p.remaining)) : d.progressDone);
    } else lines.push(d.progressUnavailable);

    const rows: InlineButton[][] = [];
    if (isOpen(invoice)) {
      if (needsLink(invoice) && !view.linkFailed) rows.push([button(d.createLink, press.link(invoice.id))]);
      if (invoice.status === 'pending' && webLink(invoice.checkoutUrl)) {
        rows.push([{ label: d.openCheckout, url: invoice.checkoutUrl }, button(d.check, press.check(invoice.id))]);
      }
      if (can(view.role, 'payments.markPaid')) rows.push([button(d.markPaid, press.pay(invoice.id))]);
    }
    if (invoice.status === 'paid' && webLink(invoice.receiptUrl)) rows.push([{ label: d.openReceipt, url: invoice.receiptUrl }]);
    rows.push([button(w.toList, press.list(view.query))], home);
    return { text: withNotice(view.notice, lines.join('\n')), buttons: rows };
  },

  /** A new message with the link as a button and as text to copy, under the refreshed detail. */
  linkReady(invoice: InvoiceView, link: PaymentLink): Screen {
    const url = webLink(link.shortLink) ? link.shortLink : link.checkoutUrl;
    const rows: InlineButton[][] = [];
    if (webLink(link.checkoutUrl)) rows.push([{ label: w.link.open, url: link.checkoutUrl }]);
    rows.push([button(w.detail.check, press.check(invoice.id))]);
    return {
      text: w.link.ready(invoice.id, html(invoice.studentName || '—', 80), formatMoney(invoice.amount), `<code>${html(url, 500)}</code>`),
      buttons: rows,
      fresh: true,
    };
  },

  /** Names the invoice, the student and the amount; choosing how it was paid confirms. */
  confirmPaid(invoice: InvoiceView): Screen {
    const m = w.markPaid;
    const method = (label: string, value: PaymentMethod) => button(label, press.confirmPaid(invoice.id, value));
    return {
      text: m.confirm(invoice.id, html(invoice.studentName || '—', 120), formatMoney(invoice.amount)),
      buttons: [[method(m.cash, 'cash')], [method(m.bank, 'bank_transfer')], [button(m.keep, press.open(invoice.id))]],
    };
  },

  /** The line on the detail after marking it paid. */
  markedPaid(invoice: InvoiceView, method: PaymentMethod): string {
    return w.markPaid.done(invoice.id, formatMoney(invoice.amount), methodLabel(method));
  },

  /** An invoice this person's own list does not hold (another mentor's group). */
  notYours(back: ListQuery): Screen {
    return { text: w.notYours, buttons: [[button(w.toList, press.list(back))], home] };
  },

  /** A call failed: its reason, a retry that repeats the same navigation when it makes sense, and a way back. */
  failure(message: string, retry: ButtonData | null, back: ListQuery): Screen {
    return failureScreen(message, { retry, back: press.list(back), backLabel: w.toList });
  },
};
