/**
 * The students section's data as the machines and screens see it: plain, camel-cased, and only
 * what a person is shown or a flow needs. The adapter maps the backend's answers onto these.
 */

export const sources = ['instagram', 'facebook', 'telegram'] as const;
export type Source = (typeof sources)[number];

export function isSource(value: string | undefined): value is Source {
  return (sources as readonly string[]).includes(value ?? '');
}

export interface StudentView {
  id: number;
  fullName: string;
  email: string | null;
  phone: string | null;
  passport: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  source: string | null;
  sourceDisplay: string | null;
  address: string | null;
  inn: string | null;
  pinfl: string | null;
  groupId: number | null;
  groupName: string | null;
  contractSigned: boolean;
  contractUrl: string | null;
  certificateUrl: string | null;
  isActive: boolean;
  createdAt: string | null;
}

/** One line of the list: enough for a button. */
export interface StudentRow {
  id: number;
  fullName: string;
  phone: string | null;
  isActive: boolean;
}

/** One page as the backend paginates it (20 a page); `page` is the page actually shown. */
export interface StudentPage {
  count: number;
  page: number;
  pages: number;
  students: StudentRow[];
}

/** The answers of the create wizard, normalised; address null means "skipped". */
export interface StudentDraft {
  fullName: string;
  email: string;
  phone: string;
  passport: string;
  birthDate: string;
  source: Source;
  address: string | null;
}

/** The fields the backend lets an employee change (email is read-only on PATCH). */
export interface StudentPatch {
  fullName?: string;
  phone?: string;
  passport?: string;
  birthDate?: string;
  source?: Source;
  address?: string | null;
  inn?: string | null;
  pinfl?: string | null;
  isActive?: boolean;
}

/** A group a student can be booked into, as the picker labels it. */
export interface GroupOption {
  id: number;
  speciality: string;
  /** `mon_wed_fri` / `tue_thu_sat` */
  days: string;
  daysDisplay: string | null;
  /** HH:MM:SS */
  time: string | null;
  startingDate: string | null;
  freeSeats: number;
}

export interface InvoiceRef {
  id: number;
  amount: number;
}

export interface BookingResult {
  studentName: string;
  group: GroupOption;
  totalPrice: number;
  firstInstallment: number;
  /** null when the backend did not create it (it does not, at the captured commit) */
  firstInvoice: InvoiceRef | null;
  contractUrl: string | null;
}

export interface GroupChangeResult {
  studentName: string;
  oldGroupName: string;
  newGroupName: string;
  oldPrice: number;
  newPrice: number;
  priceDifference: number;
  totalPaidOldGroup: number;
  cancelledInvoices: number;
  newInvoice: InvoiceRef | null;
  /** what has to be paid back to the student, when the new group is cheaper than what was paid */
  refundAmount: number | null;
  contractUrl: string | null;
}

export interface BookingCancelResult {
  studentName: string;
  groupName: string;
  cancelledInvoices: number;
}

/** The created student with the password it was given; the password is shown once and dropped. */
export interface CreatedStudent {
  student: StudentView;
  password: string;
}
