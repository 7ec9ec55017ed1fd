import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { noFilter } from '../../machines/attendance/model.js';
import { attendanceScreens } from '../../machines/ui/attendance-screens.js';
import { encodeButton } from '../../machines/ui/callback.js';
import type { Screen } from '../../machines/ui/screen.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { aGroupView } from './groups-fixtures.js';

/** What Telegram would refuse: text over 4096 characters, broken HTML, an empty button, callback data over 64 bytes. */
function expectSendable(screen: Screen): void {
  const parsed = parseTelegramHtml(screen.text);
  expect(parsed.text.length).toBeGreaterThan(0);
  expect(parsed.text.length).toBeLessThanOrEqual(4096);
  for (const button of screen.buttons?.flat() ?? []) {
    expect(button.label.trim()).not.toBe('');
    if ('data' in button) expect(() => encodeButton(button.data)).not.toThrow();
  }
}

const text = fc.string({ maxLength: 300 });
const student = fc.record({ id: fc.integer({ min: 1, max: 1_000_000 }), fullName: text });

describe('attendance screens', () => {
  it('counts only the group’s students among those ticked', () => {
    const sheet = { group: aGroupView(2), date: '2026-12-02', students: [{ id: 1, fullName: 'Ali Valiyev' }, { id: 2, fullName: 'Vali Aliyev' }], complete: true, existing: null };
    const screen = attendanceScreens.sheet(sheet, { present: [2, 99], today: '2026-12-02' });
    expect(parseTelegramHtml(screen.text).text).toContain('Qatnashdi: 1 / 2');
    expect(screen.buttons!.flat().map((b) => b.label)).toEqual(expect.arrayContaining(['⬜ Ali Valiyev', '✅ Vali Aliyev', '✅ Hammasi', '⬜ Hech kim']));
  });

  test.prop([fc.array(student, { maxLength: 40 }), fc.boolean(), fc.boolean()], { numRuns: 50 })('a marking sheet of any class fits Telegram', (students, existing, complete) => {
    const sheet = { group: aGroupView(7, { mentorName: 'x'.repeat(500) }), date: '2026-12-01', students, complete, existing: existing ? { id: 3, participants: [] } : null };
    expectSendable(attendanceScreens.sheet(sheet, { present: students.slice(0, 5).map((s) => s.id), today: '2026-12-02', notice: 'y'.repeat(400) }));
  });

  test.prop([fc.array(fc.record({ id: fc.integer({ min: 1, max: 1_000_000 }), groupId: fc.integer({ min: 1, max: 1_000_000 }), groupName: fc.option(text, { nil: null }), attended: fc.nat(500) }), { maxLength: 20 })], {
    numRuns: 50,
  })('a list page of records with any group names fits Telegram', (rows) => {
    const page = { count: 1000, page: 3, pages: 50, rows: rows.map((row) => ({ ...row, date: '2026-11-30' })), scan: { complete: false, pagesRead: 10, total: 4000, readBack: '2026-10-01' }, group: aGroupView(9) };
    expectSendable(attendanceScreens.list(page, { role: 'mentor', filter: { groupId: 999_999_999, from: '2026-11-30', to: '2026-12-06' }, notice: 'z'.repeat(300) }));
    expectSendable(attendanceScreens.list({ ...page, scan: null, group: null, count: 0, rows: [] }, { role: 'direktor', filter: noFilter }));
  });
});
