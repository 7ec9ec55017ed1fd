/**
 * The serializers' output shapes, field for field and in the captured key order. DRF drops a
 * read-only field whose dotted source hits a None, which is why `mentor_name` is absent (not null)
 * for a group or attendance without mentor.
 */
import { DATES_DISPLAY, ROLE_DISPLAY, SOURCE_DISPLAY, SPECIALITY_DISPLAY, STATUS_DISPLAY, newestFirst, type State } from './state.js';
import type { Attendance, Employee, Group, Invoice, Student } from './types.js';

/** Media files are absolute URLs built from the request's host, as `build_absolute_uri` does. */
const media = (origin: string, path: string | null): string | null => (path === null ? null : `${origin}/media/${path}`);

export function employeeProfile(e: Employee): Record<string, unknown> {
  return {
    id: e.id,
    email: e.email,
    first_name: e.first_name,
    last_name: e.last_name,
    full_name: e.full_name,
    role: e.role,
    role_display: ROLE_DISPLAY[e.role] ?? e.role,
    professionality: e.professionality,
    avatar: e.avatar,
    avatar_url: e.avatar,
    created_at: e.created_at,
    updated_at: e.updated_at,
  };
}

export function employeeListItem(e: Employee): Record<string, unknown> {
  return {
    id: e.id,
    email: e.email,
    first_name: e.first_name,
    last_name: e.last_name,
    full_name: e.full_name,
    role: e.role,
    role_display: ROLE_DISPLAY[e.role] ?? e.role,
    professionality: e.professionality,
    avatar_url: e.avatar,
    is_active: e.is_active,
    created_at: e.created_at,
    updated_at: e.updated_at,
  };
}

export function employeeDetail(e: Employee): Record<string, unknown> {
  return { ...employeeListItem(e), avatar: e.avatar };
}

/** The fields every student serializer of the backend starts with, in its order. */
function studentCore(s: Student): Record<string, unknown> {
  return {
    id: s.id,
    email: s.email,
    first_name: s.first_name,
    last_name: s.last_name,
    full_name: s.full_name,
    phone: s.phone,
    passport_serial_number: s.passport_serial_number,
    birth_date: s.birth_date,
    source: s.source,
    source_display: SOURCE_DISPLAY[s.source] ?? s.source,
    address: s.address,
    inn: s.inn,
    pinfl: s.pinfl,
    group: s.group,
  };
}

export function studentListItem(state: State, s: Student, origin: string): Record<string, unknown> {
  const group = state.group(s.group);
  return {
    ...studentCore(s),
    group_name: group ? state.groupName(group) : null,
    contract_signed: s.contract_signed,
    is_active: s.is_active,
    contract_url: media(origin, s.contract),
    certificate_url: media(origin, s.certificate),
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

export function studentDetail(state: State, s: Student, origin: string): Record<string, unknown> {
  return { ...studentListItem(state, s, origin), contract: media(origin, s.contract), certificate: media(origin, s.certificate) };
}

/** StudentProfileSerializer, only reachable through the student login. */
export function studentProfile(s: Student, origin: string): Record<string, unknown> {
  return {
    ...studentCore(s),
    certificate: media(origin, s.certificate),
    contract: media(origin, s.contract),
    contract_url: media(origin, s.contract),
    contract_signed: s.contract_signed,
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

function withMentor(state: State, out: Record<string, unknown>, mentorId: number | null): void {
  out.mentor = mentorId;
  const mentor = state.employee(mentorId);
  if (mentor) out.mentor_name = mentor.full_name;
}

export function group(state: State, g: Group): Record<string, unknown> {
  const count = state.studentsIn(g.id).length;
  const out: Record<string, unknown> = {
    id: g.id,
    speciality_id: g.speciality_id,
    speciality_display: SPECIALITY_DISPLAY[g.speciality_id] ?? g.speciality_id,
    dates: g.dates,
    dates_display: DATES_DISPLAY[g.dates] ?? g.dates,
    time: g.time,
    starting_date: g.starting_date,
    finish_date: state.finishDate(g),
    total_lessons: g.total_lessons,
    seats: g.seats,
    current_students_count: count,
    available_seats: Math.max(0, g.seats - count),
    is_planned: state.isPlanned(g),
    is_active: g.is_active,
    price: g.price,
  };
  withMentor(state, out, g.mentor);
  out.created_at = g.created_at;
  out.updated_at = g.updated_at;
  return out;
}

export function bookingGroup(state: State, g: Group): Record<string, unknown> {
  const count = state.studentsIn(g.id).length;
  const out: Record<string, unknown> = {
    id: g.id,
    speciality_id: g.speciality_id,
    speciality_display: SPECIALITY_DISPLAY[g.speciality_id] ?? g.speciality_id,
    dates: g.dates,
    dates_display: DATES_DISPLAY[g.dates] ?? g.dates,
    time: g.time,
    starting_date: g.starting_date,
    seats: g.seats,
    current_students_count: count,
    available_seats: Math.max(0, g.seats - count),
    is_planned: state.isPlanned(g),
    is_active: g.is_active,
    can_accept_bookings: state.canAcceptBookings(g),
    days_since_start: state.daysSinceStart(g),
  };
  withMentor(state, out, g.mentor);
  out.created_at = g.created_at;
  out.updated_at = g.updated_at;
  return out;
}

export function invoice(state: State, i: Invoice): Record<string, unknown> {
  const student = state.student(i.student);
  const grp = state.group(i.group);
  return {
    id: i.id,
    student: i.student,
    student_name: student?.full_name,
    student_phone: student?.phone,
    group: i.group,
    group_name: grp ? state.groupName(grp) : undefined,
    amount: i.amount,
    status: i.status,
    status_display: STATUS_DISPLAY[i.status] ?? i.status,
    is_paid: i.status === 'paid',
    multicard_uuid: i.multicard_uuid,
    multicard_invoice_id: i.multicard_invoice_id,
    checkout_url: i.checkout_url,
    receipt_url: i.receipt_url,
    payment_time: i.payment_time,
    payment_method: i.payment_method,
    card_pan: i.card_pan,
    created_at: i.created_at,
    updated_at: i.updated_at,
  };
}

export function attendance(state: State, a: Attendance): Record<string, unknown> {
  const grp = state.group(a.group);
  // the M2M is read through Student's default ordering (newest first), whatever order was sent
  const participants = newestFirst(a.participants.map((id) => state.student(id)).filter((s): s is Student => s !== undefined));
  const out: Record<string, unknown> = {
    id: a.id,
    group: a.group,
    group_name: grp ? state.groupName(grp) : undefined,
    date: a.date,
    time: a.time,
  };
  withMentor(state, out, a.mentor);
  out.participants = participants.map((s) => s.id);
  out.participants_count = participants.length;
  out.participants_list = participants.map((s) => ({ id: s.id, full_name: s.full_name, phone: s.phone }));
  out.created_at = a.created_at;
  out.updated_at = a.updated_at;
  return out;
}
