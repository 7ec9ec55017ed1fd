import { t } from '../ui/texts.js';

/**
 * The payments section's data as the machines and screens see it (invoices, a list's query, the
 * payment progress of one student in one group), and the pure rules about it. The adapter maps the
 * backend's answers onto these.
 */

/** The statuses the backend has (`payment.models.InvoiceStatus`); its `status` filter takes these only. */
export const invoiceStatuses = ['created', 'pending', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export function isInvoiceStatus(value: unknown): value is InvoiceStatus {
  return typeof value === 'string' && (invoiceStatuses as readonly string[]).includes(value);
}

/** How an invoice was paid when an employee marks it: the two ways money reaches the centre outside Multicard. */
export const paymentMethods = ['cash', 'bank_transfer'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export function isPaymentMethod(value: unknown): value is PaymentMethod {
  return typeof value === 'string' && (paymentMethods as readonly string[]).includes(value);
}

/** One line of a list: enough for a button. */
export interface InvoiceRow {
  id: number;
  studentName: string;
  amount: number;
  /** as the backend sent it; normally one of invoiceStatuses */
  status: string;
}

/**
 * Which invoices a list shows. The backend has no student or group filter: a student's invoices
 * are found through `search` by their phone (unique), a group's through its speciality, keeping
 * only that student's or group's rows. Free-text search is for the whole list only.
 */
export type ListScope = { kind: 'all'; search: string | null } | { kind: 'student'; id: number } | { kind: 'group'; id: number };

export interface ListQuery {
  scope: ListScope;
  status: InvoiceStatus | null;
  page: number;
}

export const firstPage: ListQuery = { scope: { kind: 'all', search: null }, status: null, page: 1 };

/** One page, 20 rows, as the backend paginates (or as the bot does over a student's or group's rows). */
export interface InvoicePage {
  count: number;
  /** the page actually shown (a page that no longer exists falls back to the last one) */
  page: number;
  pages: number;
  invoices: InvoiceRow[];
  /** the student's name or the group's label of a scoped list */
  scopeName: string | null;
  /** false when a scoped list stopped reading after its limit of pages (the oldest rows are missing) */
  complete: boolean;
}

export interface InvoiceView {
  id: number;
  studentId: number;
  studentName: string;
  studentPhone: string | null;
  groupId: number;
  groupName: string | null;
  amount: number;
  status: string;
  statusDisplay: string | null;
  checkoutUrl: string | null;
  receiptUrl: string | null;
  /** ISO timestamp with offset */
  paymentTime: string | null;
  paymentMethod: string | null;
  cardPan: string | null;
  createdAt: string | null;
}

/** One of the student's invoices for the same group, for the progress. */
export interface RelatedInvoice {
  id: number;
  amount: number;
  status: string;
}

/**
 * What opening an invoice reads: the invoice, all of that student's invoices for that group as
 * this person may see them (null when that query failed), and the group's full price (null when
 * it could not be read).
 */
export interface InvoiceFacts {
  invoice: InvoiceView;
  related: RelatedInvoice[] | null;
  groupPrice: number | null;
}

export interface PaymentProgress {
  paid: number;
  /** the group's full price */
  total: number;
  remaining: number;
  invoices: number;
  paidInvoices: number;
}

export interface PaymentLink {
  checkoutUrl: string;
  shortLink: string | null;
}

/** What asking Multicard about a payment gave: its status, or why there is none. */
export type PaymentCheck = { outcome: 'checked'; status: string } | { outcome: 'noLink' } | { outcome: 'unavailable' };

/** Paid so far, the full price and what remains; null without both the sibling invoices and the price. */
export function progressOf(facts: InvoiceFacts): PaymentProgress | null {
  if (facts.related === null || facts.groupPrice === null || facts.groupPrice <= 0) return null;
  const paidRows = facts.related.filter((row) => row.status === 'paid');
  const paid = paidRows.reduce((sum, row) => sum + row.amount, 0);
  return {
    paid,
    total: facts.groupPrice,
    remaining: Math.max(0, facts.groupPrice - paid),
    invoices: facts.related.length,
    paidInvoices: paidRows.length,
  };
}

/**
 * Whether the list this person's backend view returns holds the invoice. The invoice detail is
 * not filtered by the backend (capture 175: a mentor reads another mentor's invoice), the list is:
 * a mentor may open an invoice only when their own list holds it.
 */
export function visibleInOwnList(facts: InvoiceFacts): boolean {
  return facts.related?.some((row) => row.id === facts.invoice.id) ?? false;
}

/** Whether money can still be taken for it: not paid and not cancelled. */
export function isOpen(invoice: Pick<InvoiceView, 'status'>): boolean {
  return invoice.status === 'created' || invoice.status === 'pending';
}

/** A new Multicard link makes sense for an open invoice that has none yet. */
export function needsLink(invoice: Pick<InvoiceView, 'status' | 'checkoutUrl'>): boolean {
  return invoice.status === 'created' || (invoice.status === 'pending' && !invoice.checkoutUrl);
}

/** a speciality's name, lower-cased, to its slug */
const specialities: Record<string, string> = Object.fromEntries(Object.entries(t.groups.specialities).map(([slug, name]) => [name.toLowerCase(), slug]));

/**
 * What a person typed, as the backend's invoice search understands it (already normalised like
 * every search: spaces squeezed, a phone reduced to its digits, short enough for a button). The
 * backend matches the speciality's slug, not its name: "Revit Architecture" becomes
 * `revit_architecture`; an invoice number may come as `#12` or `№12`.
 */
export function invoiceSearch(normalised: string): string {
  const number = /^[#№]\s*(\d+)$/.exec(normalised);
  if (number) return number[1]!;
  return specialities[normalised.toLowerCase()] ?? normalised;
}
