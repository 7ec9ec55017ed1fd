import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';

/** The documents section, end to end: find a student, see the contract's state and the files as link buttons. */
describe('documents', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
    const karimova = h.backend.db.students.find((s) => s.full_name === 'Karimova Dilnoza')!;
    karimova.contract = 'contracts/karimova-dilnoza.pdf';
    karimova.certificate = 'certificates/karimova-dilnoza.pdf';
    karimova.contract_signed = true;
  });
  afterAll(() => h.stop());

  it("finds a student by search and shows the signed contract and the certificate as link buttons", async () => {
    const me = h.chat();
    await me.login('mentor');
    await me.send('📁 Hujjatlar');
    expect(me.screen()).toContain('Hujjatlar — talabalar: 5 ta');
    await me.send('Karimova');
    expect(me.screen()).toContain('Qidiruv: «Karimova»');
    expect(h.backend.requests.at(-1)).toMatchObject({ path: '/api/v1/auth/students/', query: { search: 'Karimova' } });
    await me.press(/^Karimova Dilnoza/);
    expect(me.screen()).toContain('Talaba: Karimova Dilnoza');
    expect(me.screen()).toContain('Shartnoma: ✅ imzolangan');
    const links = me.lastMessage()!.inline_keyboard!.flat().filter((b) => b.url);
    expect(links.map((b) => b.text)).toEqual(['📄 Shartnomani ochish', '🎓 Sertifikatni ochish']);
    expect(links[0]!.url).toMatch(/\/media\/contracts\/karimova-dilnoza\.pdf$/);
    expect(links[1]!.url).toMatch(/\/media\/certificates\/karimova-dilnoza\.pdf$/);
    expect(me.screen()).not.toContain("serverda yo'q");
    // back to the search's page
    await me.press('🔙 Orqaga');
    expect(me.screen()).toContain('Qidiruv: «Karimova»');
  });

  it('says plainly when a student has no documents', async () => {
    const me = h.chat();
    await me.login('buxgalter');
    await me.send('📁 Hujjatlar');
    await me.press(/^Rustamov Jasur/);
    expect(me.screen()).toContain('Shartnoma: ⏳ imzolanmagan');
    expect(me.screen()).toContain("Bu talabaning shartnoma yoki sertifikat fayli serverda yo'q.");
    expect(me.lastMessage()!.inline_keyboard!.flat().some((b) => b.url)).toBe(false);
  });

  it('tells when a search finds nobody, and clears it', async () => {
    const me = h.chat();
    await me.login('assistent');
    await me.send('📁 Hujjatlar');
    await me.send('Qwertyuiop');
    expect(me.screen()).toContain("«Qwertyuiop» bo'yicha talaba topilmadi.");
    await me.press('✖️ Qidiruvni tozalash');
    expect(me.screen()).toContain('talabalar: 5 ta');
  });
});
