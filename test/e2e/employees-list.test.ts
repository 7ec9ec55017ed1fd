import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../machines/ui/texts.js';
import { Harness } from '../harness/driver.js';
import { MENU_LABEL, rowOf } from './employees-helpers.js';

const e = t.employees;
describe('the employees section: who sees it, the list, search and the detail', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  // the rows each role may open: whom the backend lets it read (captures 110–114)
  const opens: Record<string, string[]> = {
    dasturchi: ['dasturchi', 'direktor', 'administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent'],
    direktor: ['direktor', 'administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent'],
    administrator: ['administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent'],
    buxgalter: [],
    sotuv_agenti: [],
    mentor: [],
    assistent: [],
  };

  it.each(Object.entries(opens))('%s: the menu item, the list with the real total, rows as buttons only where the detail opens', async (role, readable) => {
    const me = h.chat();
    await me.login(role);
    expect(me.keyboard()).toContain(MENU_LABEL);
    h.backend.resetLog();
    await me.send(MENU_LABEL);
    expect(me.screen()).toContain('Xodimlar — jami 10 ta');
    expect(h.backend.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/auth/employees/']);
    const rowButtons = me.buttons().filter((label) => label.includes(' · '));
    const expected = h.backend.db.employees.filter((x) => readable.includes(x.role)).map((x) => rowOf(h, x.email));
    expect(rowButtons.sort()).toEqual(expected.sort());
    expect(me.buttons().includes(e.list.create)).toBe(readable.length > 0);
    // whom the person may not open is still listed, as text
    for (const other of h.backend.db.employees.filter((x) => !readable.includes(x.role))) expect(me.screen()).toContain(other.full_name);
    if (readable.length === 0) return;
    await me.press(rowOf(h, h.backend.emailOf('mentor')));
    expect(me.screen()).toContain("Xodim ma'lumotlari");
    expect(me.screen()).toContain('Email: mentor@bimuz.local');
    expect(me.screen()).toContain('Mutaxassislik: Revit');
    expect(me.screen()).toContain('Holat: ✅ Faol');
    expect(me.buttons()).toEqual(expect.arrayContaining([e.detail.edit, e.detail.delete]));
  });

  it('pages through the backend with the real total and searches with its search (name, email, role, speciality)', async () => {
    h.backend.addEmployees(15);
    const me = h.chat();
    await me.login('dasturchi');
    await me.send(MENU_LABEL);
    expect(me.screen()).toContain('jami 25 ta');
    expect(me.screen()).toContain('Sahifa 1 / 2');
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 2 / 2');
    expect(me.buttons()).toContain(rowOf(h, 'dasturchi@bimuz.local'));
    h.backend.resetLog();
    await me.send('revit');
    expect(h.backend.requests.map((r) => r.query)).toEqual([{ search: 'revit' }]);
    expect(me.screen()).toContain('jami 2 ta');
    expect(me.screen()).toContain('Qidiruv: «revit»');
    await me.send('sotuv');
    expect(me.buttons()).toContain(rowOf(h, 'sotuv_agenti@bimuz.local'));
    await me.press(t.kit.clearSearch);
    expect(me.screen()).toContain('jami 25 ta');
    await me.send('hech-kim-yoq');
    expect(me.screen()).toContain("bo'yicha hech kim topilmadi");
  });

  it('shows a deactivated employee as such', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send(MENU_LABEL);
    await me.send('bulk.emp01');
    await me.press(rowOf(h, 'bulk.emp01@bimuz.local'));
    expect(me.screen()).toContain('Holat: 🚫 Faol emas');
  });
});
