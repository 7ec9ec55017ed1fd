import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, type Person } from '../harness/driver.js';
import { openStudent } from './students-helpers.js';


const pickerLabels = (me: Person) => me.buttons().filter((b) => b.includes(" o'rin"));

describe('booking, changing the group and cancelling, as the backend was captured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('lists only groups that accept bookings and have a free seat, labelled and paginated', async () => {
    const me = h.chat();
    await me.login('direktor');
    await openStudent(me, 'Yusupova');
    await me.press('📚 Guruhga yozish');
    expect(me.screen()).toContain('21 ta');
    const first = pickerLabels(me);
    expect(first).toHaveLength(8);
    expect(first[0]).toMatch(/^Revit Structure · Se-Pay-Sha · 19:00 · \d\d\.\d\d\.\d{4} · 12 o'rin$/);
    await me.press('Keyingi ➡️');
    await me.press('Keyingi ➡️');
    const last = pickerLabels(me);
    expect(last).toHaveLength(5);
    expect(last.at(-1)).toBe("Tekla Structure · Se-Pay-Sha · 09:00 · sana belgilanmagan · 15 o'rin");
    // group 4 is full, groups 3 and 6 started more than ten days ago
    expect(me.buttons()).toContain('⬅️ Oldingi');
  });

  it('books after a confirmation and says the backend created no invoice and no contract', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, 'Yusupova');
    await me.press('📚 Guruhga yozish');
    await me.press(/^Revit Architecture · Du-Chor-Ju · 14:00/);
    expect(me.screen()).toContain('yozilsinmi');
    expect(h.backend.db.students.find((s) => s.id === 5)?.group).toBeNull();
    await me.press('✅ Tasdiqlash');
    expect(me.screen()).toContain('guruhga yozildi');
    expect(me.screen()).toContain("Birinchi to'lov (50%): 1 200 000 so'm");
    expect(me.screen()).toContain('hisob-fakturani yaratmadi');
    expect(me.screen()).toContain('Shartnoma hali tayyor emas');
    expect(h.backend.db.students.find((s) => s.id === 5)?.group).toBe(1);
  });

  it('a booking into a group that filled up meanwhile is refused by the backend, and the picker comes back', async () => {
    const [student, rival] = h.backend.addStudents(2);
    const lastSeat = h.backend.addGroup({ seats: 1, time: '08:30:00', speciality_id: 'tekla_structure' });
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, student!.full_name);
    await me.press('📚 Guruhga yozish');
    await me.press(/^Tekla Structure · Du-Chor-Ju · 08:30/);
    rival!.group = lastSeat.id;
    await me.press('✅ Tasdiqlash');
    expect(me.screen()).toContain("Bu guruhda bo'sh o'rin yo'q.");
    expect(pickerLabels(me).some((label) => label.includes('08:30'))).toBe(false);
    expect(h.backend.db.students.find((s) => s.id === student!.id)?.group).toBeNull();
  });

  it('explains the 500 the backend answers when a change of group needs a new invoice', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, 'Toshmatov');
    await me.press('🔄 Guruhni almashtirish');
    expect(me.screen()).toContain('Hozirgi guruh: «Revit Structure');
    await me.press(/^Revit Architecture · Du-Chor-Ju · 14:00/);
    expect(me.screen()).toContain("to'lanmagan hisob-fakturalar bekor qilinadi");
    await me.press('✅ Tasdiqlash');
    expect(me.screen()).toContain('Guruh almashtirilmadi');
    expect(me.screen()).toContain('avvalgi guruhida qoldi');
    expect(h.backend.db.students.find((s) => s.id === 4)?.group).toBe(2);
  });

  it('changes the group and reports the refund when the new group costs less than was paid', async () => {
    const me = h.chat();
    await me.login('mentor');
    await openStudent(me, 'Toshmatov');
    await me.press('🔄 Guruhni almashtirish');
    await me.press('Keyingi ➡️');
    await me.press('Keyingi ➡️');
    await me.press(/sana belgilanmagan/);
    await me.press('✅ Tasdiqlash');
    expect(me.screen()).toContain('guruhi almashtirildi');
    expect(me.screen()).toContain("Narx farqi: -3 200 000 so'm");
    expect(me.screen()).toContain("Talabaga qaytarish kerak: 1 600 000 so'm");
    expect(h.backend.db.students.find((s) => s.id === 4)?.group).toBe(5);
  });

  it('cancels a booking after a confirmation and says which invoices were cancelled', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, 'Aliyev');
    await me.press('🚫 Yozilishni bekor qilish');
    expect(me.screen()).toContain('guruhidan chiqariladi');
    await me.press('✅ Ha, bekor qilish');
    expect(me.screen()).toContain('Yozilish bekor qilindi');
    expect(me.screen()).toContain('Bekor qilingan hisob-fakturalar: 1 ta.');
    expect(h.backend.db.students.find((s) => s.id === 1)?.group).toBeNull();
    expect(h.backend.db.invoices.find((i) => i.student === 1)?.status).toBe('cancelled');
  });
});

describe('booking and changing the group, as the backend intends', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ intendedBackend: true });
  });
  afterAll(() => h.stop());

  it('shows the first invoice and the contract link the backend returns', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, 'Yusupova');
    await me.press('📚 Guruhga yozish');
    await me.press(/^Revit Architecture · Du-Chor-Ju · 14:00/);
    await me.press('✅ Tasdiqlash');
    const invoice = h.backend.db.invoices.find((i) => i.student === 5)!;
    expect(me.screen()).toContain(`Birinchi to'lov (50%): 1 200 000 so'm — hisob-faktura №${invoice.id}`);
    expect(me.lastMessage()?.text).toMatch(/📄 Shartnoma: <a href="http:\/\/[^"]+\/media\/contracts\/contract_5_1_\d+_\d+\.pdf">ochish<\/a>/);
  });

  it('shows the new invoice after a change of group', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, 'Karimova');
    await me.press('🔄 Guruhni almashtirish');
    await me.press(/^Revit Architecture · Du-Chor-Ju · 14:00/);
    await me.press('✅ Tasdiqlash');
    const invoice = h.backend.db.invoices.filter((i) => i.student === 2).at(-1)!;
    expect(me.screen()).toContain(`Yangi hisob-faktura №${invoice.id}: 1 200 000 so'm`);
    expect(me.screen()).toContain('Bekor qilingan hisob-fakturalar: 1 ta');
  });
});
