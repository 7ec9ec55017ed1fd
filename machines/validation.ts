/** Pure input checks and normalisation shared by the flows. */
import { formatMoney } from './ui/format.js';
import { t } from './ui/texts.js';

/** A pragmatic email check, close to Django's EmailField: local@domain.tld, no spaces. */
export function normaliseEmail(text: string): string | null {
  const email = text.trim();
  if (email.length > 254) return null;
  return /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(email)
    ? email
    : null;
}

/** The result of checking one answer: the normalised value, or the reason (Uzbek, HTML-safe) to show. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const valid = <T>(value: T): Checked<T> => ({ ok: true, value });
const invalid = (reason: string): Checked<never> => ({ ok: false, reason });
const reasons = t.students.invalid;

/** Apostrophes Uzbek names are written with (O'g'li, Oʻgʻli…), plus the hyphen and the dot of initials. */
const nameCharacters = /^[\p{L}\p{M}'ʻʼ‘’`.\- ]+$/u;

export function normaliseFullName(text: string): Checked<string> {
  const name = text.trim().replace(/\s+/g, ' ');
  if (!nameCharacters.test(name)) return invalid(name.length === 0 ? reasons.nameShort : reasons.nameCharacters);
  const letters = name.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 3) return invalid(reasons.nameShort);
  if ([...name].length > 100) return invalid(reasons.nameLong);
  const words = name.split(' ').filter((word) => /\p{L}/u.test(word));
  if (words.length < 2) return invalid(reasons.nameWords);
  return valid(name);
}

/** Operator codes of Uzbek mobile networks (landline area codes such as 71 are not mobiles). */
const mobileCodes = new Set(['20', '33', '50', '55', '77', '88', '90', '91', '93', '94', '95', '97', '98', '99']);

/**
 * An Uzbek mobile number in any usual spelling (`+998 90 123-45-67`, `998901234567`,
 * `90 123 45 67`, `(90) 123 45 67`), stored as `+998901234567`.
 */
export function normalisePhone(text: string): Checked<string> {
  const raw = text.trim();
  if (!/^\+?[\d\s\-().]+$/.test(raw)) return invalid(reasons.phoneCharacters);
  const digits = raw.replace(/\D/g, '');
  const international = raw.startsWith('+') || digits.length > 9;
  if (international && !digits.startsWith('998')) return invalid(reasons.phoneCountry);
  const national = international ? digits.slice(3) : digits;
  if (national.length !== 9) return invalid(reasons.phoneLength);
  const code = national.slice(0, 2);
  if (!mobileCodes.has(code)) return invalid(reasons.phoneOperator(code));
  return valid(`+998${national}`);
}

