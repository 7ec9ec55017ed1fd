/**
 * The simulator's database and the model-level behaviour the views share: derived group values
 * (seats, 10-day rule, finish date), cascades on delete, and the invoice side effects that only
 * happen when the backend behaves as intended.
 */
import { Clock, addDays, daysBetween, micros, weekday } from './clock.js';
import { money } from './http.js';
import { TokenTable } from './tokens.js';
import type { Attendance, Db, Employee, Group, Invoice, Student } from './types.js';

type Table = keyof Db;

/**
 * How `payment/create-payment/` answers:
 * - broken: as captured (190–193): settings.MULTICARD_RETURN_URL is missing, an HTML 500 for every valid request;
 * - unconfigured: the setting defined but no Multicard credentials (262): 400 "Failed to authenticate with payment service";
 * - working: Multicard answers (266–268): the link, and the invoice becomes pending.
 */
export type PaymentLinkMode = 'broken' | 'unconfigured' | 'working';

export const SPECIALITY_DISPLAY: Record<string, string> = {
  revit_architecture: 'Revit Architecture',
  revit_structure: 'Revit Structure',
  tekla_structure: 'Tekla Structure',
};
export const DATES_DISPLAY: Record<string, string> = {
  mon_wed_fri: 'Dushanba - Chorshanba - Juma',
  tue_thu_sat: 'Seshanba - Payshanba - Shanba',
};
export const ROLE_DISPLAY: Record<string, string> = {
  dasturchi: 'Dasturchi',
  direktor: 'Direktor',
  administrator: 'Administrator',
  sotuv_agenti: 'Sotuv agenti',
  mentor: 'Mentor',
  assistent: 'Assistent',
  buxgalter: 'Buxgalter',
};
export const STATUS_DISPLAY: Record<string, string> = {
  created: 'Yaratilgan',
  pending: 'Kutilmoqda',
  paid: "To'langan",
  cancelled: 'Bekor qilingan',
};
export const SOURCE_DISPLAY: Record<string, string> = { instagram: 'Instagram', facebook: 'Facebook', telegram: 'Telegram' };

/** Newest first, as every model's Meta.ordering = ['-created_at'] gives it. */
export function newestFirst<T extends { id: number; created_at: string }>(rows: readonly T[]): T[] {
  // each timestamp parsed once, not once per comparison
  return rows
    .map((row) => ({ row, at: micros(row.created_at) }))
    .sort((a, b) => b.at - a.at || b.row.id - a.row.id)
    .map(({ row }) => row);
}

export class State {
  readonly db: Db = { employees: [], students: [], groups: [], invoices: [], attendances: [] };
  readonly clock = new Clock();
  readonly tokens = new TokenTable();
  intended = false;
  /** how create-payment behaves; null: as `intended` says (see paymentLinkMode) */
  paymentLinks: PaymentLinkMode | null = null;
  private readonly counters: Record<Table, number> = { employees: 1, students: 1, groups: 1, invoices: 1, attendances: 1 };

  /** Postgres sequences never hand out an id twice, even after deletes or rows pushed by a test. */
  nextId(table: Table): number {
    const maxExisting = this.db[table].reduce((max, row) => Math.max(max, row.id), 0);
    const id = Math.max(this.counters[table], maxExisting + 1);
    this.counters[table] = id + 1;
    return id;
  }

  employee(id: number | null): Employee | undefined {
    return id === null ? undefined : this.db.employees.find((e) => e.id === id);
  }
  student(id: number | null): Student | undefined {
    return id === null ? undefined : this.db.students.find((s) => s.id === id);
  }
  group(id: number | null): Group | undefined {
    return id === null ? undefined : this.db.groups.find((g) => g.id === id);
  }
  invoice(id: number): Invoice | undefined {
    return this.db.invoices.find((i) => i.id === id);
  }
  attendance(id: number): Attendance | undefined {
    return this.db.attendances.find((a) => a.id === id);
  }
  emailTaken(email: string): boolean {
    return this.db.employees.some((e) => e.email === email) || this.db.students.some((s) => s.email === email);
  }

  /** As captured (a 500 before anything is looked at) unless the backend behaves as intended. */
  paymentLinkMode(): PaymentLinkMode {
    return this.paymentLinks ?? (this.intended ? 'working' : 'broken');
  }

  // ---- group model properties ----

