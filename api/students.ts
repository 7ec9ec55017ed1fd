import { createHmac, randomInt } from 'node:crypto';
import type * as v from 'valibot';
import type { UserApi } from './client.js';
import { PAGE_SIZE, readPage } from './paging.js';
import { createdSince } from './replay.js';
import * as s from './schemas.js';

/** The backend's page size for students (DRF PAGE_SIZE). */
export const STUDENTS_PAGE_SIZE = PAGE_SIZE;

export function toStudentView(student: s.Student) {
  return {
    id: student.id,
    fullName: student.full_name,
    email: student.email,
    phone: student.phone,
    passport: student.passport_serial_number,
    birthDate: student.birth_date,
    source: student.source,
    sourceDisplay: student.source_display,
    address: student.address,
    inn: student.inn,
    pinfl: student.pinfl,
    groupId: student.group,
    groupName: student.group_name,
    contractSigned: student.contract_signed,
    contractUrl: student.contract_url,
    certificateUrl: student.certificate_url,
    isActive: student.is_active,
    createdAt: student.created_at,
  };
}

function toGroupOption(group: s.Group) {
  return {
    id: group.id,
    speciality: group.speciality_display ?? group.speciality_id,
    days: group.dates,
    daysDisplay: group.dates_display,
    time: group.time,
    startingDate: group.starting_date,
    freeSeats: group.available_seats,
  };
}

/**
 * One page of students, optionally filtered by the backend's `search` (name, email, phone,
 * passport, INN, PINFL); a page that no longer exists gives the last one there is.
 */
export async function listStudents(api: UserApi, page: number, search: string | null) {
  const paged = await readPage(
    (n) => api.request({ method: 'GET', path: '/auth/students/', schema: s.studentPage, query: { page: n > 1 ? n : undefined, search: search ?? undefined } }),
    page,
  );
  return {
    count: paged.count,
    page: paged.page,
    pages: paged.pages,
    students: paged.items.map((row) => ({ id: row.id, fullName: row.full_name, phone: row.phone, isActive: row.is_active })),
  };
}

export async function getStudent(api: UserApi, id: number) {
  const response = await api.request({ method: 'GET', path: `/auth/students/${id}/`, schema: s.studentResponse });
  return toStudentView(response.data);
}

const passwordAlphabets = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ', // no I and O: a password is read aloud or copied by hand
  'abcdefghijkmnpqrstuvwxyz', // no l and o
  '23456789', // no 0 and 1
  '#%+=@-',
];

/**
 * A fresh password for one student: 14 characters from a cryptographic source, with at least one
 * of each kind so that the backend's validators accept it. Replaces the old bot's shared
 * `TempPass123!` (original-bot.md §10.1 S3).
 */