/** Two Latin letters and seven digits (`AB1234567`); spaces are dropped and letters upper-cased. */
export function normalisePassport(text: string): Checked<string> {
  const passport = text.replace(/\s+/g, '').toUpperCase();
  // Cyrillic АВ looks like Latin AB but the backend would store it as another passport
  if (/\p{L}/u.test(passport.replace(/[A-Z]/g, ''))) return invalid(reasons.passportLatin);
  if (!/^[A-Z]{2}\d{7}$/.test(passport)) return invalid(reasons.passportShape);
  return valid(passport);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole years from `birth` to `today`, both YYYY-MM-DD. */
export function ageOn(birth: string, today: string): number {
  const [by = 0, bm = 0, bd = 0] = birth.split('-').map(Number);
  const [ty = 0, tm = 0, td = 0] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export const MIN_STUDENT_AGE = 5;
export const MAX_STUDENT_AGE = 100;

/**
 * A calendar date typed as `15.01.2027` or `2027-01-15`, as YYYY-MM-DD; 'format' when it is
 * written some other way, 'notReal' when there is no such day.
 */
function readDate(text: string): string | 'format' | 'notReal' {
  const raw = text.trim();
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
  const dashed = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  if (!dotted && !dashed) return 'format';
  const [day, month, year] = dotted ? [dotted[1], dotted[2], dotted[3]].map(Number) : [dashed![3], dashed![2], dashed![1]].map(Number);
  if (!year || !month || !day || month > 12 || day > daysInMonth(year, month)) return 'notReal';
  return isoDate(year, month, day);
}

/**
 * A birth date as `15.01.2005` or `2005-01-15`, stored as `2005-01-15`: a real calendar date, not
 * in the future, and an age from 5 to 100 on `today` (YYYY-MM-DD, given by the runtime; without
 * it only the date itself is checked).
 */
export function parseBirthDate(text: string, today: string | null): Checked<string> {
  const date = readDate(text);
  if (date === 'format') return invalid(reasons.birthFormat);
  if (date === 'notReal') return invalid(reasons.birthNotReal);
  if (today === null) return valid(date);
  if (date > today) return invalid(reasons.birthFuture);
  const age = ageOn(date, today);
  if (age < MIN_STUDENT_AGE) return invalid(reasons.birthTooYoung);
  if (age > MAX_STUDENT_AGE) return invalid(reasons.birthTooOld);
  return valid(date);
}

export function normaliseEmailAnswer(text: string): Checked<string> {
  const email = normaliseEmail(text);
  return email === null ? invalid(reasons.email) : valid(email);
}

export function normaliseAddress(text: string): Checked<string> {
  const address = text.trim().replace(/\s+/g, ' ');
  return [...address].length > 300 ? invalid(reasons.addressLong) : valid(address);
}

export function normaliseInn(text: string): Checked<string> {
  const inn = text.replace(/\s+/g, '');
  return /^\d{9}$/.test(inn) ? valid(inn) : invalid(reasons.inn);
}

export function normalisePinfl(text: string): Checked<string> {
  const pinfl = text.replace(/\s+/g, '');
  return /^\d{14}$/.test(pinfl) ? valid(pinfl) : invalid(reasons.pinfl);
}

/** How many bytes a search may take inside a button's data, next to the section, action and page. */
/**
 * The check of every typed field of the student forms, by field, so that creating and editing
 * judge an answer the same way. `today` (YYYY-MM-DD) is for the age check.
 */
export const studentFieldChecks = {
  fullName: (text: string) => normaliseFullName(text),
  email: (text: string) => normaliseEmailAnswer(text),
  phone: (text: string) => normalisePhone(text),
  passport: (text: string) => normalisePassport(text),
  birthDate: (text: string, today: string | null) => parseBirthDate(text, today),
  address: (text: string) => normaliseAddress(text),
  inn: (text: string) => normaliseInn(text),
  pinfl: (text: string) => normalisePinfl(text),
} satisfies Record<string, (text: string, today: string | null) => Checked<string>>;

export const SEARCH_MAX_BYTES = 36;

/**
 * A search as the backend's `search` wants it: spaces collapsed; a phone number typed with spaces
 * or dashes reduced to its digits (the backend matches the stored `+998…` as a substring); and
 * clipped so that a button carrying it stays within Telegram's 64 bytes.
 */
const utf8 = new TextEncoder();

export function normaliseSearch(text: string): string {
  let query = text.trim().replace(/\s+/g, ' ');
  if (/^\+?[\d\s\-()]+$/.test(query) && /\d{3}/.test(query.replace(/\D/g, ''))) query = query.replace(/\D/g, '');
  // keep whole characters while their encoded size (as the callback codec writes them) fits
  let bytes = 0;
  let kept = '';
  for (const char of query) {
    const size = char === '%' || char === ':' ? 3 : utf8.encode(char).length;
    if (bytes + size > SEARCH_MAX_BYTES) break;
    bytes += size;
    kept += char;
  }
  return kept.trim();
}

// ---- the groups section ----

const groupReasons = t.groups.invalid;

/** A lesson time as `14:00`, `9:30` or `9.30`, stored as `09:30`. */
export function parseLessonTime(text: string): Checked<string> {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return invalid(groupReasons.timeFormat);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return invalid(groupReasons.timeNotReal);
  return valid(`${String(hours).padStart(2, '0')}:${match[2]}`);
}

/** Years a group may start in: past starts are allowed (a running group is entered late), typos are not. */
export const START_YEARS = { from: 2000, to: 2100 } as const;

/** A start date as `15.01.2027` or `2027-01-15`, stored as `2027-01-15`; a date in the past is accepted, as the backend does. */
export function parseStartDate(text: string): Checked<string> {
  const date = readDate(text);
  if (date === 'format') return invalid(groupReasons.dateFormat);
  if (date === 'notReal') return invalid(groupReasons.dateNotReal);
  const year = Number(date.slice(0, 4));
  if (year < START_YEARS.from || year > START_YEARS.to) return invalid(groupReasons.dateRange(START_YEARS.from, START_YEARS.to));
  return valid(date);
}

// ---- the attendance section ----

/** A day typed as `15.01.2027` or `2027-01-15`, as `2027-01-15` (a filter, or the day of a lesson). */
export function parseDay(text: string): Checked<string> {
  const date = readDate(text);
  if (date === 'format') return invalid(t.attendance.invalid.dateFormat);
  if (date === 'notReal') return invalid(t.attendance.invalid.dateNotReal);
  const year = Number(date.slice(0, 4));
  if (year < START_YEARS.from || year > START_YEARS.to) return invalid(t.attendance.invalid.dateRange(START_YEARS.from, START_YEARS.to));
  return valid(date);
}

/** Far above any class, so that a slip of the keyboard (120 for 12) is caught before it is saved. */
export const MAX_SEATS = 500;
export const MAX_LESSONS = 500;

/** A whole number typed with nothing else: no sign, no decimals, no exponent. */
function wholeNumber(text: string): number | null {
  const raw = text.trim();
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

/**
 * Seats: a positive whole number, never below the students already in the group (`enrolled`, 0
 * for a new group): the backend would accept fewer seats than students and the group would then
 * show a negative number of free seats as zero.
 */
export function parseSeats(text: string, enrolled: number): Checked<number> {
  const seats = wholeNumber(text);
  if (seats === null || seats === 0) return invalid(groupReasons.seatsNumber);
  if (seats > MAX_SEATS) return invalid(groupReasons.seatsTooMany(MAX_SEATS));
  if (seats < enrolled) return invalid(groupReasons.seatsBelowEnrolled(enrolled));
  return valid(seats);
}

export function parseTotalLessons(text: string): Checked<number> {
  const lessons = wholeNumber(text);
  if (lessons === null || lessons === 0) return invalid(groupReasons.lessonsNumber);
  if (lessons > MAX_LESSONS) return invalid(groupReasons.lessonsTooMany(MAX_LESSONS));
  return valid(lessons);
}

/** The backend keeps a price as decimal(10, 2): at most eight digits of so'm. */
export const MAX_PRICE = 99_999_999;

/**
 * A price in so'm: `1500000`, `1 500 000` or `1.500.000` (thousands grouped by a space, dot or
 * comma), optionally followed by "so'm"; stored as a whole number and sent as digits. Zero,
 * negatives, decimals, exponents and anything that is not a number are refused.
 */
export function parsePrice(text: string): Checked<number> {
  const raw = text
    .trim()
    .replace(/\s*(so['ʻʼ‘’`]?m|sum|сум|сўм)\.?$/iu, '')
    .trim();
  if (/^-/.test(raw) && /\d/.test(raw)) return invalid(groupReasons.priceNegative);
  const grouped = /^\d{1,3}(?:[\s.,]\d{3})+$/u.test(raw);
  if (!grouped && !/^\d+$/.test(raw)) return invalid(groupReasons.priceNumber);
  const digits = raw.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(digits)) return invalid(groupReasons.priceZero);
  if (Number(digits) > MAX_PRICE) return invalid(groupReasons.priceTooHigh(formatMoney(MAX_PRICE)));
  return valid(Number(digits));
}

/**
 * The check of every typed field of the group forms, by field, so that creating and editing
 * judge an answer the same way. `enrolled` is the number of students in the group (0 when new).
 */
export const groupFieldChecks = {
  time: (text: string) => parseLessonTime(text),
  startingDate: (text: string) => parseStartDate(text),
  seats: (text: string, enrolled: number) => parseSeats(text, enrolled),
  price: (text: string) => parsePrice(text),
  totalLessons: (text: string) => parseTotalLessons(text),
} satisfies Record<string, (text: string, enrolled: number) => Checked<string> | Checked<number>>;

// ---------------------------------------------------------------- employees

const employeeReasons = t.employees.invalid;

/** The longest first or last name the bot takes (the backend's 150, kept so that the full name fits its 255). */
export const MAX_NAME_PART = 100;
export const MAX_EMPLOYEE_NAME = 200;
export const MAX_SPECIALITY = 100;

/** A first or last name: letters (any script), spaces, apostrophes and hyphens; spaces collapsed. */
export function normaliseNamePart(text: string, max = MAX_NAME_PART): Checked<string> {
  const name = text.trim().replace(/\s+/g, ' ');
  if (!nameCharacters.test(name)) return invalid(name.length === 0 ? employeeReasons.nameShort : employeeReasons.name);
  if ((name.match(/\p{L}/gu)?.length ?? 0) < 2) return invalid(employeeReasons.nameShort);
  if ([...name].length > max) return invalid(employeeReasons.nameLong(max));
  return valid(name);
}

/** An employee's full name when it is edited: as a name part, in at least two words. */
export function normaliseEmployeeName(text: string): Checked<string> {
  const checked = normaliseNamePart(text, MAX_EMPLOYEE_NAME);
  if (!checked.ok) return checked;
  return checked.value.split(' ').filter((word) => /\p{L}/u.test(word)).length < 2 ? invalid(employeeReasons.fullNameWords) : checked;
}

export function normaliseSpeciality(text: string): Checked<string> {
  const speciality = text.trim().replace(/\s+/g, ' ');
  if (speciality.length === 0) return invalid(employeeReasons.nameShort);
  if ([...speciality].length > MAX_SPECIALITY) return invalid(employeeReasons.specialityLong(MAX_SPECIALITY));
  return valid(speciality);
}

export function normaliseEmployeeEmail(text: string): Checked<string> {
  const email = normaliseEmail(text);
  return email === null ? invalid(employeeReasons.email) : valid(email);
}

/** The typed answers of the employee forms. */
export const employeeFieldChecks = {
  email: normaliseEmployeeEmail,
  firstName: (text: string) => normaliseNamePart(text),
  lastName: (text: string) => normaliseNamePart(text),
  fullName: normaliseEmployeeName,
  speciality: normaliseSpeciality,
};
