import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../machines/ui/texts.js';
import { Harness } from '../harness/driver.js';
import { labelOf, openGroup } from './groups-helpers.js';

const plain = (html: string) => html.replace(/<[^>]+>/g, '');
const patches = (h: Harness) => h.backend.requests.filter((r) => r.method === 'PATCH').map((r) => r.body);

describe('editing and deleting a group', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('edits speciality, days and mentor with buttons, and shows the refreshed detail each time', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openGroup(me, h, 1);
    h.backend.resetLog();
    await me.press('✏️ Tahrirlash');
    expect(me.buttons()).toEqual(expect.arrayContaining(Object.values(t.groups.fields)));
    await me.press('Mutaxassislik');
    await me.press('Tekla Structure');
    expect(me.screen()).toContain("✅ O'zgarish saqlandi.");
    expect(me.screen()).toContain('Mutaxassislik: Tekla Structure');
    await me.press('✏️ Tahrirlash');
    await me.press('Dars kunlari');
    await me.press('Seshanba, Payshanba, Shanba');
    expect(me.screen()).toContain('Dars kunlari: Seshanba, Payshanba, Shanba');
    await me.press('✏️ Tahrirlash');
    await me.press('Mentor');
    expect(me.screen()).toContain('Hozirgi mentor: Mentor Testov');
    await me.press('Mentor2 Testov');
    expect(me.screen()).toContain('Mentor: Mentor2 Testov');
    await me.press('✏️ Tahrirlash');
    await me.press('Mentor');
    await me.press('🚫 Mentorni olib tashlash');
    expect(me.screen()).toContain('Mentor: biriktirilmagan');
    expect(patches(h)).toEqual([{ speciality_id: 'tekla_structure' }, { dates: 'tue_thu_sat' }, { mentor: 8 }, { mentor: null }]);
    expect(h.backend.db.groups.find((g) => g.id === 1)).toMatchObject({ speciality_id: 'tekla_structure', dates: 'tue_thu_sat', mentor: null });
  });

  it('refuses fewer seats than the students enrolled, which the backend would accept', async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await openGroup(me, h, 2);
    const enrolled = h.backend.db.students.filter((s) => s.group === 2).length;
    expect(enrolled).toBe(2);
    h.backend.resetLog();
    await me.press('✏️ Tahrirlash');
    await me.press("O'rinlar soni");
    expect(me.screen()).toContain("Hozirgi o'rinlar soni: 14");
    await me.send('1');
    expect(me.screen()).toContain(plain(t.groups.invalid.seatsBelowEnrolled(2)));
    expect(patches(h)).toEqual([]);
    await me.send('2');
    expect(me.screen()).toContain("O'rinlar: 2 band, 0 bo'sh (jami 2)");
    expect(patches(h)).toEqual([{ seats: 2 }]);
  });

  it('says what a price change does to existing invoices before it is made, and keeps them as they are', async () => {
    const me = h.chat();
    await me.login('direktor');
    await openGroup(me, h, 2);
    const before = h.backend.db.invoices.filter((i) => i.group === 2).map((i) => i.amount);
    await me.press('✏️ Tahrirlash');
    await me.press('Narx');
    expect(me.screen()).toContain(plain(t.groups.edit.priceWarning));
    expect(me.screen()).toContain("Hozirgi narx: 3 200 000 so'm");
    await me.send('1e7');
    expect(me.screen()).toContain(plain(t.groups.invalid.priceNumber));
    await me.send('3 500 000');
    expect(me.screen()).toContain("Narx: 3 500 000 so'm");
    expect(h.backend.db.groups.find((g) => g.id === 2)?.price).toBe('3500000.00');
    expect(h.backend.db.invoices.filter((i) => i.group === 2).map((i) => i.amount)).toEqual(before);
  });

  it('edits the time and start date typed in the usual ways', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openGroup(me, h, 4);
    await me.press('✏️ Tahrirlash');
    await me.press('Dars vaqti');
    await me.send('8:15');
    expect(me.screen()).toContain('Dars vaqti: 08:15');
    await me.press('✏️ Tahrirlash');
    await me.press('Boshlanish sanasi');
    await me.send('01.02.2027');
    expect(me.screen()).toContain('Boshlanish sanasi: 01.02.2027');
    expect(h.backend.db.groups.find((g) => g.id === 4)).toMatchObject({ time: '08:15:00', starting_date: '2027-02-01' });
    await me.press('✏️ Tahrirlash');
    await me.press('🔙 Orqaga');
    expect(me.screen()).toContain("Guruh ma'lumotlari");
  });

  it('deletes after a confirmation that says the invoices go, paid ones too; a double tap sends one DELETE', async () => {
    const me = h.chat();
    await me.login('administrator');
    const label = labelOf(h, 2);
    await openGroup(me, h, 2);
    await me.press("🗑 O'chirish");
    expect(me.screen()).toContain("to'langanlarini ham");
    expect(me.screen()).toContain("Guruhdagi 2 ta talaba guruhsiz qoladi");
    expect(h.backend.db.invoices.some((i) => i.group === 2 && i.status === 'paid')).toBe(true);
    h.backend.resetLog();
    await Promise.all([me.press("✅ Ha, o'chirish"), me.press("✅ Ha, o'chirish")]);
    expect(h.backend.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(me.alerts()).toContain(t.staleButton);
    expect(me.screen()).toContain(`✅ «${label}» guruhi o'chirildi.`);
    expect(me.screen()).toContain('jami 23 ta');
    expect(h.backend.db.groups.some((g) => g.id === 2)).toBe(false);
    expect(h.backend.db.students.filter((s) => s.group === 2)).toEqual([]);
  });

  it('keeps the group when the person steps back from the confirmation', async () => {
    const me = h.chat();
    await me.login('direktor');
    await openGroup(me, h, 3);
    await me.press("🗑 O'chirish");
    await me.press(t.kit.keep);
    expect(me.screen()).toContain("Guruh ma'lumotlari");
    expect(h.backend.db.groups.some((g) => g.id === 3)).toBe(true);
  });
});