export function newStudentPassword(length = 14, pick: (below: number) => number = randomInt): string {
  const all = passwordAlphabets.join('');
  const chars = passwordAlphabets.map((alphabet) => alphabet[pick(alphabet.length)]!);
  while (chars.length < length) chars.push(all[pick(all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = pick(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export interface NewStudent {
  fullName: string;
  email: string;
  phone: string;
  passport: string;
  birthDate: string;
  source: string;
  address: string | null;
}

/**
 * Uniform numbers drawn from HMAC-SHA256(seed, counter): the same secret seed gives the same
 * password, so the password of a student created by a decision replayed after a crash is the one
 * the first attempt sent.
 */
export function seededPick(seed: string): (below: number) => number {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (below) => {
    for (;;) {
      if (pool.length === 0) pool = createHmac('sha256', seed).update(String(counter++)).digest();
      const byte = pool[0]!;
      pool = pool.subarray(1);
      if (byte < 256 - (256 % below)) return byte % below;
    }
  };
}

/** The decision a create carries: its secret seed, and whether it is replayed after a crash. */
export interface CreateDecision {
  seed: string;
  /** set when the update is processed again: epoch ms when it was first received */
  replayedSince?: number;
}

/** The student with this email created since the given moment, if any (a replayed create's own). */
async function findCreatedSince(api: UserApi, email: string, since: number) {
  const page = await api.request({ method: 'GET', path: '/auth/students/', schema: s.studentPage, query: { search: email } });
  return page.results.find((row) => row.email?.toLowerCase() === email.toLowerCase() && createdSince(row.created_at, since));
}

/**
 * Creates the student once per decision (issue 14): when the decision is replayed (the process
 * died after sending it, before saving the outcome), the student it may have created is looked up
 * by its unique email first, and the POST is sent only when there is none.
 */
export async function createStudent(api: UserApi, student: NewStudent, decision?: CreateDecision) {
  const password = newStudentPassword(14, decision ? seededPick(decision.seed) : randomInt);
  if (decision?.replayedSince !== undefined) {
    const existing = await findCreatedSince(api, student.email, decision.replayedSince);
    if (existing) return { student: toStudentView(existing), password };
  }
  const response = await api.request({
    method: 'POST',
    path: '/auth/students/',
    schema: s.studentResponse,
    body: {
      email: student.email,
      password,
      password_confirm: password,
      full_name: student.fullName,
      phone: student.phone,
      passport_serial_number: student.passport,
      birth_date: student.birthDate,
      source: student.source,
      address: student.address,
    },
  });
  return { student: toStudentView(response.data), password };
}

export interface StudentChanges {
  fullName?: string;
  phone?: string;
  passport?: string;
  birthDate?: string;
  source?: string;
  address?: string | null;
  inn?: string | null;
  pinfl?: string | null;
  isActive?: boolean;
}

/** Our names for the student's fields and the backend's, both ways round (refusals come keyed by the latter). */
export const backendFieldOf: Record<keyof StudentChanges | 'email', string> = {
  email: 'email',
  fullName: 'full_name',
  phone: 'phone',
  passport: 'passport_serial_number',
  birthDate: 'birth_date',
  source: 'source',
  address: 'address',
  inn: 'inn',
  pinfl: 'pinfl',
  isActive: 'is_active',
};

export async function updateStudent(api: UserApi, id: number, changes: StudentChanges) {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) body[backendFieldOf[key as keyof StudentChanges]] = value;
  }
  const response = await api.request({ method: 'PATCH', path: `/auth/students/${id}/`, schema: s.studentResponse, body });
  return toStudentView(response.data);
}

/** Deletes the student and, on the backend, their user account, invoices and attendance marks. */
export async function deleteStudent(api: UserApi, id: number): Promise<void> {
  await api.request({ method: 'DELETE', path: `/auth/students/${id}/`, schema: s.successMessage });
}

/** Groups a student can be put into now: accepting bookings, active, with a free seat; soonest first. */
export async function listBookableGroups(api: UserApi, exceptGroupId: number | null) {
  const groups = await api.request({ method: 'GET', path: '/education/booking/groups/', schema: s.bookingGroups });
  return groups
    .filter((group) => group.can_accept_bookings && group.is_active && group.available_seats > 0 && group.id !== exceptGroupId)
    .sort((a, b) => (a.starting_date ?? '9999').localeCompare(b.starting_date ?? '9999') || a.id - b.id)
    .map(toGroupOption);
}

/** The booking endpoints: open on the backend, so the bot's own role checks are the only gate. */
function bookingCall<T extends v.GenericSchema>(api: UserApi, action: 'book' | 'change-group' | 'cancel', schema: T, body: Record<string, number>) {
  return api.request({ method: 'POST', path: `/education/booking/${action}/`, schema, body });
}

export async function bookStudent(api: UserApi, studentId: number, groupId: number) {
  const response = await bookingCall(api, 'book', s.bookingResponse, { student_id: studentId, group_id: groupId });
  const booking = response.data.booking;
  const info = booking.payment_info;
  return {
    studentName: booking.student_name,
    group: toGroupOption(booking.group),
    totalPrice: info.total_price,
    firstInstallment: info.first_installment?.amount ?? info.total_price / 2,
    firstInvoice: info.first_invoice,
    contractUrl: booking.contract_url,
  };
}

export async function changeStudentGroup(api: UserApi, studentId: number, groupId: number) {
  const response = await bookingCall(api, 'change-group', s.groupChangeResponse, { student_id: studentId, new_group_id: groupId });
  const change = response.data;
  return {
    studentName: change.student_name,
    oldGroupName: change.old_group_name,
    newGroupName: change.new_group_name,
    oldPrice: change.old_group_price,
    newPrice: change.new_group_price,
    priceDifference: change.price_difference,
    totalPaidOldGroup: change.total_paid_old_group,
    cancelledInvoices: change.cancelled_invoices,
    newInvoice: change.new_invoice_id !== null ? { id: change.new_invoice_id, amount: change.new_invoice_amount ?? 0 } : null,
    refundAmount: change.refund_required ? (change.refund_amount ?? 0) : null,
    contractUrl: change.contract_url,
  };
}

export async function cancelStudentBooking(api: UserApi, studentId: number) {
  const response = await bookingCall(api, 'cancel', s.bookingCancelResponse, { student_id: studentId });
  const cancelled = response.data.cancelled_booking;
  return { studentName: cancelled.student_name, groupName: cancelled.group_name, cancelledInvoices: cancelled.cancelled_invoices };
}
