import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decodeQuery, encodeQuery, press } from '../../machines/payments/buttons.js';
import {
  firstPage,
  invoiceSearch,
  invoiceStatuses,
  progressOf,
  visibleInOwnList,
  type ListQuery,
  type PaymentProgress,
} from '../../machines/payments/model.js';
import { roles } from '../../machines/permissions.js';
import { decodeButton, encodeButton } from '../../machines/ui/callback.js';
import { formatDateTime } from '../../machines/ui/format.js';
import { paymentScreens, rowLabel, statusIcon } from '../../machines/ui/payments-screens.js';
import type { Screen } from '../../machines/ui/screen.js';
import { normaliseSearch } from '../../machines/validation.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { anInvoicePage, anInvoiceView } from './payments-fixtures.js';

/** What Telegram would refuse: text over 4096 characters, broken HTML, callback data over 64 bytes. */
function expectSendable(screen: Screen): void {
  const parsed = parseTelegramHtml(screen.text);
  expect(parsed.text.length).toBeGreaterThan(0);
  expect(parsed.text.length).toBeLessThanOrEqual(4096);
  for (const button of screen.buttons?.flat() ?? []) {
    expect(button.label.trim()).not.toBe('');
    if ('data' in button) expect(() => encodeButton(button.data)).not.toThrow();
  }
}

/** The screen as a person reads it: the text, then each row of buttons. */
function read(screen: Screen): string {
  const rows = (screen.buttons ?? []).map((row) => row.map((b) => ('url' in b ? `[${b.label} → ${b.url}]` : `[${b.label}]`)).join(' '));
  return [parseTelegramHtml(screen.text).text, '', ...rows].join('\n');
}

