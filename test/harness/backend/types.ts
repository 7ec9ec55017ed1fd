/**
 * Entities of the simulated BIMUZ backend. Field names follow the captured JSON so tests can read
 * `sim.db` the way the API shows it; derived fields (counts, display names, finish_date …) are
 * computed when serialising and therefore not stored.
 */

export type Role = 'dasturchi' | 'direktor' | 'administrator' | 'buxgalter' | 'sotuv_agenti' | 'mentor' | 'assistent';
export type Speciality = 'revit_architecture' | 'revit_structure' | 'tekla_structure';
export type Dates = 'mon_wed_fri' | 'tue_thu_sat';
export type Source = 'instagram' | 'facebook' | 'telegram';
export type InvoiceStatus = 'created' | 'pending' | 'paid' | 'cancelled';

export interface Employee {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  full_name: string;
  role: Role;
  professionality: string | null;
  avatar: string | null;
  /** lives on the Django User; a deactivated employee can still log in but every call answers 401 */
  is_active: boolean;
  created_at: string;
  updated_at: string;
  /** plain text: the simulator has no reason to hash */
  password: string;
}

export interface Student {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  full_name: string;
  phone: string;
  passport_serial_number: string;
  birth_date: string;
  source: Source;
  address: string | null;
  inn: string | null;
  pinfl: string | null;
  group: number | null;
  contract_signed: boolean;
  is_active: boolean;
  /** media-relative path such as `contracts/contract_1_2_20261124_101500.pdf`, or null */
  contract: string | null;
  certificate: string | null;
  created_at: string;
  updated_at: string;
  password: string;
}

export interface Group {
  id: number;
  speciality_id: Speciality;
  dates: Dates;
  /** as the API shows it: "14:00:00" */
  time: string;
  starting_date: string | null;
  total_lessons: number | null;
  seats: number;
  is_active: boolean;
  /** decimal string with two places, e.g. "2400000.00" */
  price: string;
  mentor: number | null;
  created_at: string;
  updated_at: string;
}

export interface Invoice {
  id: number;
  student: number;
  group: number;
  amount: string;
  status: InvoiceStatus;
  multicard_uuid: string | null;
  multicard_invoice_id: string | null;
  checkout_url: string | null;
  receipt_url: string | null;
  payment_time: string | null;
  payment_method: string | null;
  card_pan: string | null;
  created_at: string;
  updated_at: string;
}

export interface Attendance {
  id: number;
  group: number;
  date: string;
  /** recorded wall-clock time "HH:MM:SS.ffffff" */
  time: string;
  mentor: number | null;
  participants: number[];
  created_at: string;
  updated_at: string;
}

export interface Db {
  employees: Employee[];
  students: Student[];
  groups: Group[];
  invoices: Invoice[];
  attendances: Attendance[];
}

export type Principal = { kind: 'employee'; employee: Employee } | { kind: 'student'; student: Student };

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  role?: Role;
  employeeId?: number;
  status: number;
  body?: unknown;
  /** the fault injected into this request's answer (see BackendSimulator.faults) */
  fault?: string;
}

/** What a view produces before it is turned into a fetch Response or written to a socket. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  /** already rendered (JSON text or HTML); null for an empty body */
  body: string | null;
}
