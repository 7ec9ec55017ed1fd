import type { UserApi } from './client.js';
import { BackendError, uzbek } from './errors.js';
import { PAGE_SIZE, readPage } from './paging.js';
import * as s from './schemas.js';
/**
 * How many backend pages a scoped list or a progress reads at most: a group's speciality can match
 * many groups' invoices; a student has a handful.
 */
export const MAX_PAGES_READ = 25;

const statuses = ['created', 'pending', 'paid', 'cancelled'];

export type ListScope = { kind: 'all'; search: string | null } | { kind: 'student'; id: number } | { kind: 'group'; id: number };

export interface InvoiceQuery {
  scope: ListScope;
  /** only the backend's own statuses are ever sent; anything else means no filter */
  status: string | null;
  page: number;
}

function toRow(invoice: s.Invoice) {
  return { id: invoice.id, studentName: invoice.student_name ?? '', amount: invoice.amount, status: invoice.status };
}

export function toInvoiceView(invoice: s.Invoice) {
  return {
    id: invoice.id,
    studentId: invoice.student,
    studentName: invoice.student_name ?? '',
    studentPhone: invoice.student_phone,
    groupId: invoice.group,
    groupName: invoice.group_name,
    amount: invoice.amount,
    status: invoice.status,
    statusDisplay: invoice.status_display,
    checkoutUrl: invoice.checkout_url,
    receiptUrl: invoice.receipt_url,
    paymentTime: invoice.payment_time,
    paymentMethod: invoice.payment_method,
    cardPan: invoice.card_pan,
    createdAt: invoice.created_at,
  };
}

const pagesOf = (count: number) => Math.max(1, Math.ceil(count / PAGE_SIZE));

/**
 * One backend page of `employee-invoices/`. Never sends `ordering`: the backend passes it to
 * `order_by` as it comes and answers an unknown one with a 500 (capture 167); its default is
 * newest first.
 */
function fetchPage(api: UserApi, page: number, search: string | null, status: string | null) {
  return api.request({
    method: 'GET',
    path: '/payment/employee-invoices/',
    schema: s.invoicePage,
    query: {
      page: page > 1 ? page : undefined,
      search: search ?? undefined,
      status: status !== null && statuses.includes(status) ? status : undefined,
    },
  });
}

/** Every backend page of one query, up to MAX_PAGES_READ; `complete` says whether it got to the end. */
async function readAllPages(api: UserApi, search: string | null, status: string | null) {
  const rows: s.Invoice[] = [];
  for (let page = 1; page <= MAX_PAGES_READ; page += 1) {
    const response = await fetchPage(api, page, search, status);
    rows.push(...response.results);
    if (!response.next) return { rows, complete: true };
  }
  return { rows, complete: false };
}

async function listAll(api: UserApi, page: number, search: string | null, status: string | null) {
  const paged = await readPage((at) => fetchPage(api, at, search, status), page);
  return { count: paged.count, page: paged.page, pages: paged.pages, invoices: paged.items.map(toRow), scopeName: null, complete: true };
}

/** A page of rows the bot filtered itself, paginated 20 a page like the backend's own lists. */
function localPage(rows: s.Invoice[], page: number, scopeName: string | null, complete: boolean) {
  const pages = pagesOf(rows.length);
  const shown = Math.min(Math.max(1, page), pages);
  const start = (shown - 1) * PAGE_SIZE;
  return { count: rows.length, page: shown, pages, invoices: rows.slice(start, start + PAGE_SIZE).map(toRow), scopeName, complete };
}

/** The student's invoices: found by their unique phone (or, without one, their name), keeping only their own rows. */
async function studentRows(api: UserApi, student: { id: number; phone: string | null; fullName: string }, status: string | null) {
  const key = student.phone?.trim() || student.fullName.trim();
  if (!key) return { rows: [], complete: true };
  const { rows, complete } = await readAllPages(api, key, status);
  return { rows: rows.filter((row) => row.student === student.id), complete };
}

async function groupFacts(api: UserApi, groupId: number) {
  const response = await api.request({ method: 'GET', path: `/education/groups/${groupId}/`, schema: s.groupResponse });
  return response.data;
}

/**
 * A page of invoices: the whole list through the backend's pagination, search and status filter
 * (both at once), or one student's or one group's invoices, which the bot collects itself.
 */
