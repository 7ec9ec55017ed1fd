import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';

/** The list, search and detail, end to end: adapter, Bot API emulator, backend simulator, Redis. */
describe('students list', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
    // five seed students and forty bulk ones: three pages of the backend's 20
    h.backend.addStudents(40);
  });
  afterAll(() => h.stop());

  it('shows 45 students over three pages with the real total', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('👥 Talabalar');
    expect(me.screen()).toContain('jami 45 ta');
    expect(me.screen()).toContain('Sahifa 1 / 3');
    expect(me.buttons().filter((b) => b.includes('·'))).toHaveLength(20);
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 2 / 3');
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 3 / 3');
    expect(me.buttons().filter((b) => b.includes('·'))).toHaveLength(5);
    expect(me.buttons()).toContain('⬅️ Oldingi');
    expect(me.buttons()).not.toContain('Keyingi ➡️');
    const pages = h.backend.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/auth/students/')).map((r) => r.query.page);
    expect(pages).toEqual([undefined, '2', '3']);
  });

  it('searches by name, phone and passport through the backend, and says when nothing is found', async () => {
    const me = h.chat();
    await me.login('mentor');
    await me.send('👥 Talabalar');
    await me.send('karimova');
    expect(me.screen()).toContain('Qidiruv: «karimova»');
    expect(me.buttons()).toContain('Karimova Dilnoza · +998901234502');
    await me.send('+998 90 123 45 03');
    expect(me.buttons()[0]).toBe('Rustamov Jasur · +998901234503');
    await me.send('aa1234504');
    expect(me.buttons()[0]).toBe('Toshmatov Bekzod · +998901234504');
    await me.send('zzzzzz');
    expect(me.screen()).toContain('jami 0 ta');
    expect(me.screen()).toContain("«zzzzzz» bo'yicha hech kim topilmadi");
    await me.press('✖️ Qidiruvni tozalash');
    expect(me.screen()).toContain('jami 45 ta');
  });

  it('opens a result and comes back to the same page and search', async () => {
    const me = h.chat();
    await me.login('buxgalter');
    await me.send('👥 Talabalar');
    await me.send('Bulk');
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 2 / 2');
    await me.press(/^Bulk Talaba/);
    expect(me.screen()).toContain("Talaba ma'lumotlari");
    await me.press('🔙 Orqaga');
    expect(me.screen()).toContain('Qidiruv: «Bulk»');
    expect(me.screen()).toContain('Sahifa 2 / 2');
  });

  it('a button from the list still works after a restart, and from outside the section', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('👥 Talabalar');
    await me.press('Keyingi ➡️');
    await me.press('Keyingi ➡️');
    const lastPage = me.lastMessage()!;
    await me.send('👥 Talabalar');
    const firstPage = me.lastMessage()!;
    await h.restart();
    await me.pressOn(lastPage, /^Karimova Dilnoza/);
    expect(me.now(lastPage)?.plain).toContain('AA1234502');
    await me.send('👤 Profil');
    await me.pressOn(firstPage, 'Keyingi ➡️');
    expect(me.now(firstPage)?.plain).toContain('Sahifa 2 / 3');
  });

  it('answers a photo on the list and stray text on a detail with a hint; the screen stays usable', async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await me.send('👥 Talabalar');
    await me.sendPhoto();
    expect(me.screen()).toContain('matn yuboring');
    await me.press(/^Bulk Talaba/);
    const detail = me.findButton('✏️ Tahrirlash').message;
    await me.send('salom');
    expect(me.screen()).toContain('tugmalardan birini tanlang');
    await me.press('✏️ Tahrirlash');
    expect(me.now(detail)?.inline_keyboard?.flat().map((b) => b.text)).toContain('Telefon');
  });
});
