/**
 * The default data set: the accounts, students and groups of the capture session (same ids, names,
 * passwords), with every date moved so that "today" plays the role of 2026-11-24, the day the
 * captures were taken. Group 3 therefore always started 54 days ago and group 6 683 days ago.
 */
import { addDays, formatDateTime } from './clock.js';
import { money } from './http.js';
import type { State } from './state.js';
import type { Attendance, Dates, Employee, Group, Invoice, Role, Source, Speciality, Student } from './types.js';

export const STUDENT_PASSWORD = 'Talaba#2026x';
export const BULK_EMPLOYEE_PASSWORD = 'BulkXodim#2026';

interface EmployeeSeed {
  email: string;
  first: string;
  last: string;
  full: string;
  role: Role;
  prof: string | null;
  password: string;
  active?: boolean;
}

const EMPLOYEES: EmployeeSeed[] = [
  { email: 'dasturchi@bimuz.local', first: 'Dilshod', last: 'Dev', full: 'Dilshod Dasturchi', role: 'dasturchi', prof: 'Backend', password: 'BimuzDev#2026' },
  { email: 'direktor@bimuz.local', first: 'Direktor', last: 'Test', full: 'Direktor Testov', role: 'direktor', prof: null, password: 'BimuzDirektor#2026' },
  { email: 'administrator@bimuz.local', first: 'Administrator', last: 'Test', full: 'Administrator Testov', role: 'administrator', prof: null, password: 'BimuzAdministrator#2026' },
  { email: 'buxgalter@bimuz.local', first: 'Buxgalter', last: 'Test', full: 'Buxgalter Testov', role: 'buxgalter', prof: null, password: 'BimuzBuxgalter#2026' },
  { email: 'sotuv_agenti@bimuz.local', first: 'Sotuv_agenti', last: 'Test', full: 'Sotuv_agenti Testov', role: 'sotuv_agenti', prof: null, password: 'BimuzSotuv_agenti#2026' },
  { email: 'mentor@bimuz.local', first: 'Mentor', last: 'Test', full: 'Mentor Testov', role: 'mentor', prof: 'Revit', password: 'BimuzMentor#2026' },
  { email: 'assistent@bimuz.local', first: 'Assistent', last: 'Test', full: 'Assistent Testov', role: 'assistent', prof: null, password: 'BimuzAssistent#2026' },
  { email: 'mentor2@bimuz.local', first: 'Mentor2', last: 'Test', full: 'Mentor2 Testov', role: 'mentor', prof: 'Revit', password: 'BimuzMentor2#2026' },
  // the captures' deactivated account (122, 245, 246) and the one deleted in 125
  { email: 'bulk.emp01@bimuz.local', first: 'Bulk1', last: 'Xodim', full: 'Bulk Xodim 01', role: 'assistent', prof: null, password: BULK_EMPLOYEE_PASSWORD, active: false },
  { email: 'bulk.emp02@bimuz.local', first: 'Bulk2', last: 'Xodim', full: 'Bulk Xodim 02', role: 'buxgalter', prof: null, password: BULK_EMPLOYEE_PASSWORD },
];

interface StudentSeed {
  email: string;
  full: string;
  phone: string;
  passport: string;
  source: Source;
  address: string | null;
  inn: string | null;
  pinfl: string | null;
  group: number | null;
}

const ADDRESS = 'Toshkent sh., Chilonzor t., 5-uy';
const STUDENTS: StudentSeed[] = [
  { email: 'student1@bimuz.local', full: 'Aliyev Vali 1', phone: '+998901234501', passport: 'AA1234501', source: 'telegram', address: ADDRESS, inn: '12345678', pinfl: '31705012000001', group: 1 },
  { email: 'student2@bimuz.local', full: 'Karimova Dilnoza', phone: '+998901234502', passport: 'AA1234502', source: 'instagram', address: ADDRESS, inn: '12345678', pinfl: '31705012000002', group: 2 },
  { email: 'student3@bimuz.local', full: 'Rustamov Jasur', phone: '+998901234503', passport: 'AA1234503', source: 'facebook', address: null, inn: null, pinfl: null, group: 4 },
  { email: 'student4@bimuz.local', full: 'Toshmatov Bekzod', phone: '+998901234504', passport: 'AA1234504', source: 'telegram', address: ADDRESS, inn: '12345678', pinfl: '31705012000004', group: 2 },
  { email: 'student5@bimuz.local', full: 'Yusupova Madina', phone: '998901234505', passport: 'AA1234505', source: 'telegram', address: ADDRESS, inn: '12345678', pinfl: '31705012000005', group: null },
];

