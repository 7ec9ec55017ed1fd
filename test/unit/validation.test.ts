import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { encodeButton } from '../../machines/ui/callback.js';
import { press } from '../../machines/students/buttons.js';
import { t } from '../../machines/ui/texts.js';
import {
  ageOn,
  normaliseAddress,
  normaliseFullName,
  normaliseInn,
  normalisePassport,
  normalisePhone,
  normalisePinfl,
  normaliseSearch,
  parseBirthDate,
} from '../../machines/validation.js';

const reasons = t.students.invalid;
const ok = <T>(value: T) => ({ ok: true, value });
const refused = (reason: string) => ({ ok: false, reason });

describe('phone', () => {
  it.each([
    ['+998 90 123-45-67', '+998901234567'],
    ['998901234567', '+998901234567'],
    ['90 123 45 67', '+998901234567'],
    ['(93) 123-45-67', '+998931234567'],
    ['+998(33)1234567', '+998331234567'],
    ['  88 123 45 67 ', '+998881234567'],
    ['20 123 45 67', '+998201234567'],
  ])('accepts %s as %s', (text, stored) => {
    expect(normalisePhone(text)).toEqual(ok(stored));
  });

  it.each([
    ['+7 912 345 67 89', reasons.phoneCountry],
    ['+1 202 555 0101', reasons.phoneCountry],
    ['8 90 123 45 67', reasons.phoneCountry],
    ['90 123 45', reasons.phoneLength],
    ['+998 90 123 45 678', reasons.phoneLength],
    ['71 123 45 67', reasons.phoneOperator('71')],
    ['+998 66 123 45 67', reasons.phoneOperator('66')],
    ['nomer', reasons.phoneCharacters],
    ['+998 90 123 45 6a', reasons.phoneCharacters],
    ['', reasons.phoneCharacters],
  ])('refuses %s with the reason', (text, reason) => {
    expect(normalisePhone(text)).toEqual(refused(reason));
  });

  test.prop([fc.string({ maxLength: 30 })])('whatever it accepts is +998 and nine digits of a mobile code', (text) => {
    const checked = normalisePhone(text);
    if (checked.ok) expect(checked.value).toMatch(/^\+998(20|33|50|55|77|88|90|91|93|94|95|97|98|99)\d{7}$/);
  });
});

describe('passport', () => {
  it.each([
    ['AB1234567', 'AB1234567'],
    ['ab1234567', 'AB1234567'],
    [' Ab 1234567 ', 'AB1234567'],
  ])('accepts %s as %s', (text, stored) => {
    expect(normalisePassport(text)).toEqual(ok(stored));
  });

  it.each([
    ['АВ1234567', reasons.passportLatin],
    ['AB12345', reasons.passportShape],
    ['AB12345678', reasons.passportShape],
    ['A11234567', reasons.passportShape],
    ['1234567AB', reasons.passportShape],
    ['AB-1234567', reasons.passportShape],
  ])('refuses %s with the reason', (text, reason) => {
    expect(normalisePassport(text)).toEqual(refused(reason));
  });
});

describe('birth date', () => {
  const today = '2026-11-24';
  it.each([
    ['15.01.2005', '2005-01-15'],
    ['5.1.2005', '2005-01-05'],
    ['2005-01-15', '2005-01-15'],
    ['29.02.2004', '2004-02-29'],
    ['24.11.2021', '2021-11-24'],
    ['25.11.1926', '1926-11-25'],
  ])('accepts %s as %s', (text, stored) => {
    expect(parseBirthDate(text, today)).toEqual(ok(stored));
  });

  it.each([
    ['2005/01/15', reasons.birthFormat],
    ['15-01-2005', reasons.birthFormat],
    ['yesterday', reasons.birthFormat],
    ['29.02.2005', reasons.birthNotReal],
    ['31.04.2005', reasons.birthNotReal],
    ['2005-13-01', reasons.birthNotReal],
    ['00.01.2005', reasons.birthNotReal],
    ['25.11.2026', reasons.birthFuture],
    ['25.11.2021', reasons.birthTooYoung],
    ['24.11.1925', reasons.birthTooOld],
  ])('refuses %s with the reason', (text, reason) => {
    expect(parseBirthDate(text, today)).toEqual(refused(reason));
  });

  it('checks only the date itself when today is not known', () => {
    expect(parseBirthDate('01.01.2090', null)).toEqual(ok('2090-01-01'));
  });

  it('counts whole years', () => {
    expect(ageOn('2005-11-25', '2026-11-24')).toBe(20);
    expect(ageOn('2005-11-24', '2026-11-24')).toBe(21);
  });
});

describe('full name', () => {
  it.each([
    ['  Aliyev   Vali ', 'Aliyev Vali'],
    ["O'g'iloy Rahimova", "O'g'iloy Rahimova"],
    ['Oʻgʻiloy Rahimova-Karimova', 'Oʻgʻiloy Rahimova-Karimova'],
    ['Алиев Вали', 'Алиев Вали'],
  ])('accepts %s', (text, stored) => {
    expect(normaliseFullName(text)).toEqual(ok(stored));
  });

  it.each([
    ['   ', reasons.nameShort],
    ['A B', reasons.nameShort],
    ['Vali', reasons.nameWords],
    ['Vali 2000', reasons.nameCharacters],
    ['Vali 😀 Aliyev', reasons.nameCharacters],
    [`${'A'.repeat(60)} ${'B'.repeat(60)}`, reasons.nameLong],
  ])('refuses %j with the reason', (text, reason) => {
    expect(normaliseFullName(text)).toEqual(refused(reason));
  });
});

describe('optional fields', () => {
  it('address is trimmed and bounded', () => {
    expect(normaliseAddress('  Toshkent,   Chilonzor 5 ')).toEqual(ok('Toshkent, Chilonzor 5'));
    expect(normaliseAddress('x'.repeat(301))).toEqual(refused(reasons.addressLong));
  });

  it('INN is nine digits and PINFL fourteen', () => {
    expect(normaliseInn('123 456 789')).toEqual(ok('123456789'));
    expect(normaliseInn('1234567890')).toEqual(refused(reasons.inn));
    expect(normalisePinfl('31705012000001')).toEqual(ok('31705012000001'));
    expect(normalisePinfl('3170501200000A')).toEqual(refused(reasons.pinfl));
  });
});

describe('search', () => {
  it('collapses spaces and reduces a phone to its digits', () => {
    expect(normaliseSearch('  Aliyev   Vali ')).toBe('Aliyev Vali');
    expect(normaliseSearch('+998 90 123-45-67')).toBe('998901234567');
    expect(normaliseSearch('AA1234503')).toBe('AA1234503');
    expect(normaliseSearch('12')).toBe('12');
  });

  test.prop([fc.string({ maxLength: 200, unit: 'grapheme' })])('always fits in a page button', (text) => {
    const search = normaliseSearch(text);
    expect(() => encodeButton(press.list(99_999, search || null))).not.toThrow();
  });
});
