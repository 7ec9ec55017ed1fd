import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tashkentDate } from '../../machines/kit/dates.js';
import { formatDate } from '../../machines/ui/format.js';
import { t } from '../../machines/ui/texts.js';
import { encodeButton } from '../../machines/ui/callback.js';
import { Harness } from '../harness/driver.js';
import type { Person } from '../harness/driver.js';
import { labelOf } from './groups-helpers.js';

/** Presses a group in the marking picker, page by page. */
async function pick(me: Person, label: string): Promise<void> {
  while (!me.buttons().includes(label)) await me.press('Keyingi ➡️');
  await me.press(label);
}

/** Marking a lesson's attendance, end to end: the sheet that edits itself, the record, a correction, a forged button. */
describe('marking attendance', () => {
  let h: Harness;
  /** group 1 belongs to the mentor (id 6): three students, none marked today */
  const GROUP = 1;
  let names: string[];
  beforeAll(async () => {
    h = await Harness.start();
    for (const student of h.backend.addStudents(2)) student.group = GROUP;
    names = h.backend.db.students.filter((s) => s.group === GROUP).map((s) => s.full_name);
  });
  afterAll(() => h.stop());

  const recordsOf = (group: number, date: string) => h.backend.db.attendances.filter((a) => a.group === group && a.date === date);

  it('a mentor marks 2 of the 3 students of their group on one message; the record matches', async () => {
    const me = h.chat();
    await me.login('mentor');
    await me.send('📋 Davomatlar');
    await me.press('✍️ Davomat qilish');
    // a mentor is offered only their own groups
    expect(me.buttons()).not.toContain(labelOf(h, 3));
    await pick(me, labelOf(h, GROUP));
    const today = tashkentDate(Date.now());
    const sheet = me.lastMessage()!;
    expect(me.screen()).toContain(`Sana: ${formatDate(today)} (bugun)`);
    expect(me.screen()).toContain('Qatnashdi: 0 / 3');
    expect(me.buttons()).toEqual(expect.arrayContaining(names.map((name) => `⬜ ${name}`)));

    h.backend.resetLog();
    // "nobody" when nobody is ticked changes nothing (and edits nothing)
    await me.press('⬜ Hech kim');
    expect(me.alerts()).toContain(t.attendance.mark.unchanged);
    expect(me.screen()).toContain('Qatnashdi: 0 / 3');
    await me.press(`⬜ ${names[0]}`);
    await me.press(`⬜ ${names[2]}`);
    await me.press('✅ Hammasi');
    expect(me.screen()).toContain('Qatnashdi: 3 / 3');
    await me.press(`✅ ${names[1]}`);
    // the same message, edited in place
    expect(me.lastMessage()!.message_id).toBe(sheet.message_id);
    expect(me.screen()).toContain('Qatnashdi: 2 / 3');
    expect(h.backend.writeRequests()).toHaveLength(0);

    // a double tap on save: one write, the second tap is out of date
    await Promise.all([me.press('💾 Saqlash'), me.press('💾 Saqlash')]);
    expect(me.alerts()).toContain(t.staleButton);
    expect(me.screen()).toContain('✅ Davomat saqlandi: 2 / 3 ta qatnashdi.');
    expect(me.screen()).toContain(`${formatDate(today)} darsi`);
    const writes = h.backend.writeRequests();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'POST', path: '/api/v1/education/attendances/', status: 201 });
    // the day is always sent, in Tashkent time
    expect(writes[0]!.body).toMatchObject({ group: GROUP, date: today, mentor: 6 });
    const [record] = recordsOf(GROUP, today);
    const ids = h.backend.db.students.filter((s) => s.group === GROUP).map((s) => s.id);
    expect(new Set(record!.participants)).toEqual(new Set([ids[0], ids[2]]));
    expect(me.screen()).toContain(names[0]);
    expect(me.screen()).not.toContain(names[1]!);
  });

  it('a second marking of the same group and day corrects the first (PATCH), never a second record', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('📋 Davomatlar');
    await me.press('✍️ Davomat qilish');
    await pick(me, labelOf(h, GROUP));
    expect(me.screen()).toContain('allaqachon bor');
    expect(me.screen()).toContain('Qatnashdi: 2 / 3');
    h.backend.resetLog();
    await me.press(`⬜ ${names[1]}`);
    await me.press('💾 Saqlash');
    expect(me.screen()).toContain('✅ Davomat tuzatildi: 3 / 3 ta qatnashdi.');
    const writes = h.backend.writeRequests();
    expect(writes.map((w) => `${w.method} ${w.status}`)).toEqual(['PATCH 200']);
    const today = tashkentDate(Date.now());
    expect(recordsOf(GROUP, today)).toHaveLength(1);
    expect(recordsOf(GROUP, today)[0]!.participants).toHaveLength(3);
  });

  it("refuses a mentor's forged button for another mentor's group, with nothing sent", async () => {
    const me = h.chat();
    await me.login('mentor');
    await me.send('📋 Davomatlar');
    h.backend.resetLog();
    // group 3 is mentor2's; the backend itself would accept the record (capture 215)
    // the marking button of a record, forged for group 3
    const list = me.lastMessage()!;
    await h.telegram.forgeButton(me.id, list.message_id, encodeButton({ section: 'attendance', action: 'mark', id: 3 }));
    await h.settle();
    expect(me.screen()).toMatch(/topilmadi|biriktirilmagan/);
    expect(me.buttons()).not.toContain('💾 Saqlash');
    // the picker's button, forged for group 3
    await me.send('📋 Davomatlar');
    await me.press('✍️ Davomat qilish');
    const picker = me.lastMessage()!;
    await h.telegram.forgeButton(me.id, picker.message_id, encodeButton({ section: 'attendance', action: 'pick', id: 3 }));
    await h.settle();
    expect(me.screen()).toMatch(/topilmadi|biriktirilmagan/);
    expect(me.buttons()).not.toContain('💾 Saqlash');
    // only reads were sent, and none of them to the attendance list's writes
    expect(h.backend.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(h.backend.writeRequests()).toHaveLength(0);
    expect(recordsOf(3, tashkentDate(Date.now()))).toHaveLength(0);
  });

  it("corrects a record from its detail on the record's own day", async () => {
    const me = h.chat();
    await me.login('direktor');
    // the seed's lesson of yesterday, with two students present
    const record = h.backend.db.attendances.find((a) => a.group === 2 && a.participants.length === 2)!;
    const yesterday = record.date;
    await me.send('📋 Davomatlar');
    await me.press(new RegExp(`^📅 ${formatDate(yesterday).replace(/\./g, '\\.')} · Revit Structure`));
    await me.press('✏️ Tuzatish');
    expect(me.screen()).toContain(`Sana: ${formatDate(yesterday)}`);
    expect(me.screen()).not.toContain('(bugun)');
    expect(me.screen()).toContain('Qatnashdi: 2 / 2');
    h.backend.resetLog();
    await me.press('✅ Karimova Dilnoza');
    await me.press('💾 Saqlash');
    expect(me.screen()).toContain('✅ Davomat tuzatildi: 1 / 2 ta qatnashdi.');
    expect(h.backend.writeRequests().map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /api/v1/education/attendances/${record.id}/`]);
    expect(recordsOf(2, yesterday)).toHaveLength(1);
    expect(recordsOf(2, yesterday)[0]!.participants).toHaveLength(1);
  });
});
