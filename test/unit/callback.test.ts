import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CALLBACK_MAX_BYTES, decodeButton, encodeButton, type ButtonData } from '../../machines/ui/callback.js';

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);
const button: fc.Arbitrary<ButtonData> = fc.record(
  { section: name, action: name, id: fc.integer({ min: 0, max: 10_000_000 }), value: fc.string({ maxLength: 12, unit: 'grapheme' }) },
  { requiredKeys: ['section', 'action'] },
);

describe('callback codec', () => {
  test.prop([button])('decodes what it encodes', (data) => {
    let encoded: string;
    try {
      encoded = encodeButton(data);
    } catch {
      return; // over 64 bytes: refused at encoding, never sent
    }
    expect(new TextEncoder().encode(encoded).length).toBeLessThanOrEqual(CALLBACK_MAX_BYTES);
    expect(decodeButton(encoded)).toEqual(data);
  });

  test.prop([fc.string({ maxLength: 80 })])('never throws on arbitrary data', (raw) => {
    const decoded = decodeButton(raw);
    if (decoded) expect(encodeButton(decoded).length).toBeGreaterThan(0);
  });

  it('is compact', () => {
    expect(encodeButton({ section: 'students', action: 'open', id: 12345 })).toBe('1:students:open:12345');
    expect(encodeButton({ section: 'students', action: 'page', value: 'ali:vali' })).toBe('1:students:page::ali%3Avali');
  });

  it('refuses data over 64 bytes', () => {
    expect(() => encodeButton({ section: 'students', action: 'search', value: 'x'.repeat(60) })).toThrow(/64 bytes/);
  });

  it('treats data of the old bot and of other versions as out of date', () => {
    for (const raw of ['student_12', 'students_page_2', '2:students:open:1', '1:Students:open', '1:students:open:-1', '1:a:b:1:2:3', '']) {
      expect(decodeButton(raw)).toBeNull();
    }
  });
});
