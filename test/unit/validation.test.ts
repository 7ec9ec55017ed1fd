import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { encodeButton } from '../../machines/ui/callback.js';
import { press } from '../../machines/students/buttons.js';
import { t } from '../../machines/ui/texts.js';
import {
  MAX_LESSONS,
  MAX_PRICE,
  MAX_SEATS,
  ageOn,
  normaliseAddress,
  normaliseFullName,
  normaliseInn,
  normalisePassport,
  normalisePhone,
  normalisePinfl,
  normaliseSearch,
  parseBirthDate,
  parseLessonTime,
  parsePrice,
  parseSeats,
  parseStartDate,
  parseTotalLessons,
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

describe('group fields', () => {
  const g = t.groups.invalid;

  it.each([
    ['10:00', '10:00'],
    ['9:30', '09:30'],
    [' 09:05 ', '09:05'],
    ['9.30', '09:30'],
    ['0:00', '00:00'],
    ['23:59', '23:59'],
  ])('takes the lesson time %j as %s', (text, stored) => {
    expect(parseLessonTime(text)).toEqual(ok(stored));
  });

  it.each([
    ['24:00', g.timeNotReal],
    ['12:60', g.timeNotReal],
    ['9', g.timeFormat],
    ['9:5', g.timeFormat],
    ['14:00:00', g.timeFormat],
    ['ertalab', g.timeFormat],
    ['', g.timeFormat],
  ])('refuses the lesson time %j with the reason', (text, reason) => {
    expect(parseLessonTime(text)).toEqual(refused(reason));
  });

  it.each([
    ['15.01.2027', '2027-01-15'],
    ['2027-01-15', '2027-01-15'],
    ['5.1.2027', '2027-01-05'],
    ['29.02.2028', '2028-02-29'],
    ['01.09.2024', '2024-09-01'],
  ])('takes the start date %j as %s, past dates included', (text, stored) => {
    expect(parseStartDate(text)).toEqual(ok(stored));
  });

  it.each([
    ['15/01/2027', g.dateFormat],
    ['2027.01.15', g.dateFormat],
    ['ertaga', g.dateFormat],
    ['30.02.2027', g.dateNotReal],
    ['2027-13-01', g.dateNotReal],
    ['15.01.1999', g.dateRange(2000, 2100)],
    ['15.01.2207', g.dateRange(2000, 2100)],
  ])('refuses the start date %j with the reason', (text, reason) => {
    expect(parseStartDate(text)).toEqual(refused(reason));
  });

  it('takes seats as a positive whole number, never below the students enrolled', () => {
    expect(parseSeats(' 12 ', 0)).toEqual(ok(12));
    expect(parseSeats('5', 5)).toEqual(ok(5));
    expect(parseSeats('4', 5)).toEqual(refused(g.seatsBelowEnrolled(5)));
    for (const text of ['0', '-3', '12.5', '1e2', 'o\'n ikki', '+12', '']) expect(parseSeats(text, 0)).toEqual(refused(g.seatsNumber));
    expect(parseSeats(String(MAX_SEATS + 1), 0)).toEqual(refused(g.seatsTooMany(MAX_SEATS)));
  });

  it('takes the number of lessons as a positive whole number', () => {
    expect(parseTotalLessons('48')).toEqual(ok(48));
    for (const text of ['0', '-1', '4.8', 'NaN']) expect(parseTotalLessons(text)).toEqual(refused(g.lessonsNumber));
    expect(parseTotalLessons(String(MAX_LESSONS + 1))).toEqual(refused(g.lessonsTooMany(MAX_LESSONS)));
  });

  it.each([
    ['1500000', 1_500_000],
    ['1 500 000', 1_500_000],
    ['1\u00a0500\u00a0000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['1,500,000', 1_500_000],
    ["1 500 000 so'm", 1_500_000],
    ['2400000 сум', 2_400_000],
    ['0150000', 150_000],
    ['99999999', 99_999_999],
  ])('takes the price %j as %d', (text, stored) => {
    expect(parsePrice(text)).toEqual(ok(stored));
  });

  it.each([
    ['0', g.priceZero],
    ['0 000', g.priceZero],
    ['-1500000', g.priceNegative],
    ['- 1 500 000', g.priceNegative],
    ['1e6', g.priceNumber],
    ['NaN', g.priceNumber],
    ['Infinity', g.priceNumber],
    ['1500000.50', g.priceNumber],
    ['1 50 000', g.priceNumber],
    ['bir million', g.priceNumber],
    ['', g.priceNumber],
    ['100000000', g.priceTooHigh("99 999 999 so'm")],
  ])('refuses the price %j with the reason', (text, reason) => {
    expect(parsePrice(text)).toEqual(refused(reason));
  });

  test.prop([fc.string({ maxLength: 20 })])('whatever price it accepts is a positive whole number of at most eight digits', (text) => {
    const checked = parsePrice(text);
    if (checked.ok) {
      expect(Number.isSafeInteger(checked.value)).toBe(true);
      expect(checked.value).toBeGreaterThan(0);
      expect(checked.value).toBeLessThanOrEqual(MAX_PRICE);
    }
  });
});
