import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';

const common = ['👤 Profil', '👥 Talabalar', '📚 Guruhlar', "💳 To'lovlar", '👨‍💼 Xodimlar', '📁 Hujjatlar', '❌ Chiqish'];
/** the seed's access matrix: attendance for dasturchi, direktor, administrator and mentor */
const seesAttendance = ['dasturchi', 'direktor', 'administrator', 'mentor'];

describe('main menu', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  // every role reads the employees list (the backend serves it to all, captures 103 and 107)
  it.each([
    ['dasturchi', true],
    ['direktor', true],
    ['administrator', true],
    ['buxgalter', true],
    ['sotuv_agenti', false],
    ['mentor', false],
    ['assistent', false],
  ])('is built from the role: %s', async (role, seesReports) => {
    const me = h.chat();
    await me.login(role);
    const keyboard = me.keyboard();
    for (const label of common) expect(keyboard).toContain(label);
    expect(keyboard).toContain('👨‍💼 Xodimlar');
    expect(keyboard.includes('📄 Hisobotlar')).toBe(seesReports);
    expect(keyboard.includes('📊 Analitika')).toBe(role === 'dasturchi' || role === 'direktor');
    expect(keyboard.includes('📋 Davomatlar')).toBe(seesAttendance.includes(role));
    await me.send('👤 Profil');
    expect(me.screen()).toContain(`${role === 'dasturchi' ? 'dasturchi' : role}@bimuz.local`);
  });

  it('answers every button: each section opens', async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await me.send('📚 Guruhlar');
    expect(me.screen()).toContain('Guruhlar — jami');
    await me.send('📋 Davomatlar');
    expect(me.screen()).toContain('Davomatlar — jami');
    await me.send('📁 Hujjatlar');
    expect(me.screen()).toContain('Hujjatlar — talabalar');
    await me.send("💳 To'lovlar");
    expect(me.screen()).toContain("To'lovlar — jami");
  });

  it('answers commands, stray text, stickers and unknown commands with a hint', async () => {
    const me = h.chat();
    await me.login('mentor');
    await me.send('/help');
    expect(me.screen()).toContain('/cancel');
    await me.send('/menu');
    expect(me.screen()).toContain('Asosiy menyu');
    await me.send('/cancel');
    expect(me.screen()).toContain('Asosiy menyu');
    await me.send('nima gap');
    expect(me.screen()).toContain('menyudan');
    await me.sendSticker();
    expect(me.screen()).toContain('menyudan');
    await me.send('/frobnicate');
    expect(me.screen()).toContain("Bunday buyruq yo'q");
  });

  it('leaves the login wizard cleanly for a logged-out person pressing a menu label', async () => {
    const me = h.chat();
    await me.send('👥 Talabalar');
    expect(me.screen()).toContain('tizimga kirmagansiz');
  });
});
