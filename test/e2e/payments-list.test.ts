import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { press } from '../../machines/payments/buttons.js';
import { Harness } from '../harness/driver.js';
import { openGroup } from './groups-helpers.js';
import { invoiceRows, rowOf } from './payments-helpers.js';
import { openStudent } from './students-helpers.js';

const PAYMENTS = "💳 To'lovlar";
const FILTER = /^🔽 Holat bo'yicha filtr/;

/** The payments list (pagination, search and filter together), an invoice's progress, and what a mentor may see. */
describe('payments list and detail', () => {
  let h: Harness;
  /** the first of three instalments of Yusupova Madina (student 5) for group 6, older than the 40 below */
  let firstInstalment: number;

  beforeAll(async () => {
    h = await Harness.start();
    firstInstalment = h.backend.addInvoice({ student: 5, group: 6, amount: '400000.00', status: 'paid' }).id;
    // 5 seed invoices, the instalment and 39 more: 45
    for (let i = 0; i < 39; i += 1) h.backend.addInvoice({ student: 1 + (i % 4), group: i % 2 === 0 ? 1 : 2, status: i % 3 === 0 ? 'paid' : 'created' });
  });
  afterAll(() => h.stop());

  it('shows 45 invoices over three pages with the real total, every one reachable, never sending ordering', async () => {
    const me = h.chat();
    await me.login('buxgalter');
    h.backend.resetLog();
    await me.send(PAYMENTS);
    expect(me.screen()).toContain("To'lovlar — jami 45 ta");
    expect(me.screen()).toContain('Sahifa 1 / 3');
    const seen = invoiceRows(me);
    expect(seen).toHaveLength(20);
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 2 / 3');
    seen.push(...invoiceRows(me));
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 3 / 3');
    const last = invoiceRows(me);
    expect(last).toHaveLength(5);
    seen.push(...last);
    expect(new Set(seen.map((label) => label.split(' · ')[0])).size).toBe(45);
    // each row: its own status icon, id, student and amount
    expect(seen).toContain(`✅ №4 · Toshmatov Bekzod · 1 600 000 so'm`);
    expect(seen).toContain(`❌ №5 · Toshmatov Bekzod · 1 600 000 so'm`);
    expect(seen).toContain(`⏳ №3 · Rustamov Jasur · 1 200 000 so'm`);
    expect(seen).toContain(`🆕 №1 · Aliyev Vali 1 · 1 200 000 so'm`);
    const lists = h.backend.requests.filter((r) => r.path.endsWith('/payment/employee-invoices/'));
    expect(lists.map((r) => r.query.page)).toEqual([undefined, '2', '3']);
    expect(h.backend.requests.some((r) => 'ordering' in r.query)).toBe(false);
  });

  it('searches and filters together, keeps both while paging, and clears each on its own', async () => {
    // 22 more paid invoices of Karimova Dilnoza (student 2): two pages of them
    for (let i = 0; i < 22; i += 1) h.backend.addInvoice({ student: 2, group: 2, status: 'paid' });
    const me = h.chat();
    await me.login('direktor');
    await me.send(PAYMENTS);
    await me.send('Karimova');
    expect(me.screen()).toContain('🔍 Qidiruv: «Karimova»');
    await me.press(FILTER);
    expect(me.screen()).toContain('Qidiruv («Karimova») saqlanib qoladi');
    h.backend.resetLog();
    await me.press("✅ To'langan");
    expect(me.screen()).toContain('🔍 Qidiruv: «Karimova»');
    expect(me.screen()).toContain("🔽 Holat: ✅ To'langan");
    const paidOfKarimova = h.backend.db.invoices.filter((i) => i.student === 2 && i.status === 'paid').length;
    expect(me.screen()).toContain(`jami ${paidOfKarimova} ta`);
    expect(me.screen()).toContain('Sahifa 1 / 2');
    expect(invoiceRows(me).every((label) => label.startsWith('✅') && label.includes('Karimova Dilnoza'))).toBe(true);
    await me.press('Keyingi ➡️');
    expect(me.screen()).toContain('Sahifa 2 / 2');
    expect(me.screen()).toContain('🔍 Qidiruv: «Karimova»');
    expect(me.screen()).toContain("🔽 Holat: ✅ To'langan");
    const queries = h.backend.requests.filter((r) => r.path.endsWith('/payment/employee-invoices/')).map((r) => r.query);
    expect(queries).toEqual([
      { search: 'Karimova', status: 'paid' },
      { search: 'Karimova', status: 'paid', page: '2' },
    ]);

    // clearing the search keeps the filter
    h.backend.resetLog();
    await me.press('✖️ Qidiruvni tozalash');
    expect(me.screen()).not.toContain('Qidiruv:');
    expect(me.screen()).toContain("🔽 Holat: ✅ To'langan");
    const paid = h.backend.db.invoices.filter((i) => i.status === 'paid').length;
    expect(me.screen()).toContain(`jami ${paid} ta`);
    expect(h.backend.requests.at(-1)!.query).toEqual({ status: 'paid' });

    // a new search keeps the filter; clearing the filter keeps the search
    await me.send('Karimova');
    expect(me.screen()).toContain("🔽 Holat: ✅ To'langan");
    await me.press("✖️ Holat filtrini olib tashlash");
    expect(me.screen()).toContain('🔍 Qidiruv: «Karimova»');
    expect(me.screen()).not.toContain('Holat:');
    const ofKarimova = h.backend.db.invoices.filter((i) => i.student === 2).length;
    expect(me.screen()).toContain(`jami ${ofKarimova} ta`);
    expect(h.backend.requests.at(-1)!.query).toEqual({ search: 'Karimova' });
    expect(h.backend.requests.some((r) => 'ordering' in r.query)).toBe(false);
  });

  it("computes the progress from all of the student's invoices for the group, past the first page of the list", async () => {
    h.backend.addInvoice({ student: 5, group: 6, amount: '300000.00', status: 'paid' });
    const newest = h.backend.addInvoice({ student: 5, group: 6, amount: '300000.00', status: 'created' });
    const me = h.chat();
    await me.login('administrator');
    await me.send(PAYMENTS);
    // the first instalment is not on the first page of all invoices
    expect(invoiceRows(me).some((label) => label.startsWith(`✅ №${firstInstalment} `))).toBe(false);
    h.backend.resetLog();
    await me.press(rowOf(newest.id));
    const screen = me.screen();
    expect(screen).toContain(`🆕 Hisob-faktura №${newest.id}`);
    expect(screen).toContain("Summa: 300 000 so'm");
    expect(screen).toContain('Talaba: Yusupova Madina');
    expect(screen).toContain('Telefon: 998901234505');
    expect(screen).toContain("To'langan: 700 000 so'm (3 ta hisob-fakturadan 2 tasi)");
    expect(screen).toContain("Kurs narxi: 1 000 000 so'm");
    expect(screen).toContain("Qolgan: 300 000 so'm");
    // found through the student's phone, the only key the backend's search gives
    expect(h.backend.requests.some((r) => r.path.endsWith('/employee-invoices/') && r.query.search === '998901234505')).toBe(true);
    expect(me.buttons()).toContain("💳 To'lov linkini yaratish");
    expect(me.buttons()).not.toContain("✅ To'landi deb belgilash");
  });

  it('still shows the invoice, without the progress and with a line saying so, when the list cannot be read', async () => {
    const me = h.chat();
    await me.login('buxgalter');
    await me.send(PAYMENTS);
    h.backend.faults.push({ fault: 'http500', method: 'GET', path: /\/payment\/employee-invoices\/$/, times: 10 });
    const newest = h.backend.db.invoices.at(-1)!.id;
    try {
      await me.press(rowOf(newest));
    } finally {
      h.backend.faults.length = 0;
    }
    expect(me.screen()).toContain(`Hisob-faktura №${newest}`);
    expect(me.screen()).toContain("Shu guruh bo'yicha umumiy to'lovni hisoblab bo'lmadi");
    expect(me.screen()).not.toContain("To'langan:");
    expect(me.buttons()).toContain("✅ To'landi deb belgilash");
  });

  it("shows a mentor only their groups' invoices and refuses another mentor's, from an old list or forged data", async () => {
    const admin = h.chat();
    await admin.login('administrator');
    await admin.send(PAYMENTS);
    await admin.send('Rustamov');
    const oldList = admin.lastMessage()!;
    const foreign = h.backend.db.invoices.find((i) => i.student === 3)!;
    expect(h.backend.db.groups.find((g) => g.id === foreign.group)!.mentor).not.toBe(6);

    const me = h.chat(admin.id);
    await me.send('❌ Chiqish');
    await me.login('mentor');
    await me.send(PAYMENTS);
    const own = h.backend.db.invoices.filter((i) => h.backend.db.groups.find((g) => g.id === i.group)?.mentor === 6);
    expect(me.screen()).toContain(`jami ${own.length} ta`);
    expect(me.screen()).toContain("Faqat sizning guruhlaringiz to'lovlari");
    expect(invoiceRows(me).some((label) => label.startsWith(`⏳ №${foreign.id} `))).toBe(false);

    // a button of the administrator's old list
    await me.pressOn(oldList, new RegExp(`^⏳ №${foreign.id} `));
    expect(me.now(oldList)?.plain).toContain('Bu hisob-faktura sizning guruhlaringizga tegishli emas');
    expect(me.now(oldList)?.plain).not.toContain('Rustamov Jasur');

    // forged data: open it, check it
    for (const data of [press.open(foreign.id), press.check(foreign.id)]) {
      await me.send(PAYMENTS);
      await me.pressForged(data);
      expect(me.screen()).toContain('Bu hisob-faktura sizning guruhlaringizga tegishli emas');
      expect(me.screen()).not.toContain('Rustamov');
    }
    expect(h.backend.requests.some((r) => r.path.includes('check-status'))).toBe(false);
    // marking it paid is not the mentor's at all
    await me.pressForged(press.pay(foreign.id));
    expect(me.alerts().at(-1)).toContain('ruxsat etilmagan');

    // their own invoice opens
    await me.send(PAYMENTS);
    await me.press(rowOf(own.at(-1)!.id));
    expect(me.screen()).toContain(`Hisob-faktura №${own.at(-1)!.id}`);
  });

  it("opens a student's invoices from the student's detail, and a group's from the group's", async () => {
    const me = h.chat();
    await me.login('administrator');
    await openStudent(me, 'Toshmatov');
    await me.press("💳 Talabaning to'lovlari");
    const ofStudent = h.backend.db.invoices.filter((i) => i.student === 4);
    expect(me.screen()).toContain(`jami ${ofStudent.length} ta`);
    expect(me.screen()).toContain('👤 Talaba: Toshmatov Bekzod');
    expect(invoiceRows(me)).toHaveLength(ofStudent.length);
    expect(invoiceRows(me).every((label) => label.includes(' · Toshmatov Bekzod · '))).toBe(true);
    expect(invoiceRows(me)).toEqual(expect.arrayContaining([`✅ №4 · Toshmatov Bekzod · 1 600 000 so'm`, `❌ №5 · Toshmatov Bekzod · 1 600 000 so'm`]));
    await me.press(rowOf(4));
    expect(me.screen()).toContain('Hisob-faktura №4');
    expect(me.screen()).toContain("To'lov usuli: 💵 Naqd pul");
    await me.press("📋 Ro'yxatga");
    expect(me.screen()).toContain('👤 Talaba: Toshmatov Bekzod');

    await openGroup(me, h, 6);
    await me.press("💳 Guruh to'lovlari");
    const ofGroup = h.backend.db.invoices.filter((i) => i.group === 6);
    expect(me.screen()).toContain(`jami ${ofGroup.length} ta`);
    expect(me.screen()).toContain('📚 Guruh:');
    expect(invoiceRows(me)).toHaveLength(ofGroup.length);
    expect(invoiceRows(me).every((label) => label.includes('Yusupova Madina'))).toBe(true);
  });
});
