import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleName } from '../../machines/ui/employees-screens.js';
import { buttons, t } from '../../machines/ui/texts.js';
import { Harness, type Person } from '../harness/driver.js';
import { MENU_LABEL, sendPassword } from './employees-helpers.js';

const e = t.employees;
const plain = (html: string) => html.replace(/<[^>]+>/g, '');
const registrations = (h: Harness) => h.backend.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/auth/register/');
const allRoles = ['dasturchi', 'direktor', 'administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent'];

/** Answers the wizard up to the password: email, names, role, speciality skipped. */
async function answerUpToPassword(me: Person, email: string, role: string): Promise<void> {
  await me.send(MENU_LABEL);
  await me.press(e.list.create);
  await me.send(email);
  await me.send('Sardor');
  await me.send("Qo'chqorov");
  await me.press(roleName(role));
  await me.press(buttons.skip);
}

describe('creating an employee', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it.each([
    ['dasturchi', allRoles],
    ['direktor', allRoles.slice(1)],
    ['administrator', allRoles.slice(2)],
  ])('%s is offered only the roles it may assign', async (role, offered) => {
    const me = h.chat();
    await me.login(role);
    await me.send(MENU_LABEL);
    await me.press(e.list.create);
    await me.send(`new.${role}@bimuz.uz`);
    await me.send('Ali');
    await me.send('Valiyev');
    expect(me.screen()).toContain(plain(e.ask.role));
    const roleButtons = me.buttons().filter((label) => allRoles.some((r) => roleName(r) === label));
    expect(roleButtons).toEqual(offered.map((r) => roleName(r)));
  });

  it('creates a sotuv_agenti, deleting each password message before anything else, and they can log in', async () => {
    const me = h.chat();
    await me.login('administrator');
    const password = 'Savdo#Agent2026';
    await answerUpToPassword(me, 'sardor.savdo@bimuz.uz', 'sotuv_agenti');
    expect(me.screen()).toContain(plain(e.ask.password).split('\n')[0]!);
    const first = await sendPassword(me, h, password);
    expect(first).toEqual({ deleted: true, deletedFirst: true });
    expect(me.screen()).toContain(plain(e.ask.confirm).split('\n')[0]!);
    const second = await sendPassword(me, h, password);
    expect(second).toEqual({ deleted: true, deletedFirst: true });
    expect(me.screen()).toContain('Tekshirib chiqing');
    expect(me.screen()).toContain(`Parol: ${e.passwordShown}`);
    expect(me.screen()).toContain('Rol: 🤝 Sotuv agenti');
    // the password is never shown, in any message of the chat
    expect(h.telegram.visibleMessages(me.id).some((m) => (m.text ?? '').includes(password))).toBe(false);
    h.backend.resetLog();
    await Promise.all([me.press(t.kit.save), me.press(t.kit.save)]);
    expect(registrations(h)).toHaveLength(1);
    expect(registrations(h)[0]!.body).toMatchObject({
      email: 'sardor.savdo@bimuz.uz',
      first_name: 'Sardor',
      last_name: "Qo'chqorov",
      full_name: "Sardor Qo'chqorov",
      role: 'sotuv_agenti',
      professionality: null,
      password,
      password_confirm: password,
    });
    expect(me.screen()).toContain("xodimlar ro'yxatiga qo'shildi");
    expect(me.screen()).toContain('Rol: 🤝 Sotuv agenti');

    const agent = h.chat();
    await agent.send('/start');
    await agent.send('sardor.savdo@bimuz.uz');
    await agent.send(password);
    expect(agent.screen()).toContain("Xush kelibsiz, Sardor Qo'chqorov");
    expect(agent.screen()).toContain('Sotuv agenti');
    expect(agent.keyboard()).toContain(MENU_LABEL);
  });

  it('asks for both passwords again when they differ, both messages deleted', async () => {
    const me = h.chat();
    await me.login('direktor');
    await answerUpToPassword(me, 'mismatch@bimuz.uz', 'mentor');
    h.backend.resetLog();
    expect(await sendPassword(me, h, 'Birinchi#Parol1')).toEqual({ deleted: true, deletedFirst: true });
    expect(await sendPassword(me, h, 'Ikkinchi#Parol2')).toEqual({ deleted: true, deletedFirst: true });
    expect(me.screen()).toContain(plain(e.mismatch));
    expect(me.screen()).toContain(plain(e.ask.password).split('\n')[0]!);
    expect(await sendPassword(me, h, 'Uchinchi#Parol3')).toEqual({ deleted: true, deletedFirst: true });
    expect(me.screen()).toContain(plain(e.ask.confirm).split('\n')[0]!);
    expect(await sendPassword(me, h, 'Uchinchi#Parol3')).toEqual({ deleted: true, deletedFirst: true });
    expect(me.screen()).toContain('Tekshirib chiqing');
    expect(registrations(h)).toEqual([]);
  });

  it("shows the backend's password rules, keeps the draft without the password, and asks only what was refused", async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await answerUpToPassword(me, 'mentor@bimuz.local', 'mentor');
    await sendPassword(me, h, '12345678');
    await sendPassword(me, h, '12345678');
    h.backend.resetLog();
    await me.press(t.kit.save);
    expect(registrations(h)).toHaveLength(1);
    // the duplicate email is refused first (the backend checks it before the password)
    expect(me.screen()).toContain('Bu email bilan xodim allaqachon mavjud.');
    expect(me.screen()).toContain(plain(e.ask.email));
    await me.send('yangi.mentor@bimuz.uz');
    // the password was not kept: it is asked again
    expect(me.screen()).toContain(plain(e.ask.password).split('\n')[0]!);
    await sendPassword(me, h, '12345678');
    await sendPassword(me, h, '12345678');
    expect(me.screen()).toContain('Email: yangi.mentor@bimuz.uz');
    await me.press(t.kit.save);
    expect(me.screen()).toContain("Parol juda keng tarqalgan");
    expect(me.screen()).toContain("Parol faqat raqamlardan iborat bo'lmasligi kerak.");
    await sendPassword(me, h, 'Mentor#Yangi2026');
    await sendPassword(me, h, 'Mentor#Yangi2026');
    expect(me.screen()).toContain('Ism: Sardor');
    await me.press(t.kit.save);
    expect(me.screen()).toContain("xodimlar ro'yxatiga qo'shildi");
    expect(h.backend.db.employees.find((x) => x.email === 'yangi.mentor@bimuz.uz')).toMatchObject({ role: 'mentor', password: 'Mentor#Yangi2026' });
  });

  it('checks the role again against a fresh profile right before registering: a demoted direktor cannot make a direktor', async () => {
    const me = h.chat();
    await me.login('direktor');
    await answerUpToPassword(me, 'yangi.direktor@bimuz.uz', 'direktor');
    await sendPassword(me, h, 'Direktor#Yangi2026');
    await sendPassword(me, h, 'Direktor#Yangi2026');
    h.backend.db.employees.find((x) => x.email === 'direktor@bimuz.local')!.role = 'administrator';
    h.backend.resetLog();
    await me.press(t.kit.save);
    expect(registrations(h)).toEqual([]);
    expect(me.screen()).toContain(e.refused.roleNotAssignable);
    expect(me.buttons()).not.toContain(roleName('direktor'));
    await me.press(roleName('mentor'));
    await me.press(t.kit.save);
    expect(registrations(h)).toHaveLength(1);
    expect(h.backend.db.employees.find((x) => x.email === 'yangi.direktor@bimuz.uz')?.role).toBe('mentor');
    h.backend.db.employees.find((x) => x.email === 'direktor@bimuz.local')!.role = 'direktor';
  });
});