interface GroupSeed {
  speciality: Speciality;
  dates: Dates;
  time: string;
  /** days from today; null for a group without a starting date */
  start: number | null;
  lessons: number | null;
  seats: number;
  price: number;
  mentor: number | null;
}

function groupSeeds(): GroupSeed[] {
  const seeds: GroupSeed[] = [
    { speciality: 'revit_architecture', dates: 'mon_wed_fri', time: '14:00:00', start: 13, lessons: 72, seats: 12, price: 2_400_000, mentor: 6 },
    // as it stands after capture 094 (14 seats, 3.2M), which the 1.6M invoices assume
    { speciality: 'revit_structure', dates: 'tue_thu_sat', time: '19:00:00', start: -5, lessons: 48, seats: 14, price: 3_200_000, mentor: 6 },
    { speciality: 'tekla_structure', dates: 'mon_wed_fri', time: '10:00:00', start: -54, lessons: 72, seats: 8, price: 3_600_000, mentor: 8 },
    { speciality: 'revit_architecture', dates: 'tue_thu_sat', time: '16:00:00', start: 21, lessons: 72, seats: 1, price: 2_400_000, mentor: 8 },
    { speciality: 'tekla_structure', dates: 'tue_thu_sat', time: '09:00:00', start: null, lessons: null, seats: 15, price: 0, mentor: null },
    { speciality: 'revit_structure', dates: 'mon_wed_fri', time: '11:00:00', start: -683, lessons: 24, seats: 5, price: 1_000_000, mentor: null },
  ];
  const specialities: Speciality[] = ['revit_architecture', 'revit_structure', 'tekla_structure'];
  for (let i = 0; i < 18; i += 1) {
    const speciality = specialities[i % 3] ?? 'revit_architecture';
    seeds.push({
      speciality,
      dates: i % 2 === 0 ? 'mon_wed_fri' : 'tue_thu_sat',
      time: `${String(8 + (i % 10)).padStart(2, '0')}:00:00`,
      start: 38 + i,
      lessons: 36 + i,
      seats: 10 + i,
      price: 2_000_000 + 100_000 * i,
      mentor: speciality === 'revit_architecture' ? 6 : null,
    });
  }
  return seeds;
}

/** Spreads seed timestamps over the hour before construction, in creation order. */
class SeedClock {
  private us = (Date.now() - 3600_000) * 1000;
  stamp(): string {
    this.us += 150_000 + Math.floor(Math.random() * 1000);
    return formatDateTime(this.us);
  }
}

export function splitName(fullName: string): { first_name: string; last_name: string } {
  const parts = fullName.split(/\s+/).filter(Boolean);
  return { first_name: parts[0] ?? 'Student', last_name: parts.slice(1).join(' ') };
}

/** What a new student row is made of; the rest is as the backend sets it for a new student. */
type StudentIdentity = Pick<
  Student,
  'email' | 'first_name' | 'last_name' | 'full_name' | 'phone' | 'passport_serial_number' | 'birth_date' | 'source' | 'address' | 'inn' | 'pinfl' | 'password'
> & { id?: number; group?: number | null };

/** A student row as the backend creates one: contract not signed, active, no documents yet. */
export function newStudent(state: State, identity: StudentIdentity, stamp: string): Student {
  return {
    id: identity.id ?? state.nextId('students'),
    group: null,
    ...identity,
    contract_signed: false,
    is_active: true,
    contract: null,
    certificate: null,
    created_at: stamp,
    updated_at: stamp,
  };
}

