import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleName } from '../../machines/ui/employees-screens.js';
import { t } from '../../machines/ui/texts.js';
import { Harness } from '../harness/driver.js';
import { MENU_LABEL, openCopy, openEmployee, rowOf } from './employees-helpers.js';

const e = t.employees;
const plain = (html: string) => html.replace(/<[^>]+>/g, '');
const writes = (h: Harness) => h.backend.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE');
const employee = (h: Harness, email: string) => h.backend.db.employees.find((x) => x.email === email);

describe('editing, deactivating and deleting employees', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('edits the full name, the speciality (also cleared) and the role, showing the refreshed detail each time', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openEmployee(me, h, 'mentor2@bimuz.local');
    h.backend.resetLog();
    await me.press(e.detail.edit);
    await me.press(e.fields.fullName);
    await me.send('X');
    expect(me.screen()).toContain(plain(e.invalid.nameShort));
    await me.send('  Mentor   Ikkinchi ');
    expect(me.screen()).toContain(e.detail.saved);
    expect(me.screen()).toContain("To'liq ism: Mentor Ikkinchi");
    await me.press(e.detail.edit);
    await me.press(e.fields.speciality);
    await me.send('Tekla Structures');
    expect(me.screen()).toContain('Mutaxassislik: Tekla Structures');
    await me.press(e.detail.edit);
    await me.press(e.fields.speciality);
    await me.press(e.edit.clearSpeciality);
    expect(me.screen()).toContain(`Mutaxassislik: ${e.detail.noSpeciality}`);
    await me.press(e.detail.edit);
    await me.press(e.fields.role);
    // an administrator may not give the direktor's or the dasturchi's role (capture 117)
    expect(me.buttons()).not.toContain(roleName('direktor'));
    expect(me.buttons()).not.toContain(roleName('dasturchi'));
    await me.press(roleName('assistent'));
    expect(me.screen()).toContain('Rol: 👨‍🎓 Assistent');
    expect(writes(h).map((r) => r.body)).toEqual([{ full_name: 'Mentor Ikkinchi' }, { professionality: 'Tekla Structures' }, { professionality: null }, { role: 'assistent' }]);
    expect(employee(h, 'mentor2@bimuz.local')).toMatchObject({ full_name: 'Mentor Ikkinchi', professionality: null, role: 'assistent' });
  });

  it('an administrator cannot open a direktor (no button), and an old button to edit or delete one sends nothing', async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await openEmployee(me, h, 'direktor@bimuz.local');
    const detail = me.lastMessage()!;
    expect(me.buttons()).toEqual(expect.arrayContaining([e.detail.edit, e.detail.delete]));
    const detailAgain = await openCopy(me, h, 'direktor@bimuz.local');
    // the same chat, now an administrator: the old detail's buttons
    await me.send('❌ Chiqish');
    await me.login('administrator');
    await me.send(MENU_LABEL);
    expect(me.buttons()).not.toContain(rowOf(h, 'direktor@bimuz.local'));
    expect(me.screen()).toContain('Direktor Testov');
    h.backend.resetLog();
    // the answer replaces the pressed message (the old detail), as every answer to a button does
    const refusal = 'Administrator Direktor yoki Dasturchi rollarini yangilay olmaydi.';
    await me.pressOn(detail, e.detail.edit);
    expect(me.now(detail)?.plain).toContain(refusal);
    expect(me.now(detail)?.inline_keyboard?.flat().map((b) => b.text)).not.toContain(t.kit.retry);
    await me.pressOn(detailAgain, e.detail.delete);
    expect(me.now(detailAgain)?.plain).toContain(refusal);
    expect(writes(h)).toEqual([]);
    expect(employee(h, 'direktor@bimuz.local')).toBeDefined();
  });

  it('an administrator whose target became a direktor meanwhile: the edit and the delete read it afresh and send nothing', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openEmployee(me, h, 'buxgalter@bimuz.local');
    await me.press(e.detail.edit);
    await me.press(e.fields.fullName);
    employee(h, 'buxgalter@bimuz.local')!.role = 'direktor';
    h.backend.resetLog();
    await me.send('Yangi Ism');
    expect(me.screen()).toContain('Administrator Direktor yoki Dasturchi rollarini yangilay olmaydi.');
    employee(h, 'buxgalter@bimuz.local')!.role = 'buxgalter';
    await openEmployee(me, h, 'buxgalter@bimuz.local');
    await me.press(e.detail.delete);
    expect(me.screen()).toContain('Buxgalter Testov');
    employee(h, 'buxgalter@bimuz.local')!.role = 'direktor';
    await me.press("✅ Ha, o'chirish");
    expect(me.screen()).toContain('Administrator Direktor yoki Dasturchi rollarini yangilay olmaydi.');
    expect(writes(h)).toEqual([]);
    employee(h, 'buxgalter@bimuz.local')!.role = 'buxgalter';
  });

  it('nobody changes their own role or activity, nor deletes themselves', async () => {
    const me = h.chat();
    await me.login('direktor');
    await openEmployee(me, h, 'direktor@bimuz.local');
    expect(me.screen()).toContain(plain(e.detail.self));
    expect(me.buttons()).toContain(e.detail.edit);
    expect(me.buttons()).not.toContain(e.detail.delete);
    await me.press(e.detail.edit);
    expect(me.buttons()).toEqual(expect.arrayContaining([e.fields.fullName, e.fields.speciality]));
    expect(me.buttons()).not.toContain(e.fields.role);
    expect(me.buttons()).not.toContain(e.edit.deactivate);
    // an old detail of this person, shown to another employee in this chat, pressed now
    await me.send('❌ Chiqish');
    await me.login('dasturchi');
    const detail = await openCopy(me, h, 'direktor@bimuz.local');
    const detailAgain = await openCopy(me, h, 'direktor@bimuz.local');
    await openEmployee(me, h, 'direktor@bimuz.local');
    await me.press(e.detail.edit);
    const fields = me.lastMessage()!;
    expect(me.buttons()).toEqual(expect.arrayContaining([e.fields.role, e.edit.deactivate]));
    await me.send('❌ Chiqish');
    await me.login('direktor');
    h.backend.resetLog();
    await me.pressOn(detail, e.detail.delete);
    expect(me.now(detail)?.plain).toContain(e.refused.ownDelete);
    await me.pressOn(detailAgain, e.detail.edit);
    expect(me.now(detailAgain)?.inline_keyboard?.flat().map((b) => b.text)).not.toContain(e.fields.role);
    await me.pressOn(fields, e.fields.role);
    await me.pressOn(fields, e.edit.deactivate);
    expect(me.alerts()).toEqual(expect.arrayContaining([`❌ ${e.refused.ownRole}`, `❌ ${e.refused.ownActive}`]));
    expect(writes(h)).toEqual([]);
    expect(employee(h, 'direktor@bimuz.local')).toMatchObject({ role: 'direktor', is_active: true });
  });

  it('deletes after a confirmation naming the employee; a double tap sends one DELETE', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openEmployee(me, h, 'bulk.emp02@bimuz.local');
    await me.press(e.detail.delete);
    expect(me.screen()).toContain("Xodimni o'chirish");
    expect(me.screen()).toContain('Bulk Xodim 02');
    h.backend.resetLog();
    await Promise.all([me.press("✅ Ha, o'chirish"), me.press("✅ Ha, o'chirish")]);
    expect(h.backend.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(me.alerts()).toContain(t.staleButton);
    expect(me.screen()).toContain("✅ Bulk Xodim 02 o'chirildi.");
    expect(employee(h, 'bulk.emp02@bimuz.local')).toBeUndefined();
  });

  it('deactivating an employee who is logged in elsewhere ends their session on their next message', async () => {
    const agent = h.chat();
    await agent.login('sotuv_agenti');
    const me = h.chat();
    await me.login('dasturchi');
    await openEmployee(me, h, 'sotuv_agenti@bimuz.local');
    await me.press(e.detail.edit);
    await me.press(e.edit.deactivate);
    expect(me.screen()).toContain('faolsizlantirilsinmi');
    h.backend.resetLog();
    await Promise.all([me.press(e.edit.yesDeactivate), me.press(e.edit.yesDeactivate)]);
    expect(writes(h).map((r) => r.body)).toEqual([{ is_active: false }]);
    expect(me.screen()).toContain(e.detail.inactive);
    await agent.send('👥 Talabalar');
    expect(agent.screen()).toContain(t.sessionEnded);
    expect(agent.screen()).toContain('email manzilingizni yuboring');
    // the session is gone: a menu label now gets the login again, not the section
    await agent.send(MENU_LABEL);
    expect(agent.screen()).not.toContain('Xodimlar — jami');
    // activated again, they can log in
    await me.press(e.detail.edit);
    await me.press(e.edit.activate);
    await me.press(e.edit.yesActivate);
    expect(me.screen()).toContain(e.detail.active);
    await agent.login('sotuv_agenti');
  });
});