const progress: PaymentProgress = { paid: 1_500_000, total: 3_000_000, remaining: 1_500_000, invoices: 2, paidInvoices: 1 };
const query: ListQuery = { scope: { kind: 'all', search: 'Capov' }, status: 'pending', page: 2 };
describe('payments screens', () => {
  it('gives each status its own icon', () => {
    expect(invoiceStatuses.map(statusIcon)).toEqual(['🆕', '⏳', '✅', '❌']);
    expect(statusIcon('refunded')).toBe('📄');
  });

  it("labels a row with id, student and amount as `1 250 000 so'm`", () => {
    expect(rowLabel({ id: 25, studentName: 'Capov Aziz', amount: 1_250_000, status: 'pending' })).toBe("⏳ №25 · Capov Aziz · 1 250 000 so'm");
  });

  it('shows search and filter together in the header, each clearable, and pages keeping both', () => {
    const screen = paymentScreens.list(anInvoicePage(), query, { role: 'buxgalter' });
    expect(read(screen)).toMatchSnapshot();
    const data = screen.buttons!.flat().flatMap((b) => ('data' in b ? [b.data] : []));
    const lists = data.filter((d) => d.action === 'list').map((d) => decodeQuery(d));
    expect(lists).toContainEqual({ ...query, page: 1 });
    expect(lists).toContainEqual({ ...query, page: 3 });
    expect(lists).toContainEqual({ scope: { kind: 'all', search: null }, status: 'pending', page: 1 });
    expect(lists).toContainEqual({ scope: { kind: 'all', search: 'Capov' }, status: null, page: 1 });
    expectSendable(screen);
  });

  it("tells a mentor the list holds their groups' invoices, and says when nothing matches", () => {
    expect(read(paymentScreens.list(anInvoicePage({ count: 0, page: 1, pages: 1, invoices: [] }), query, { role: 'mentor' }))).toMatchSnapshot();
    expect(read(paymentScreens.list(anInvoicePage({ count: 0, page: 1, pages: 1, invoices: [] }), firstPage, { role: 'direktor' }))).toMatch(/Hozircha to'lovlar yo'q/);
  });

  it("shows a student's and a group's invoices with a way to all of them, and says when a group's rows were cut", () => {
    const student: ListQuery = { scope: { kind: 'student', id: 26 }, status: null, page: 1 };
    expect(read(paymentScreens.list(anInvoicePage({ page: 1, pages: 1, count: 3, scopeName: 'Capov Aziz' }), student, { role: 'buxgalter' }))).toMatchSnapshot();
    const group: ListQuery = { scope: { kind: 'group', id: 1 }, status: 'paid', page: 1 };
    const cut = read(paymentScreens.list(anInvoicePage({ page: 1, pages: 25, count: 500, complete: false, scopeName: 'Tekla Structure (#1)' }), group, { role: 'direktor' }));
    expect(cut).toMatch(/Faqat eng yangi 500 ta/);
    expect(cut).not.toMatch(/Qidirish uchun/);
  });

  it('offers every status in the picker, marking the current one and keeping the search', () => {
    const screen = paymentScreens.filter(query);
    expect(read(screen)).toMatchSnapshot();
    const statuses = screen.buttons!.flat().flatMap((b) => ('data' in b ? [decodeQuery(b.data)] : []));
    expect(statuses.slice(0, 5).map((q) => q?.status)).toEqual([null, 'created', 'pending', 'paid', 'cancelled']);
    expect(statuses.every((q) => q?.scope.kind === 'all' && q.scope.search === 'Capov')).toBe(true);
  });

  it('shows a created invoice with its progress, the link button, and marking only for the roles the backend allows', () => {
    const forBuxgalter = paymentScreens.detail(anInvoiceView(), { role: 'buxgalter', query, progress });
    expect(read(forBuxgalter)).toMatchSnapshot();
    expectSendable(forBuxgalter);
    for (const role of roles) {
      const labels = paymentScreens.detail(anInvoiceView(), { role, query, progress }).buttons!.flat().map((b) => b.label);
      expect(labels.includes("✅ To'landi deb belgilash"), role).toBe(['dasturchi', 'direktor', 'buxgalter'].includes(role));
      expect(labels).toContain("💳 To'lov linkini yaratish");
    }
  });

  it('shows a paid invoice with when and how, the receipt, no link and no marking', () => {
    const paid = anInvoiceView({
      status: 'paid',
      statusDisplay: "To'langan",
      paymentTime: '2026-11-29T11:00:00+05:00',
      paymentMethod: 'uzcard',
      cardPan: '8600****1234',
      receiptUrl: 'https://checkout.multicard.invalid/receipt/1',
    });
    const screen = paymentScreens.detail(paid, { role: 'dasturchi', query, progress: { ...progress, paid: 3_000_000, remaining: 0, paidInvoices: 2 } });
    expect(read(screen)).toMatchSnapshot();
  });

  it('shows a pending invoice with its checkout link and the check button; a cancelled one with nothing to do', () => {
    const pending = anInvoiceView({ status: 'pending', statusDisplay: 'Kutilmoqda', checkoutUrl: 'https://checkout.multicard.invalid/invoice/8aa6' });
    expect(read(paymentScreens.detail(pending, { role: 'administrator', query, progress: null }))).toMatchSnapshot();
    const cancelled = paymentScreens.detail(anInvoiceView({ status: 'cancelled' }), { role: 'dasturchi', query, progress });
    expect(cancelled.buttons!.flat().map((b) => b.label)).toEqual(["📋 Ro'yxatga", '🏠 Asosiy menyu']);
  });

  it('does not offer the link again on the screen where it just failed', () => {
    const labels = paymentScreens.detail(anInvoiceView(), { role: 'buxgalter', query, progress, linkFailed: true }).buttons!.flat().map((b) => b.label);
    expect(labels).not.toContain("💳 To'lov linkini yaratish");
  });

  it('sends the link as a button and as text to copy, in a new message', () => {
    const screen = paymentScreens.linkReady(anInvoiceView({ status: 'pending' }), {
      checkoutUrl: 'https://checkout.multicard.invalid/invoice/8aa65e4c',
      shortLink: 'https://mcard.invalid/8aa65e4c',
    });
    expect(screen.fresh).toBe(true);
    expect(read(screen)).toMatchSnapshot();
  });

  it('names the invoice, the student and the amount in the confirmation', () => {
    const screen = paymentScreens.confirmPaid(anInvoiceView());
    expect(read(screen)).toMatchSnapshot();
    expect(screen.buttons!.flat().flatMap((b) => ('data' in b ? [b.data] : []))).toContainEqual({ section: 'payments', action: 'paid', id: 12, value: 'cash' });
  });

  const text = fc.string({ maxLength: 3000, unit: 'grapheme' });
  const nullable = fc.option(text, { nil: null });
  test.prop([
    fc.record({
      id: fc.integer({ min: 1, max: 999_999_999 }),
      studentId: fc.integer({ min: 1, max: 999_999 }),
      studentName: text,
      studentPhone: nullable,
      groupId: fc.integer({ min: 1, max: 999_999 }),
      groupName: nullable,
      amount: fc.double({ min: 0, max: 1e12, noNaN: true }),
      status: fc.oneof(fc.constantFrom(...invoiceStatuses), text),
      statusDisplay: nullable,
      checkoutUrl: fc.option(fc.oneof(fc.webUrl(), text), { nil: null }),
      receiptUrl: fc.option(fc.oneof(fc.webUrl(), text), { nil: null }),
      paymentTime: nullable,
      paymentMethod: nullable,
      cardPan: nullable,
      createdAt: nullable,
    }),
    fc.constantFrom(...roles),
  ])('renders any invoice within Telegram limits', (any, role) => {
    expectSendable(paymentScreens.detail(any, { role, query, progress }));
    expectSendable(paymentScreens.confirmPaid(any));
  });
});

