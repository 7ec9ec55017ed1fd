import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../machines/ui/format.js';
import { Harness } from '../harness/driver.js';

/** A group's button: speciality · days · time · start date. */
const groupButton = (label: string) => label.split(' · ').length === 4;

/** The groups list, a group's detail and its attendance, end to end. */
describe('groups list and detail', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
    // 24 seed groups and six more of one speciality and days, told apart by time and start
    for (let i = 0; i < 6; i += 1) h.backend.addGroup({ speciality_id: 'tekla_structure', dates: 'tue_thu_sat', time: `${String(9 + (i % 3)).padStart(2, '0')}:00:00`, starting_date: `2027-0${1 + Math.floor(i / 3)}-11` });
  });
  afterAll(() => h.stop());

  it('shows 30 groups over two pages with the real total, each row telling the group apart', async () => {
    const me = h.chat();
    await me.login('direktor');
    h.backend.resetLog();
    await me.send('📚 Guruhlar');
    expect(me.screen()).toContain('Guruhlar — jami 30 ta');
    expect(me.screen()).toContain('Sahifa 1 / 2');
    const first = me.buttons().filter(groupButton);
    expect(first).toHaveLength(20);
    expect(me.buttons()).toContain('➕ Yangi guruh');
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 2 / 2');
    const second = me.buttons().filter(groupButton);
    expect(second).toHaveLength(10);
    expect(new Set([...first, ...second]).size).toBe(30);
    expect(first).toContain('Tekla Structure · Se-Pay-Sha · 09:00 · 11.01.2027');
    expect(first).toContain('Tekla Structure · Se-Pay-Sha · 09:00 · 11.02.2027');
    await me.press('⬅️ Oldingi');
    expect(me.screen()).toContain('Sahifa 1 / 2');
    const pages = h.backend.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/education/groups/')).map((r) => r.query.page);
    expect(pages).toEqual([undefined, '2', undefined]);
  });

  it('shows a group with its progress, seats, price and mentor, and goes back to the same page', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('📚 Guruhlar');
    await me.press('Keyingi ➡️');
    await me.press('Revit Structure · Se-Pay-Sha · 19:00 · ' + formatDate(h.backend.db.groups.find((g) => g.id === 2)!.starting_date));
    const screen = me.screen();
    expect(screen).toContain("Guruh ma'lumotlari");
    expect(screen).toContain('Dars kunlari: Seshanba, Payshanba, Shanba');
    expect(screen).toMatch(/Darslar: \d+ \/ 48 \(jadval bo'yicha\)/);
    expect(screen).toContain("O'rinlar: 2 band, 12 bo'sh (jami 14)");
    expect(screen).toContain("Narx: 3 200 000 so'm");
    expect(screen).toContain('Mentor: Mentor Testov');
    expect(screen).toContain('Holat: ▶️ Davom etmoqda');
    expect(me.buttons()).toEqual(expect.arrayContaining(['✏️ Tahrirlash', "🗑 O'chirish", '📋 Davomat']));
    await me.press('🔙 Orqaga');
    expect(me.screen()).toContain('Sahifa 2 / 2');
  });

  it('shows a mentor only their own groups, with nothing to change', async () => {
    const me = h.chat();
    await me.login('mentor');
    await me.send('📚 Guruhlar');
    const own = h.backend.db.groups.filter((g) => g.mentor === 6).length;
    expect(me.screen()).toContain(`Mening guruhlarim — jami ${own} ta`);
    expect(me.buttons().filter(groupButton)).toHaveLength(own);
    expect(me.buttons()).not.toContain('➕ Yangi guruh');
    await me.press(/^Revit Structure · Se-Pay-Sha · 19:00/);
    expect(me.screen()).toContain('Mentor: Mentor Testov');
    expect(me.buttons()).toContain('📋 Davomat');
    expect(me.buttons()).not.toContain('✏️ Tahrirlash');
    expect(me.buttons()).not.toContain("🗑 O'chirish");
  });

  it('tells a mentor without groups so plainly', async () => {
    const stamp = h.backend.db.employees[0]!.created_at;
    h.backend.db.employees.push({ ...h.backend.db.employees.find((e) => e.role === 'mentor')!, id: 700, email: 'mentor3@bimuz.local', full_name: 'Mentor3 Testov', created_at: stamp });
    const me = h.chat();
    await me.login('mentor3');
    await me.send('📚 Guruhlar');
    expect(me.screen()).toContain('Mening guruhlarim — jami 0 ta');
    expect(me.screen()).toContain("Sizga biriktirilgan guruh yo'q.");
  });

  it("lists a group's recent lessons and opens one to see who attended", async () => {
    const me = h.chat();
    await me.login('assistent');
    await me.send('📚 Guruhlar');
    await me.press('Keyingi ➡️');
    await me.press(/^Revit Structure · Se-Pay-Sha · 19:00/);
    await me.press('📋 Davomat');
    const lessons = h.backend.db.attendances.filter((a) => a.group === 2).sort((a, b) => b.date.localeCompare(a.date));
    for (const lesson of lessons) expect(me.screen()).toContain(`${formatDate(lesson.date)} — ${lesson.participants.length} ta qatnashgan`);
    expect(me.screen()).toContain("Davomat ro'yxati to'liq ko'rib chiqildi.");
    const full = lessons.find((l) => l.participants.length === 2)!;
    await me.press(`📅 ${formatDate(full.date)} · 2 ta`);
    expect(me.screen()).toContain('Qatnashganlar: 2 ta');
    expect(me.screen()).toContain('Karimova Dilnoza');
    expect(me.screen()).toContain('Toshmatov Bekzod');
    await me.press('🔙 Darslarga');
    expect(me.screen()).toContain('📋 Davomat');
    await me.press('🔙 Guruhga');
    expect(me.screen()).toContain("Guruh ma'lumotlari");
  });

  it('a groups button pressed after a restart opens the group it names', async () => {
    const me = h.chat();
    await me.login('buxgalter');
    await me.send('📚 Guruhlar');
    const list = me.lastMessage()!;
    const group = h.backend.db.groups.find((g) => g.id === 12)!;
    const label = `Tekla Structure · Se-Pay-Sha · ${group.time.slice(0, 5)} · ${formatDate(group.starting_date)}`;
    await h.restart();
    await me.pressOn(list, label);
    expect(me.screen()).toContain("Guruh ma'lumotlari");
    expect(me.screen()).toContain('ID: 12');
    expect(me.buttons()).not.toContain('✏️ Tahrirlash');
  });

  it('an old button of a group the backend hides from the person says it was not found', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('📚 Guruhlar');
    await me.press('Keyingi ➡️');
    const list = me.lastMessage()!;
    const other = h.backend.db.groups.find((g) => g.id === 3)!;
    await me.send('❌ Chiqish');
    await me.login('mentor');
    await me.pressOn(list, `Tekla Structure · Du-Chor-Ju · 10:00 · ${formatDate(other.starting_date)}`);
    // the answer replaces the old message whose button was pressed
    expect(me.now(list)?.plain).toContain("Ma'lumot topilmadi");
  });
});
