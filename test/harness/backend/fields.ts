/**
 * A small re-implementation of the DRF field validation the BIMUZ serializers use, producing the
 * same messages (Uzbek where Django's catalogue translates them, English where it does not) in the
 * same order: fields in declaration order, all validators of a field collected, `validate_<field>`
 * hooks only after the field itself passed, object-level checks only when every field passed.
 */
import { MSG, pyStr, pyType } from './http.js';

export type Outcome = { value: unknown } | { errors: unknown };

export interface FieldSpec {
  name: string;
  required?: boolean;
  allowNull?: boolean;
  /** used when the key is absent on a full (non-partial) validation */
  default?: () => unknown;
  parse: (raw: unknown) => Outcome;
  /** DRF's `validate_<field>` hook: return messages to fail the field */
  hook?: (value: unknown) => string[] | undefined;
}

export type Data = Record<string, unknown>;

export interface Validated {
  values: Data;
  errors: Record<string, unknown> | null;
}

export function validateFields(data: Data, specs: FieldSpec[], partial: boolean): Validated {
  const values: Data = {};
  const errors: Record<string, unknown> = {};
  for (const spec of specs) {
    const present = Object.prototype.hasOwnProperty.call(data, spec.name);
    if (!present) {
      if (partial) continue;
      if (spec.required) {
        errors[spec.name] = [MSG.required];
        continue;
      }
      if (spec.default) values[spec.name] = spec.default();
      continue;
    }
    const raw = data[spec.name];
    if (raw === null) {
      if (spec.allowNull) values[spec.name] = null;
      else errors[spec.name] = [MSG.null];
      continue;
    }
    const outcome = spec.parse(raw);
    if ('errors' in outcome) {
      errors[spec.name] = outcome.errors;
      continue;
    }
    const hookErrors = spec.hook?.(outcome.value);
    if (hookErrors && hookErrors.length > 0) {
      errors[spec.name] = hookErrors;
      continue;
    }
    values[spec.name] = outcome.value;
  }
  return { values, errors: Object.keys(errors).length > 0 ? errors : null };
}

const fail = (...messages: string[]): Outcome => ({ errors: messages });

/** A validator: one message, several (Django's validate_password raises them together) or none. */
export type Check = (value: string) => string | string[] | undefined;

export interface CharOptions {
  allowBlank?: boolean;
  maxLength?: number;
  /** model and serializer validators, in the order DRF runs them (max length is appended last) */
  checks?: Check[];
}

export function charField(options: CharOptions = {}): (raw: unknown) => Outcome {
  return (raw) => {
    if (typeof raw === 'boolean' || !(typeof raw === 'string' || typeof raw === 'number')) return fail('Not a valid string.');
    const text = String(raw).trim();
    if (text === '') return options.allowBlank ? { value: '' } : fail(MSG.blank);
    const messages: string[] = [];
    if (text.includes('\0')) messages.push('Null characters are not allowed.');
    for (const check of options.checks ?? []) {
      const found = check(text);
      if (typeof found === 'string') messages.push(found);
      else if (found) messages.push(...found);
    }
    if (options.maxLength !== undefined && [...text].length > options.maxLength) {
      messages.push(`Ensure this field has no more than ${options.maxLength} characters.`);
    }
    return messages.length > 0 ? { errors: messages } : { value: text };
  };
}

/** Close to Django's EmailValidator for the inputs a bot or a test sends. */
const EMAIL_RE = /^[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}|localhost|\[[0-9.:a-fA-F]+\])$/;

export function emailField(): (raw: unknown) => Outcome {
  return charField({ checks: [(v) => (EMAIL_RE.test(v) ? undefined : "To'g'ri elektron pochta manzilini kiriting.")] });
}

