import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tashkentDate } from '../../machines/kit/dates.js';
import { formatDate } from '../../machines/ui/format.js';
import { Harness, type Person } from '../harness/driver.js';
import { labelOf } from './groups-helpers.js';
import { openStudent } from './students-helpers.js';

/**
 * A role changed by someone else while a flow runs: the runtime reads the profile again (it is
 * due), the chat hands the new role to the running flow, and the flow's check before a change
 * refuses what the new role may not do, with nothing sent to the backend.
 */
describe('a role changed while a flow runs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  /** Another employee changes this person's role; the bot reads it at the next update. */
  async function demote(me: Person, email: string, role: string): Promise<void> {
    h.backend.db.employees.find((e) => e.email === email)!.role = role as never;
    const session = (await h.bot.store.getSession(me.id))!;
    await h.bot.store.setSession(me.id, { ...session, checkedAt: 0 });
  }

  it('a delete confirmed after the administrator became a mentor is refused and not sent', async () => {
    const [doomed] = h.backend.addStudents(1);
    const admin = h.backend.db.employees.find((e) => e.role === 'administrator')!;
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, doomed!.full_name);
    await me.press("🗑 O'chirish");
    await demote(me, admin.email, 'mentor');
    h.backend.resetLog();
    await me.press("✅ Ha, o'chirish");
    expect(h.backend.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(h.backend.db.students.some((s) => s.id === doomed!.id)).toBe(true);
    expect(me.alerts()).toContain('❌ Bu amal sizning rolingiz uchun ruxsat etilmagan.');
    expect(me.botTexts().some((text) => text.includes("Rolingiz o'zgardi"))).toBe(true);
    // the section goes on with the new role: the student's detail offers a mentor's actions only
    await openStudent(me, doomed!.full_name);
    expect(me.buttons()).not.toContain("🗑 O'chirish");
    admin.role = 'administrator';
  });

  it('a wizard follows the new role too: saving a new group is refused once the role may not create', async () => {
    const director = h.backend.db.employees.find((e) => e.role === 'direktor')!;
    const me = h.chat();
    await me.login('direktor');
    await me.send('📚 Guruhlar');
    await me.press('➕ Yangi guruh');
    await me.press('Revit Structure');
    await me.press('Seshanba, Payshanba, Shanba');
    for (const answer of ['18:00', '10.02.2027', '9', '3 100 000', '60']) await me.send(answer);
    await me.press('Mentor Testov');
    expect(me.buttons()).toContain('✅ Saqlash');
    const groups = h.backend.db.groups.length;
    await demote(me, director.email, 'buxgalter');
    h.backend.resetLog();
    await me.press('✅ Saqlash');
    expect(h.backend.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(h.backend.db.groups).toHaveLength(groups);
    expect(me.alerts()).toContain('❌ Bu amal sizning rolingiz uchun ruxsat etilmagan.');
    director.role = 'direktor';
  });

  it("a lesson's marking follows it too: a direktor made a mentor may not save another mentor's group", async () => {
    const director = h.backend.db.employees.find((e) => e.role === 'direktor')!;
    const me = h.chat();
    await me.login('direktor');
    await me.send('📋 Davomatlar');
    await me.press('✍️ Davomat qilish');
    // group 1 is mentor 6's
    while (!me.buttons().includes(labelOf(h, 1))) await me.press('Keyingi ➡️');
    await me.press(labelOf(h, 1));
    await demote(me, director.email, 'mentor');
    h.backend.resetLog();
    await me.press('💾 Saqlash');
    expect(h.backend.writeRequests()).toHaveLength(0);
    expect(me.alerts()).toContain('❌ Bu amal sizning rolingiz uchun ruxsat etilmagan.');
    expect(me.screen()).toContain('Bu guruh sizga biriktirilmagan');
    director.role = 'direktor';
  });

  it("the attendance list follows it too: an administrator made a mentor sees only a mentor's records next", async () => {
    const admin = h.backend.db.employees.find((e) => e.role === 'administrator')!;
    const me = h.chat();
    await me.login('administrator');
    await me.send('📋 Davomatlar');
    expect(me.screen()).not.toContain('Faqat sizning guruhlaringiz');
    await demote(me, admin.email, 'mentor');
    // a typed day narrows the list: read again, now with the mentor's narrowing
    await me.send(formatDate(tashkentDate(Date.now())));
    expect(me.screen()).toContain('Faqat sizning guruhlaringiz');
    admin.role = 'administrator';
  });
});
