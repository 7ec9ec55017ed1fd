import { describe, expect, it } from 'vitest';
import { isMonth, monthOfDate, parseMonth, shiftMonth } from '../../machines/reports/month.js';

describe('months of the reports', () => {
  it('reads the ways a person types a month', () => {
    for (const typed of ['2026-11', ' 2026-11 ', '2026-1', '2026.11', '11.2026', '1.2026', '11/2026', '11-2026']) {
      const checked = parseMonth(typed, '2026-12');
      expect(checked.ok, typed).toBe(true);
    }
    expect(parseMonth('2026-1', '2026-12')).toEqual({ ok: true, value: '2026-01' });
    expect(parseMonth('11.2026', '2026-12')).toEqual({ ok: true, value: '2026-11' });
    expect(parseMonth('2026-12', '2026-12')).toEqual({ ok: true, value: '2026-12' });
  });

  it('refuses what is not a month, with the reason', () => {
    expect(parseMonth('2026-13', '2026-12')).toEqual({ ok: false, reason: expect.stringContaining('01 dan 12') });
    expect(parseMonth('2026-00', '2026-12')).toEqual({ ok: false, reason: expect.stringContaining('01 dan 12') });
    for (const typed of ['kecha', '2026', '2026-11-05', '26-11', '', '2026/11/1', '２０２６-11']) {
      expect(parseMonth(typed, '2026-12'), typed).toEqual({ ok: false, reason: expect.stringContaining('2026-11') });
    }
    expect(parseMonth('1999-12', '2026-12')).toEqual({ ok: false, reason: expect.stringContaining('2000') });
  });

  it('refuses a month that has not come yet, when this month is known', () => {
    expect(parseMonth('2027-01', '2026-12')).toEqual({ ok: false, reason: expect.stringContaining('hali kelmagan') });
    expect(parseMonth('2027-01', null)).toEqual({ ok: true, value: '2027-01' });
  });

  it('steps over the turn of a year both ways', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2026-05', -17)).toBe('2024-12');
    expect(shiftMonth('2026-05', 0)).toBe('2026-05');
  });

  it("takes this month from Tashkent's date and knows a button's value that is a month", () => {
    expect(monthOfDate('2026-12-02')).toBe('2026-12');
    expect(isMonth('2026-12')).toBe(true);
    for (const value of ['2026-13', '2026-00', '2026-1', 'abc', '', null, undefined]) expect(isMonth(value)).toBe(false);
  });
});
