import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decodeFilter, encodeFilter, noFilter } from '../../machines/attendance/model.js';
import { addDays, compactDate, fromCompact, isIsoDate, tashkentDate, weekStart } from '../../machines/kit/dates.js';
import { encodeButton } from '../../machines/ui/callback.js';
import { t } from '../../machines/ui/texts.js';
import { parseDay } from '../../machines/validation.js';

describe('Tashkent date', () => {
  it('is the UTC date from 05:00 UTC on, and the next day from 19:00 UTC', () => {
    expect(tashkentDate(Date.parse('2026-12-01T18:59:59Z'))).toBe('2026-12-01');
    expect(tashkentDate(Date.parse('2026-12-01T19:00:00Z'))).toBe('2026-12-02');
    // midnight to 5 a.m. in Tashkent: the backend's default (the UTC date) is a day behind
    expect(tashkentDate(Date.parse('2026-12-01T22:30:00Z'))).toBe('2026-12-02');
    expect(tashkentDate(Date.parse('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });

  it('adds days across months, years and a leap day', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('starts a week on Monday', () => {
    expect(weekStart('2026-12-02')).toBe('2026-11-30'); // a Wednesday
    expect(weekStart('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // a Sunday
  });

  it('tells real dates from look-alikes', () => {
    expect(isIsoDate('2027-01-15')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-1-15')).toBe(false);
    expect(fromCompact('20270115')).toBe('2027-01-15');
    expect(fromCompact('20270231')).toBeNull();
    expect(fromCompact(undefined)).toBeNull();
  });

  test.prop([fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })])('compact dates go there and back', (date) => {
    const day = date.toISOString().slice(0, 10);
    expect(fromCompact(compactDate(day))).toBe(day);
  });
});

describe('a typed day', () => {
  it.each([
    ['15.01.2027', '2027-01-15'],
    ['5.1.2027', '2027-01-05'],
    [' 2027-01-15 ', '2027-01-15'],
    ['29.02.2028', '2028-02-29'],
  ])('takes %s as %s', (typed, day) => {
    expect(parseDay(typed)).toEqual({ ok: true, value: day });
  });

  it.each([
    ['15/01/2027', t.attendance.invalid.dateFormat],
    ['kecha', t.attendance.invalid.dateFormat],
    ['31.02.2027', t.attendance.invalid.dateNotReal],
    ['29.02.2027', t.attendance.invalid.dateNotReal],
    ['15.01.1999', t.attendance.invalid.dateRange(2000, 2100)],
  ])('refuses %s with the reason', (typed, reason) => {
    expect(parseDay(typed)).toEqual({ ok: false, reason });
  });
});

describe("the list's filter in a button", () => {
  it('goes there and back, empty parts included', () => {
    for (const filter of [noFilter, { groupId: 12, from: null, to: null }, { groupId: null, from: '2027-01-15', to: '2027-01-21' }, { groupId: 999999, from: '2027-01-15', to: '2027-01-15' }]) {
      expect(decodeFilter(encodeFilter(filter))).toEqual(filter);
    }
  });

  it('fits the 64 bytes of a button with the largest page and record ids', () => {
    const filter = { groupId: 999_999_999, from: '2099-12-01', to: '2099-12-31' };
    expect(() => encodeButton({ section: 'attendance', action: 'groups', id: 999_999_999, value: encodeFilter(filter) })).not.toThrow();
  });

  it('drops what a forged value gets wrong', () => {
    expect(decodeFilter('x.20270231.')).toEqual(noFilter);
    expect(decodeFilter('7.20270121.20270115')).toEqual({ groupId: 7, from: null, to: null });
    expect(decodeFilter(undefined)).toEqual(noFilter);
  });
});