export async function listInvoices(api: UserApi, query: InvoiceQuery) {
  const { scope, status, page } = query;
  if (scope.kind === 'all') return listAll(api, page, scope.search, status);
  if (scope.kind === 'student') {
    const response = await api.request({ method: 'GET', path: `/auth/students/${scope.id}/`, schema: s.studentResponse });
    const student = response.data;
    const { rows, complete } = await studentRows(api, { id: student.id, phone: student.phone, fullName: student.full_name }, status);
    return localPage(rows, page, student.full_name, complete);
  }
  // the search matches the speciality slug of every group of that speciality: keep this group's rows
  const group = await groupFacts(api, scope.id);
  const { rows, complete } = await readAllPages(api, group.speciality_id, status);
  const label = [group.speciality_display ?? group.speciality_id, group.dates_display].filter(Boolean).join(' - ');
  return localPage(
    rows.filter((row) => row.group === group.id),
    page,
    `${label} (#${group.id})`,
    complete,
  );
}

export async function getInvoice(api: UserApi, id: number) {
  const invoice = await api.request({ method: 'GET', path: `/payment/invoices/${id}/`, schema: s.invoice });
  return toInvoiceView(invoice);
}

/**
 * An invoice with what its detail needs: every invoice of that student for that group, as this
 * person's list shows them (all pages), and the group's full price. Each of the two is null when
 * its query failed; the invoice itself must be read.
 */
export async function getInvoiceFacts(api: UserApi, id: number) {
  const invoice = await getInvoice(api, id);
  const [related, group] = await Promise.allSettled([
    studentRows(api, { id: invoice.studentId, phone: invoice.studentPhone, fullName: invoice.studentName }, null),
    groupFacts(api, invoice.groupId),
  ]);
  const sessionLost = [related, group].find((r) => r.status === 'rejected' && r.reason instanceof BackendError && r.reason.kind === 'session');
  if (sessionLost?.status === 'rejected') throw sessionLost.reason;
  return {
    invoice,
    related:
      related.status === 'fulfilled' && related.value.complete
        ? related.value.rows.filter((row) => row.group === invoice.groupId).map((row) => ({ id: row.id, amount: row.amount, status: row.status }))
        : null,
    groupPrice: group.status === 'fulfilled' ? (group.value.price ?? null) : null,
  };
}

/**
 * Asks the backend for a Multicard payment link. A write: sent once, never retried (at the captured
 * commit every such request answers 500). The invoice becomes pending on success.
 */
export async function createPaymentLink(api: UserApi, invoiceId: number) {
  const response = await api.request({ method: 'POST', path: '/payment/create-payment/', schema: s.paymentLinkResponse, body: { invoice_id: invoiceId } });
  return { checkoutUrl: response.data.checkout_url, shortLink: response.data.short_link };
}

/**
 * Asks the backend to check the payment with Multicard. It cannot succeed at the captured commit:
 * an invoice without a link answers 400, one with a link a JSON 500 (captures 318–326).
 */
export async function checkPayment(api: UserApi, invoiceId: number) {
  try {
    const response = await api.request({ method: 'GET', path: '/payment/check-status/', schema: s.checkStatusResponse, query: { invoice_id: invoiceId } });
    return { outcome: 'checked' as const, status: response.data.status };
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    if (error.kind === 'validation') return { outcome: 'noLink' as const };
    if (error.kind === 'server') return { outcome: 'unavailable' as const };
    throw error;
  }
}

/**
 * A payment link for an invoice that can still be paid: the invoice is read afresh first, and a
 * paid or cancelled one is refused with the backend's own reasons (at the captured commit the
 * backend answers every link request with a 500 before it checks the invoice). The POST is sent once.
 */
export async function requestPaymentLink(api: UserApi, invoiceId: number) {
  const invoice = await getInvoice(api, invoiceId);
  if (invoice.status === 'paid') throw new BackendError('validation', uzbek('Invoice is already paid.'));
  if (invoice.status === 'cancelled') throw new BackendError('validation', uzbek('Invoice is cancelled.'));
  return createPaymentLink(api, invoiceId);
}

/** Marks one invoice paid (cash or bank transfer). A write: sent once, never retried. */
export async function markInvoicePaid(api: UserApi, invoiceId: number, method: string) {
  const response = await api.request({
    method: 'POST',
    path: '/payment/mark-as-paid/',
    schema: s.markAsPaidResponse,
    body: { invoice_ids: [invoiceId], payment_method: method },
  });
  // none updated: it was paid between the check and the write
  if (response.updated_count === 0) throw new BackendError('validation', "Bu hisob-faktura allaqachon to'langan.");
  return { updated: response.updated_count };
}
