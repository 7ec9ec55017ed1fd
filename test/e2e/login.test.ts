import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';

describe('login', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('logs in with email and password, deletes the password and shows the main menu', async () => {
    const me = h.chat();
    await me.send('/start');
    expect(me.screen()).toContain('email manzilingizni yuboring');
    await me.send('administrator@bimuz.local');
    expect(me.screen()).toContain('Parolingizni yuboring');
    await me.send(h.backend.passwordOf('administrator@bimuz.local'));
    const password = h.telegram.messages(me.id).filter((m) => m.from === 'user').at(-1)!;
    expect(password.deleted).toBe(true);
    expect(me.screen()).toContain('Xush kelibsiz');
    expect(me.screen()).toContain('Administrator');
    expect(me.keyboard()).toContain('👥 Talabalar');
    expect(me.keyboard()).toContain('❌ Chiqish');
    expect(h.telegram.errors()).toEqual([]);
  });

  it("shows the backend's reason for wrong credentials and asks for the email again", async () => {
    const me = h.chat();
    await me.send('/start');
    await me.send('administrator@bimuz.local');
    await me.send('wrong-password');
    expect(me.screen()).toContain("Noto'g'ri email yoki parol.");
    expect(me.screen()).not.toContain('Validation error');
    expect(me.screen()).toContain('email manzilingizni yuboring');
  });

  it('tells a person who is not an employee why they cannot log in', async () => {
    const me = h.chat();
    await me.send('/start');
    await me.send('student1@bimuz.local');
    await me.send(h.backend.passwordOf('student1@bimuz.local'));
    expect(me.screen()).toContain('Bu foydalanuvchi uchun xodim profili topilmadi.');
  });

  it('refuses an email that is not one, and a photo, with a hint', async () => {
    const me = h.chat();
    await me.send('/start');
    await me.send('not an email');
    expect(me.screen()).toContain("email manzilga o'xshamaydi");
    await me.sendPhoto();
    expect(me.screen()).toContain('matn yuboring');
    await me.send('mentor@bimuz.local');
    expect(me.screen()).toContain('Parolingizni yuboring');
  });

  it('keeps the email when the backend is down and asks for the password again', async () => {
    const me = h.chat();
    await me.send('/start');
    await me.send('mentor@bimuz.local');
    h.backend.down = true;
    try {
      await me.send('whatever');
      expect(me.screen()).toContain("Server bilan bog'lanib bo'lmadi");
      expect(me.screen()).toContain('Parolingizni yuboring');
      expect(me.screen()).not.toMatch(/http|502|Error/);
    } finally {
      h.backend.down = false;
    }
    await me.send(h.backend.passwordOf('mentor@bimuz.local'));
    expect(me.screen()).toContain('Xush kelibsiz');
  });

  it('keeps the login wizard across a restart of the bot between email and password', async () => {
    const me = h.chat();
    await me.send('/start');
    await me.send('buxgalter@bimuz.local');
    await h.restart();
    await me.send(h.backend.passwordOf('buxgalter@bimuz.local'));
    expect(me.screen()).toContain('Xush kelibsiz');
  });

  it('cancels the login with its button or /cancel', async () => {
    const me = h.chat();
    await me.send('/start');
    await me.send('mentor@bimuz.local');
    await me.press('❌ Bekor qilish');
    expect(me.screen()).toContain('Kirish bekor qilindi');
    await me.send('/start');
    await me.send('/cancel');
    expect(me.screen()).toContain('Kirish bekor qilindi');
    await me.send('salom');
    expect(me.screen()).toContain('/start');
  });
});
