import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';
import { openStudent } from './students-helpers.js';


describe('editing and deleting a student', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('edits a field picked with a button and shows the refreshed detail', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, 'Yusupova');
    await me.press('✏️ Tahrirlash');
    await me.press('Telefon');
    expect(me.screen()).toContain('Hozirgi Telefon: 998901234505');
    await me.send('+998901234501');
    expect(me.screen()).toContain("Bu telefon raqami allaqachon ro'yxatdan o'tgan.");
    await me.send('(95) 444-55-66');
    expect(me.screen()).toContain("✅ O'zgarish saqlandi.");
    expect(me.screen()).toContain('+998954445566');
    expect(h.backend.db.students.find((s) => s.id === 5)?.phone).toBe('+998954445566');
  });

  it('blocks and unblocks only after a confirmation', async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await openStudent(me, 'Rustamov');
    await me.press('✏️ Tahrirlash');
    await me.press('🔒 Bloklash');
    expect(me.screen()).toContain('tizimga kira olmaydi');
    expect(h.backend.db.students.find((s) => s.id === 3)?.is_active).toBe(true);
    await me.press('✅ Ha');
    expect(me.screen()).toContain('🔒 Bloklangan');
    expect(h.backend.db.students.find((s) => s.id === 3)?.is_active).toBe(false);
    await me.press('✏️ Tahrirlash');
    await me.press('🔓 Blokdan chiqarish');
    await me.press('✅ Ha');
    expect(me.screen()).toContain('✅ Faol');
  });

  it('edits the source with buttons and sets and clears an optional field', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, 'Rustamov');
    await me.press('✏️ Tahrirlash');
    await me.press('JShShIR (PINFL)');
    await me.send('123');
    expect(me.screen()).toContain('14 ta raqam');
    await me.send('31705012000003');
    expect(me.screen()).toContain('31705012000003');
    await me.press('✏️ Tahrirlash');
    await me.press('JShShIR (PINFL)');
    await me.press('🗑 Tozalash');
    expect(h.backend.db.students.find((s) => s.id === 3)?.pinfl).toBeNull();
    await me.press('✏️ Tahrirlash');
    await me.press('Manba');
    await me.press('📷 Instagram');
    expect(me.screen()).toContain('Manba: 📷 Instagram');
  });

  it('deletes after a confirmation that says the account goes too; a double tap sends one DELETE', async () => {
    const [doomed] = h.backend.addStudents(1);
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, doomed!.full_name);
    await me.press("🗑 O'chirish");
    expect(me.screen()).toContain('tizimga kirish hisobi (login)');
    h.backend.resetLog();
    await Promise.all([me.press("✅ Ha, o'chirish"), me.press("✅ Ha, o'chirish")]);
    expect(h.backend.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(h.backend.db.students.some((s) => s.id === doomed!.id)).toBe(false);
    expect(me.alerts()).toContain('Bu tugma eskirgan. Menyudan qaytadan tanlang.');
    expect(me.screen()).toContain(`✅ ${doomed!.full_name} o'chirildi.`);
    expect(me.buttons()).toContain('➕ Yangi talaba');
  });

  it('editing and deleting are not offered to direktor, whom the backend refuses', async () => {
    const director = h.chat();
    await director.login('direktor');
    await openStudent(director, 'Karimova');
    expect(director.buttons()).not.toContain('✏️ Tahrirlash');
    expect(director.buttons()).not.toContain("🗑 O'chirish");
  });
});
