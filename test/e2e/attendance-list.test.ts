import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, tashkentDate } from '../../machines/kit/dates.js';
import { formatDate } from '../../machines/ui/format.js';
import type { Harness as HarnessType, Person } from '../harness/driver.js';
import { Harness } from '../harness/driver.js';
import { labelOf } from './groups-helpers.js';

/** Records made straight in the simulator: `days` back from today, for a group, with its students present. */
function addRecords(h: HarnessType, group: number, days: number[]): void {
  const students = h.backend.db.students.filter((s) => s.group === group).map((s) => s.id);
  let id = Math.max(0, ...h.backend.db.attendances.map((a) => a.id));
  for (const back of days) {
    id += 1;
    const date = addDays(tashkentDate(Date.now()), -back);
    h.backend.db.attendances.push({ id, group, date, time: '10:00:00', mentor: null, participants: students, created_at: `${date}T10:00:00+05:00`, updated_at: `${date}T10:00:00+05:00` });
  }
}

const rowButtons = (me: Person) => me.buttons().filter((b) => b.startsWith('📅 ') && b.includes(' · '));

async function pickGroup(me: Person, label: string): Promise<void> {
  await me.press("📚 Guruh bo'yicha");
  while (!me.buttons().includes(label)) await me.press('Keyingi ➡️');
  await me.press(label);
}

describe('the attendance list', () => {
  let h: Harness;
  const today = tashkentDate(Date.now());
  beforeAll(async () => {
    h = await Harness.start();
    // the seed's three lessons of group 2 (3 days ago, yesterday, today) and 45 more, further back
    addRecords(h, 3, Array.from({ length: 30 }, (_, i) => 2 + i));
    addRecords(h, 1, Array.from({ length: 15 }, (_, i) => 1 + i * 2));
  });
  afterAll(() => h.stop());

  it("pages through the backend's list with the real total", async () => {
    const me = h.chat();
    await me.login('direktor');
    h.backend.resetLog();
    await me.send('📋 Davomatlar');
    expect(me.screen()).toContain('Davomatlar — jami 48 ta');
    expect(me.screen()).toContain('Sahifa 1 / 3');
    expect(rowButtons(me)).toHaveLength(20);
    await me.press('Keyingi ➡️');
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 3 / 3');
    expect(rowButtons(me)).toHaveLength(8);
    const pages = h.backend.requests.filter((r) => r.path.endsWith('/education/attendances/')).map((r) => r.query.page);
    expect(pages).toEqual([undefined, '2', '3']);
  });

  it('filters by group and day together, then clears each', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('📋 Davomatlar');
    await pickGroup(me, labelOf(h, 2));
    expect(me.screen()).toContain('topildi: 3 ta');
    expect(me.screen()).toContain(`Guruh: ${labelOf(h, 2)}`);
    expect(me.screen()).toContain("hammasi ko'rib chiqildi");
    await me.press("📅 Sana bo'yicha");
    await me.press('📅 Kecha');
    const yesterday = formatDate(addDays(today, -1));
    expect(me.screen()).toContain('topildi: 1 ta');
    expect(me.screen()).toContain(`Guruh: ${labelOf(h, 2)}`);
    expect(me.screen()).toContain(`Sana: ${yesterday}`);
    expect(rowButtons(me)).toEqual([expect.stringMatching(new RegExp(`^📅 ${yesterday.replace(/\./g, '\\.')} · Revit Structure`))]);

    // clearing the group keeps the day: yesterday's lessons of every group
    await me.press('✖️ Guruh filtrini olib tashlash');
    expect(me.screen()).not.toContain('Guruh:');
    expect(me.screen()).toContain(`Sana: ${yesterday}`);
    expect(me.screen()).toContain('topildi: 2 ta');

    // a typed day replaces it; then clearing the day gives the whole list back
    await me.send(formatDate(addDays(today, -3)));
    expect(me.screen()).toContain(`Sana: ${formatDate(addDays(today, -3))}`);
    expect(me.screen()).toContain('topildi: 3 ta');
    await me.press('✖️ Sana filtrini olib tashlash');
    expect(me.screen()).toContain('Davomatlar — jami 48 ta');

    // and the other way round: the day first, then the group, then clearing the day keeps the group
    await me.press("📅 Sana bo'yicha");
    await me.press('🗓 Shu hafta');
    expect(me.screen()).toMatch(/Sanalar: \d\d\.\d\d\.\d{4} — /);
    await pickGroup(me, labelOf(h, 2));
    expect(me.screen()).toContain(`Guruh: ${labelOf(h, 2)}`);
    await me.press('✖️ Sana filtrini olib tashlash');
    expect(me.screen()).toContain(`Guruh: ${labelOf(h, 2)}`);
    expect(me.screen()).toContain('topildi: 3 ta');
    await me.send('31.02.2027');
    expect(me.screen()).toContain('15.01.2027');
  });

  it("opens a record with its group, day, mentor and who attended, and goes back to the filtered list", async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await me.send('📋 Davomatlar');
    await pickGroup(me, labelOf(h, 2));
    await me.press(new RegExp(`^📅 ${formatDate(addDays(today, -1)).replace(/\./g, '\\.')} `));
    const screen = me.screen();
    expect(screen).toContain(`${formatDate(addDays(today, -1))} darsi`);
    expect(screen).toContain('Guruh: Revit Structure - Seshanba - Payshanba - Shanba');
    expect(screen).toContain('Mentor: Mentor Testov');
    expect(screen).toContain('Qatnashganlar: 2 ta');
    expect(screen).toContain('Karimova Dilnoza');
    expect(screen).toContain('Toshmatov Bekzod');
    await me.press('🔙 Orqaga');
    expect(me.screen()).toContain(`Guruh: ${labelOf(h, 2)}`);
  });

  it("shows a mentor only their own groups' records, whatever the backend returns", async () => {
    const me = h.chat();
    await me.login('mentor2');
    await me.send('📋 Davomatlar');
    // mentor2 has groups 3 and 4: group 3's thirty lessons, none of group 1 or 2
    expect(me.screen()).toContain('topildi: 30 ta');
    expect(me.screen()).toContain('Faqat sizning guruhlaringiz');
    expect(rowButtons(me).every((b) => b.includes('Tekla Structure'))).toBe(true);
    // a record of another mentor's group, opened by its (old or forged) button, is refused
    const group2 = h.backend.db.attendances.find((a) => a.group === 2)!;
    await h.telegram.forgeButton(me.id, me.lastMessage()!.message_id, `1:attendance:open:${group2.id}:..`);
    await h.settle();
    expect(me.screen()).toContain('topilmadi');
    expect(me.screen()).not.toContain('Karimova');
  });

  it('says how far back it looked when the filter needs more pages than it reads', async () => {
    addRecords(h, 6, Array.from({ length: 230 }, () => 0));
    const me = h.chat();
    await me.login('direktor');
    await me.send('📋 Davomatlar');
    expect(me.screen()).toContain('jami 278 ta');
    await pickGroup(me, labelOf(h, 3));
    expect(me.screen()).toContain("eng so'nggi 200 ta yozuv (jami 278 tadan) ko'rib chiqildi");
    const reads = h.backend.requests.filter((r) => r.path.endsWith('/education/attendances/')).length;
    expect(reads).toBeGreaterThan(0);
  });
});