describe('payments buttons', () => {
  const search = fc.string({ maxLength: 60, unit: 'grapheme' }).map((s) => normaliseSearch(s) || null);
  const anyQuery: fc.Arbitrary<ListQuery> = fc.record({
    scope: fc.oneof(
      search.map((s) => ({ kind: 'all' as const, search: s })),
      fc.integer({ min: 1, max: 999_999_999 }).map((id) => ({ kind: 'student' as const, id })),
      fc.integer({ min: 1, max: 999_999_999 }).map((id) => ({ kind: 'group' as const, id })),
    ),
    status: fc.constantFrom(null, ...invoiceStatuses),
    page: fc.integer({ min: 1, max: 99_999 }),
  });

  test.prop([anyQuery])('carry any list query within 64 bytes and give it back', (q) => {
    for (const data of [press.list(q), press.filter(q)]) {
      const decoded = decodeButton(encodeButton(data));
      expect(decoded && decodeQuery(decoded)).toEqual(q);
    }
  });

  it('are compact and readable', () => {
    expect(encodeButton(press.list(query))).toBe('1:payments:list:2:a.p.Capov');
    expect(encodeButton(press.studentInvoices(26))).toBe('1:payments:list:1:s26.');
    expect(encodeButton(press.groupInvoices(3))).toBe('1:payments:list:1:g3.');
  });

  it('refuse forged or foreign queries', () => {
    for (const value of [undefined, '', 'a.q', 'z.', 's.', 's1x.', 'g3..Ali', 's-1.']) {
      expect(decodeQuery({ section: 'payments', action: 'list', id: 1, ...(value === undefined ? {} : { value }) }), String(value)).toBeNull();
    }
    expect(decodeQuery({ section: 'payments', action: 'list', value: 'a..a.b.c' })).toEqual({ scope: { kind: 'all', search: 'a.b.c' }, status: null, page: 1 });
  });
});

describe('payment progress', () => {
  const facts = (related: Array<{ id: number; amount: number; status: string }> | null, groupPrice: number | null) => ({
    invoice: anInvoiceView({ id: 3 }),
    related,
    groupPrice,
  });

  it('sums the paid instalments against the full price', () => {
    const three = [
      { id: 1, amount: 1_000_000, status: 'paid' },
      { id: 2, amount: 1_000_000, status: 'paid' },
      { id: 3, amount: 1_000_000, status: 'created' },
    ];
    expect(progressOf(facts(three, 3_000_000))).toEqual({ paid: 2_000_000, total: 3_000_000, remaining: 1_000_000, invoices: 3, paidInvoices: 2 });
    expect(progressOf(facts([{ id: 3, amount: 4_000_000, status: 'paid' }], 3_000_000))?.remaining).toBe(0);
  });

  it('gives none without the sibling invoices or the price', () => {
    expect(progressOf(facts(null, 3_000_000))).toBeNull();
    expect(progressOf(facts([], null))).toBeNull();
    expect(progressOf(facts([], 0))).toBeNull();
  });

  it("sees an invoice as the person's own only when their list holds it", () => {
    expect(visibleInOwnList(facts([{ id: 3, amount: 1, status: 'paid' }], null))).toBe(true);
    expect(visibleInOwnList(facts([], 3_000_000))).toBe(false);
    expect(visibleInOwnList(facts(null, 3_000_000))).toBe(false);
  });
});

describe('date and time', () => {
  it('shows a timestamp in Tashkent time, whatever its offset', () => {
    expect(formatDateTime('2026-11-24T23:49:35.952862+05:00')).toBe('24.11.2026 23:49');
    expect(formatDateTime('2026-11-24T20:00:00Z')).toBe('25.11.2026 01:00');
    expect(formatDateTime('yesterday <b>')).toBe('yesterday &lt;b&gt;');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('invoice search', () => {
  it("reads a speciality's name as its slug and an invoice number with its sign", () => {
    expect(invoiceSearch('Revit Architecture')).toBe('revit_architecture');
    expect(invoiceSearch('tekla STRUCTURE')).toBe('tekla_structure');
    expect(invoiceSearch('#12')).toBe('12');
    expect(invoiceSearch('№ 7')).toBe('7');
    expect(invoiceSearch('Capov')).toBe('Capov');
  });
});
