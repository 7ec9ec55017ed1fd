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

  test.prop([fc.string({ maxLength: 60, size: 'max', unit: fc.oneof(fc.constantFrom('a', 'ʻ', 'ў', '€', '😀', '\ud800', '\udc00'), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })) })])(
    'refuses data by its UTF-8 bytes, not its characters',
    (value) => {
      const data = { section: 'st', action: 'search', value };
      const wire = `1:st:search::${value.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
      if (Buffer.byteLength(wire, 'utf8') > CALLBACK_MAX_BYTES) expect(() => encodeButton(data)).toThrow(/64 bytes/);
      else expect(encodeButton(data)).toBe(wire);
    },
  );

  it('refuses data over 64 bytes', () => {
    // 13 bytes before the value: 17 three-byte letters fill the 64 exactly, 26 two-byte ones overflow
    expect(encodeButton({ section: 'st', action: 'search', value: '€'.repeat(17) })).toHaveLength(13 + 17);
    expect(() => encodeButton({ section: 'st', action: 'search', value: '€'.repeat(18) })).toThrow(/64 bytes/);
    expect(() => encodeButton({ section: 'st', action: 'search', value: 'ў'.repeat(26) })).toThrow(/64 bytes/);
    expect(() => encodeButton({ section: 'st', action: 'search', value: '😀'.repeat(13) })).toThrow(/64 bytes/);
    expect(() => encodeButton({ section: 'students', action: 'search', value: 'x'.repeat(60) })).toThrow(/64 bytes/);
  });

  it('treats data of the old bot and of other versions as out of date', () => {
    for (const raw of ['student_12', 'students_page_2', '2:students:open:1', '1:Students:open', '1:students:open:-1', '1:a:b:1:2:3', '']) {
      expect(decodeButton(raw)).toBeNull();
    }
  });
});
