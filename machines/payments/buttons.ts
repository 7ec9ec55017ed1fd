import { sectionButtons } from '../kit/buttons.js';
import type { ButtonData } from '../ui/callback.js';
import { isPaymentMethod, type InvoiceStatus, type ListQuery, type ListScope, type PaymentMethod } from './model.js';

/**
 * Every inline button of the payments section. Each carries what it needs, so that it does the
 * right thing after a restart or from an old message.
 *
 * Navigation buttons (a list page, the status picker, an invoice, checking a payment, asking to
 * mark one paid) are honoured in every state: whatever they open is read afresh, and who may see
 * it is checked again. Action buttons (create a link, confirm a payment) are honoured only by the
 * detail or confirmation that showed them, for the invoice they name, so a double tap writes once.
 *
 * A list's query travels in the button: the page as its id, and as its value the scope
 * (`a` all, `s<id>` a student, `g<id>` a group), the status (`c` created, `p` pending, `d` paid,
 * `x` cancelled, empty for all) and, for the whole list, the search: `a.p.Ali`, `s15.d`, `g3.`.
 * The search may hold dots: everything after the second dot is the search.
 */
export const paymentButtons = sectionButtons('payments', ['list', 'filter', 'open', 'check', 'pay']);
export type NavigationAction = (typeof paymentButtons.navigationActions)[number];

const statusCodes: Record<InvoiceStatus, string> = { created: 'c', pending: 'p', paid: 'd', cancelled: 'x' };
const statusOfCode = new Map(Object.entries(statusCodes).map(([status, code]) => [code, status as InvoiceStatus]));

function scopeCode(scope: ListScope): string {
  return scope.kind === 'all' ? 'a' : `${scope.kind === 'student' ? 's' : 'g'}${scope.id}`;
}

export function encodeQuery(query: ListQuery): { id: number; value: string } {
  const status = query.status ? statusCodes[query.status] : '';
  const search = query.scope.kind === 'all' && query.scope.search ? `.${query.scope.search}` : '';
  return { id: Math.max(1, query.page), value: `${scopeCode(query.scope)}.${status}${search}` };
}

/** null for data this section did not produce (an old format, or forged): the caller says the button is out of date. */
export function decodeQuery(button: ButtonData): ListQuery | null {
  if (button.value === undefined) return null;
  const [scope = '', code = '', ...rest] = button.value.split('.');
  const status = code === '' ? null : (statusOfCode.get(code) ?? undefined);
  if (status === undefined) return null;
  const page = Math.max(1, button.id ?? 1);
  const search = rest.length > 0 ? rest.join('.') : '';
  if (scope === 'a') return { scope: { kind: 'all', search: search || null }, status, page };
  const scoped = /^([sg])(\d{1,12})$/.exec(scope);
  if (!scoped || rest.length > 0) return null;
  return { scope: { kind: scoped[1] === 's' ? 'student' : 'group', id: Number(scoped[2]) }, status, page };
}

const to = paymentButtons.to;

export const press = {
  // navigation
  list: (query: ListQuery) => {
    const { id, value } = encodeQuery(query);
    return to('list', id, value);
  },
  filter: (query: ListQuery) => {
    const { id, value } = encodeQuery(query);
    return to('filter', id, value);
  },
  open: (invoiceId: number) => to('open', invoiceId),
  check: (invoiceId: number) => to('check', invoiceId),
  pay: (invoiceId: number) => to('pay', invoiceId),
  /** the payments button of a student's and of a group's detail */
  studentInvoices: (studentId: number) => press.list({ scope: { kind: 'student', id: studentId }, status: null, page: 1 }),
  groupInvoices: (groupId: number) => press.list({ scope: { kind: 'group', id: groupId }, status: null, page: 1 }),
  // actions of the detail and the confirmation
  link: (invoiceId: number) => to('link', invoiceId),
  confirmPaid: (invoiceId: number, method: PaymentMethod) => to('paid', invoiceId, method),
};

/** The payment method a confirmation button carries, or null when it carries none this section knows. */
export function methodOf(button: ButtonData): PaymentMethod | null {
  return isPaymentMethod(button.value) ? button.value : null;
}