export function seedDefault(state: State): void {
  const clock = new SeedClock();
  const today = state.clock.today();

  for (const e of EMPLOYEES) {
    const stamp = clock.stamp();
    const employee: Employee = {
      id: state.nextId('employees'),
      email: e.email,
      first_name: e.first,
      last_name: e.last,
      full_name: e.full,
      role: e.role,
      professionality: e.prof,
      avatar: null,
      is_active: e.active ?? true,
      created_at: stamp,
      updated_at: stamp,
      password: e.password,
    };
    state.db.employees.push(employee);
  }

  for (const g of groupSeeds()) {
    const stamp = clock.stamp();
    const group: Group = {
      id: state.nextId('groups'),
      speciality_id: g.speciality,
      dates: g.dates,
      time: g.time,
      starting_date: g.start === null ? null : addDays(today, g.start),
      total_lessons: g.lessons,
      seats: g.seats,
      is_active: true,
      price: money(g.price),
      mentor: g.mentor,
      created_at: stamp,
      updated_at: stamp,
    };
    state.db.groups.push(group);
  }

  for (const s of STUDENTS) {
    const stamp = clock.stamp();
    const student = newStudent(
      state,
      {
        email: s.email,
        ...splitName(s.full),
        full_name: s.full,
        phone: s.phone,
        passport_serial_number: s.passport,
        birth_date: '2001-05-17',
        source: s.source,
        address: s.address,
        inn: s.inn,
        pinfl: s.pinfl,
        group: s.group,
        password: STUDENT_PASSWORD,
      },
      stamp,
    );
    state.db.students.push(student);
  }

  const invoices: Array<Pick<Invoice, 'student' | 'group' | 'status'> & { amount: number; method?: string }> = [
    { student: 1, group: 1, amount: 1_200_000, status: 'created' },
    { student: 2, group: 2, amount: 1_600_000, status: 'created' },
    { student: 3, group: 4, amount: 1_200_000, status: 'pending' },
    { student: 4, group: 2, amount: 1_600_000, status: 'paid', method: 'cash' },
    { student: 4, group: 2, amount: 1_600_000, status: 'cancelled' },
  ];
  for (const inv of invoices) {
    const paidAt = inv.status === 'paid' ? clock.stamp() : null;
    const stamp = clock.stamp();
    state.db.invoices.push({
      id: state.nextId('invoices'),
      student: inv.student,
      group: inv.group,
      amount: money(inv.amount),
      status: inv.status,
      multicard_uuid: null,
      multicard_invoice_id: null,
      checkout_url: null,
      receipt_url: null,
      payment_time: paidAt,
      payment_method: inv.method ?? null,
      card_pan: null,
      created_at: stamp,
      updated_at: stamp,
    });
  }

  const attendances: Array<Pick<Attendance, 'group' | 'mentor' | 'participants'> & { day: number }> = [
    { group: 2, day: -3, mentor: 6, participants: [2] },
    { group: 2, day: -1, mentor: 6, participants: [2, 4] },
    { group: 2, day: 0, mentor: null, participants: [] },
  ];
  for (const a of attendances) {
    const stamp = clock.stamp();
    state.db.attendances.push({
      id: state.nextId('attendances'),
      group: a.group,
      // a lesson's day is Tashkent's (from 19:00 UTC on, a day after the backend's own today)
      date: addDays(state.clock.localToday(), a.day),
      time: stamp.slice(11, 26).replace(/\+.*$/, ''),
      mentor: a.mentor,
      participants: a.participants,
      created_at: stamp,
      updated_at: stamp,
    });
  }
}

/** Bulk rows like the captures' "Bulk Talaba N" (N is the new id). */
export function bulkStudent(state: State, stamp: string): Student {
  const id = state.nextId('students');
  const sources: Source[] = ['instagram', 'facebook', 'telegram'];
  return newStudent(
    state,
    {
      id,
      email: `bulk.student${id}@bimuz.local`,
      first_name: 'Bulk',
      last_name: `Talaba ${id}`,
      full_name: `Bulk Talaba ${id}`,
      phone: `+99899${1_234_500 + id}`,
      passport_serial_number: `BB${String(id).padStart(7, '0')}`,
      birth_date: `2000-01-${String((id % 28) + 1).padStart(2, '0')}`,
      source: sources[id % 3] ?? 'telegram',
      address: null,
      inn: null,
      pinfl: null,
      password: STUDENT_PASSWORD,
    },
    stamp,
  );
}