export function urlField(): (raw: unknown) => Outcome {
  return charField({
    checks: [
      (v) => {
        const invalid = "To'g'ri URL manzilini kiriting.";
        if (/\s/.test(v)) return invalid;
        let url: URL;
        try {
          url = new URL(v);
        } catch {
          return invalid;
        }
        if (!['http:', 'https:', 'ftp:', 'ftps:'].includes(url.protocol)) return invalid;
        const host = url.hostname;
        const looksLikeHost = host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[') || /\.[a-z]{2,63}\.?$/i.test(host);
        return looksLikeHost ? undefined : invalid;
      },
    ],
  });
}

export function choiceField(choices: readonly string[]): (raw: unknown) => Outcome {
  return (raw) => {
    const key = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : pyStr(raw);
    return choices.includes(key) ? { value: key } : fail(`"${pyStr(raw)}" is not a valid choice.`);
  };
}

export interface IntOptions {
  min?: number;
  max?: number;
}

export function integerField(options: IntOptions = {}): (raw: unknown) => Outcome {
  return (raw) => {
    let value: number | undefined;
    if (typeof raw === 'number' && Number.isFinite(raw) && Number.isInteger(raw)) value = raw;
    else if (typeof raw === 'string' && raw.length <= 1000) {
      // DRF strips a trailing ".0…" before int(): "3.0" is 3, "3.5" is invalid
      const stripped = raw.replace(/\.0*\s*$/, '');
      if (/^\s*[+-]?\d+\s*$/.test(stripped)) value = Number.parseInt(stripped.trim(), 10);
    }
    if (value === undefined) return fail('A valid integer is required.');
    if (options.min !== undefined && value < options.min) return fail(`Ensure this value is greater than or equal to ${options.min}.`);
    if (options.max !== undefined && value > options.max) return fail(`Ensure this value is less than or equal to ${options.max}.`);
    return { value };
  };
}

/** DecimalField(max_digits, decimal_places) answering the normalised "1234.50" string. */
export function decimalField(maxDigits: number, decimalPlaces: number): (raw: unknown) => Outcome {
  return (raw) => {
    if (typeof raw === 'boolean' || raw === null || typeof raw === 'object') return fail('A valid number is required.');
    const text = String(raw).trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return fail('A valid number is required.');
    const sign = m[1] === '-' ? '-' : '';
    let intPart = m[2] ?? '';
    let fracPart = m[3] ?? '';
    const exponent = Number(m[4] ?? 0);
    // shift the decimal point for exponents so precision is checked on the written digits
    if (exponent > 0) {
      const moved = fracPart.slice(0, exponent).padEnd(exponent, '0');
      intPart += moved;
      fracPart = fracPart.slice(exponent);
    } else if (exponent < 0) {
      const whole = intPart.padStart(-exponent, '0');
      fracPart = whole.slice(whole.length + exponent) + fracPart;
      intPart = whole.slice(0, whole.length + exponent);
    }
    const digits = (intPart + fracPart).replace(/^0+/, '');
    const places = fracPart.length;
    const totalDigits = Math.max(digits.length, places);
    const wholeDigits = Math.max(totalDigits - places, 0);
    if (totalDigits > maxDigits) return fail(`Ensure that there are no more than ${maxDigits} digits in total.`);
    if (places > decimalPlaces) return fail(`Ensure that there are no more than ${decimalPlaces} decimal places.`);
    if (wholeDigits > maxDigits - decimalPlaces) {
      return fail(`Ensure that there are no more than ${maxDigits - decimalPlaces} digits before the decimal point.`);
    }
    const normalisedInt = intPart.replace(/^0+(?=\d)/, '') || '0';
    return { value: `${sign}${normalisedInt}.${fracPart.padEnd(decimalPlaces, '0')}` };
  };
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

/** Django's parse_date (fromisoformat, then the lenient Y-m-d regex). */
export function parseDate(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function dateField(): (raw: unknown) => Outcome {
  return (raw) => {
    const value = parseDate(raw);
    return value === null ? fail('Date has wrong format. Use one of these formats instead: YYYY-MM-DD.') : { value };
  };
}

/** Django's parse_time, rendered like Python's `time.isoformat()`. */
export function parseTime(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m =
    /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?$/.exec(raw) ??
    /^(\d{2})(\d{2})?(\d{2})?$/.exec(raw);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const second = Number(m[3] ?? 0);
  const micro = Number((m[4] ?? '').padEnd(6, '0') || 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const p = (n: number) => String(n).padStart(2, '0');
  const base = `${p(hour)}:${p(minute)}:${p(second)}`;
  return micro === 0 ? base : `${base}.${String(micro).padStart(6, '0')}`;
}

export function timeField(): (raw: unknown) => Outcome {
  return (raw) => {
    const value = parseTime(raw);
    return value === null ? fail('Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]].') : { value };
  };
}

/**
 * DateTimeField: ISO 8601, naive values taken as Tashkent time, rendered back in +05:00 the way
 * DRF does (`2026-11-20T10:30:00+05:00`).
 */
export function dateTimeField(): (raw: unknown) => Outcome {
  const invalid = fail('Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].');
  return (raw) => {
    if (typeof raw !== 'string') return invalid;
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(raw);
    if (!m) return invalid;
    const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
    const second = Number(m[6] ?? 0);
    const micro = Number((m[7] ?? '').padEnd(6, '0') || 0);
    if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return invalid;
    if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return invalid;
    let offsetMinutes = 300;
    const tz = m[8];
    if (tz === 'Z') offsetMinutes = 0;
    else if (tz) {
      const sign = tz.startsWith('-') ? -1 : 1;
      const digits = tz.slice(1).replace(':', '');
      offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
    }
    const utcMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
    return { value: { utcMs, micro } };
  };
}

const TRUE_VALUES = new Set<unknown>(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1', 1, true]);
const FALSE_VALUES = new Set<unknown>(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0', 0, false]);

export function booleanField(): (raw: unknown) => Outcome {
  return (raw) => {
    if (TRUE_VALUES.has(raw)) return { value: true };
    if (FALSE_VALUES.has(raw)) return { value: false };
    return fail('Must be a valid boolean.');
  };
}

/** PrimaryKeyRelatedField over a filtered queryset. */
export function pkField(exists: (id: number) => boolean): (raw: unknown) => Outcome {
  return (raw) => {
    if (typeof raw === 'boolean') return fail('Incorrect type. Expected pk value, received bool.');
    let id: number | undefined;
    if (typeof raw === 'number' && Number.isFinite(raw)) id = Math.trunc(raw);
    else if (typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw)) id = Number.parseInt(raw.trim(), 10);
    if (id === undefined) return fail(`Incorrect type. Expected pk value, received ${pyType(raw)}.`);
    return exists(id) ? { value: id } : fail(`Invalid pk "${pyStr(raw)}" - object does not exist.`);
  };
}

/** ManyRelatedField of primary keys: the first bad item fails the whole field. */
export function pkListField(exists: (id: number) => boolean): (raw: unknown) => Outcome {
  const item = pkField(exists);
  return (raw) => {
    if (!Array.isArray(raw)) return fail(`Expected a list of items but got type "${pyType(raw)}".`);
    const ids: number[] = [];
    for (const entry of raw) {
      const outcome = item(entry);
      if ('errors' in outcome) return outcome;
      ids.push(outcome.value as number);
    }
    return { value: ids };
  };
}

/** ListField(child=IntegerField()): per-index errors as DRF 3.16 reports them. */
export function integerListField(): (raw: unknown) => Outcome {
  const child = integerField();
  return (raw) => {
    if (!Array.isArray(raw)) return fail(`Expected a list of items but got type "${pyType(raw)}".`);
    const values: number[] = [];
    const errors: Record<string, unknown> = {};
    raw.forEach((entry, index) => {
      const outcome = child(entry);
      if ('errors' in outcome) errors[String(index)] = outcome.errors;
      else values.push(outcome.value as number);
    });
    return Object.keys(errors).length > 0 ? { errors } : { value: values };
  };
}
