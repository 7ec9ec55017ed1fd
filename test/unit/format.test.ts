import { describe, expect, it } from 'vitest';
import { clip, escapeHtml, formatDate, formatMoney, formatTime } from '../../machines/ui/format.js';

describe('formatting', () => {
  it('writes money space-grouped, decimals only when not zero', () => {
    expect(formatMoney('1500000.00')).toBe("1 500 000 so'm");
    expect(formatMoney(1250.5)).toBe("1 250,50 so'm");
    expect(formatMoney(-800000)).toBe("-800 000 so'm");
    expect(formatMoney(null)).toBe('—');
  });

  it('writes dates and times the way employees read them', () => {
    expect(formatDate('2024-01-15')).toBe('15.01.2024');
    expect(formatDate('2026-11-24T23:47:30.049768+05:00')).toBe('24.11.2026');
    expect(formatTime('14:00:00')).toBe('14:00');
    expect(formatTime('9:05')).toBe('09:05');
  });

  it('escapes what is not a date or a time, since it goes into HTML as it came', () => {
    // "<" followed by a combining overlay looks like "≮" but is still a "<" to an HTML parser
    expect(formatDate('<\u0338')).toBe('&lt;\u0338');
    expect(formatTime('<b>')).toBe('&lt;b&gt;');
  });

  it('escapes HTML and clips by characters, not code units', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    expect(clip('😀😀😀😀', 3)).toBe('😀😀…');
  });
});