  groupName(group: Group): string {
    return `${SPECIALITY_DISPLAY[group.speciality_id] ?? group.speciality_id} - ${DATES_DISPLAY[group.dates] ?? group.dates}`;
  }
  studentsIn(groupId: number): Student[] {
    return newestFirst(this.db.students.filter((s) => s.group === groupId));
  }
  availableSeats(group: Group): number {
    return Math.max(0, group.seats - this.studentsIn(group.id).length);
  }
  isPlanned(group: Group): boolean {
    return group.starting_date !== null && group.starting_date > this.clock.today();
  }
  daysSinceStart(group: Group): number | null {
    const today = this.clock.today();
    if (group.starting_date === null || group.starting_date > today) return null;
    return daysBetween(group.starting_date, today);
  }
  canAcceptBookings(group: Group): boolean {
    const days = this.daysSinceStart(group);
    return days === null || days < 10;
  }
  /** The starting date is lesson 1 whatever its weekday; later lessons fall on the schedule's days. */
  finishDate(group: Group): string | null {
    if (!group.starting_date || !group.total_lessons) return null;
    const lessonDays = group.dates === 'mon_wed_fri' ? [0, 2, 4] : [1, 3, 5];
    let current = group.starting_date;
    let counted = 1;
    while (counted < group.total_lessons) {
      current = addDays(current, 1);
      if (lessonDays.includes(weekday(current))) counted += 1;
    }
    return current;
  }

  // ---- writes with model side effects ----

  touch<T extends { updated_at: string }>(row: T): T {
    row.updated_at = this.clock.stamp();
    return row;
  }

  createInvoice(studentId: number, groupId: number, amount: number): Invoice {
    const stamp = this.clock.stamp();
    const invoice: Invoice = {
      id: this.nextId('invoices'),
      student: studentId,
      group: groupId,
      amount: money(amount),
      status: 'created',
      multicard_uuid: null,
      multicard_invoice_id: null,
      checkout_url: null,
      receipt_url: null,
      payment_time: null,
      payment_method: null,
      card_pan: null,
      created_at: stamp,
      updated_at: stamp,
    };
    this.db.invoices.push(invoice);
    return invoice;
  }

  /**
   * The post_save signal on Student: when a group is set and no live invoice exists, the first
   * instalment (50 %) is billed. At the captured commit it always fails (Invoice has no `notes`
   * field), so it only runs when `intended` is on.
   */
  afterStudentSaved(student: Student): void {
    if (!this.intended || student.group === null) return;
    const group = this.group(student.group);
    if (!group || Number(group.price) <= 0) return;
    const live = this.db.invoices.some(
      (i) => i.student === student.id && i.group === group.id && ['created', 'pending', 'paid'].includes(i.status),
    );
    if (!live) this.createInvoice(student.id, group.id, Number(group.price) / 2);
  }

  /** The pre_save signal on Group: unpaid invoices follow a new price (broken at the captured commit). */
  afterPriceChange(group: Group, oldPrice: string): void {
    if (!this.intended || oldPrice === group.price || Number(group.price) <= 0) return;
    for (const invoice of this.db.invoices) {
      if (invoice.group === group.id && (invoice.status === 'created' || invoice.status === 'pending')) {
        invoice.amount = money(Number(group.price) / 2);
        this.touch(invoice);
      }
    }
  }

  /** A generated contract file, as the intended booking and change of group produce it. */
  attachContract(student: Student, group: Group): void {
    const d = new Date(Date.now() + 5 * 3600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    const stamp = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
    student.contract = `contracts/contract_${student.id}_${group.id}_${stamp}.pdf`;
    student.contract_signed = false;
  }

  /** Deleting the User cascades to the student, their invoices and attendance marks. */
  deleteStudent(student: Student): void {
    this.db.students.splice(this.db.students.indexOf(student), 1);
    this.removeWhere('invoices', (i) => i.student === student.id);
    for (const a of this.db.attendances) a.participants = a.participants.filter((p) => p !== student.id);
  }

  /** Groups and attendances keep existing with mentor set to null (on_delete SET_NULL). */
  deleteEmployee(employee: Employee): void {
    this.db.employees.splice(this.db.employees.indexOf(employee), 1);
    for (const g of this.db.groups) if (g.mentor === employee.id) g.mentor = null;
    for (const a of this.db.attendances) if (a.mentor === employee.id) a.mentor = null;
  }

  /** Invoices (paid ones too) and attendances cascade; students are detached. */
  deleteGroup(group: Group): void {
    this.db.groups.splice(this.db.groups.indexOf(group), 1);
    this.removeWhere('invoices', (i) => i.group === group.id);
    this.removeWhere('attendances', (a) => a.group === group.id);
    for (const s of this.db.students) if (s.group === group.id) s.group = null;
  }

  private removeWhere<K extends 'invoices' | 'attendances'>(table: K, doomed: (row: Db[K][number]) => boolean): void {
    const rows = this.db[table] as Db[K][number][];
    for (let i = rows.length - 1; i >= 0; i -= 1) {
      const row = rows[i];
      if (row !== undefined && doomed(row)) rows.splice(i, 1);
    }
  }
}
