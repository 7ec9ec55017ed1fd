import type { InvoiceFacts, InvoicePage, InvoiceView } from '../../machines/payments/model.js';

/** A created invoice of 1 500 000 so'm, unless given. */
export const anInvoiceView = (overrides: Partial<InvoiceView> = {}): InvoiceView => ({
  id: 12,
  studentId: 26,
  studentName: 'Capov Aziz',
  studentPhone: '+998937700001',
  groupId: 1,
  groupName: 'Tekla Structure - Seshanba - Payshanba - Shanba',
  amount: 1_500_000,
  status: 'created',
  statusDisplay: 'Yaratilgan',
  checkoutUrl: null,
  receiptUrl: null,
  paymentTime: null,
  paymentMethod: null,
  cardPan: null,
  createdAt: '2026-12-02T10:15:00.123456+05:00',
  ...overrides,
});

/** The second of three pages: a pending, a paid and an unknown status, one name empty. */
export const anInvoicePage = (overrides: Partial<InvoicePage> = {}): InvoicePage => ({
  count: 45,
  page: 2,
  pages: 3,
  invoices: [
    { id: 25, studentName: 'Capov Aziz', amount: 1_250_000, status: 'pending' },
    { id: 24, studentName: 'Capova <Malika>', amount: 1_500_000.5, status: 'paid' },
    { id: 23, studentName: '', amount: 900_000, status: 'refunded' },
  ],
  scopeName: null,
  complete: true,
  ...overrides,
});

/** An invoice of every status by its id (created, pending, paid, cancelled), with a paid sibling and the group's price. */
export function someInvoiceFacts(id: number): InvoiceFacts {
  const status = (['created', 'pending', 'paid', 'cancelled'] as const)[id % 4]!;
  return {
    invoice: anInvoiceView({ id, status, statusDisplay: null, checkoutUrl: status === 'pending' ? 'https://checkout.multicard.invalid/x' : null }),
    related: [{ id, amount: 1_500_000, status }, { id: id + 100, amount: 1_500_000, status: 'paid' }],
    groupPrice: 3_000_000,
  };
}
