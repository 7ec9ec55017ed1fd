import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../machines/ui/format.js';
import { monthName } from '../../machines/ui/reports-screens.js';
import { shiftMonth } from '../../machines/reports/month.js';
import { Harness } from '../harness/driver.js';

const tashkentMonth = () => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 7);
const reportRequests = (h: Harness) => h.backend.requests.filter((r) => r.path.includes('/payment/reports/'));

/** The monthly report and the balance, end to end, with the backend's figures and its defects. */
describe('reports', () => {
  let h: Harness;
  const thisMonth = tashkentMonth();
  const lastMonth = shiftMonth(thisMonth, -1);
  beforeAll(async () => {
    h = await Harness.start();
    const paidAt = `${lastMonth}-15T12:00:00.000000+05:00`;
    // group 2 (Mentor Testov): two students; group 3 (Mentor2 Testov): one; group 6 has no mentor
    for (const [student, group, amount] of [[1, 2, 1_600_000], [2, 2, 1_600_000], [3, 3, 1_800_000], [5, 6, 500_000]] as const) {
      h.backend.addInvoice({ student, group, status: 'paid', amount: `${amount}.00`, payment_time: paidAt });
    }
  });
  afterAll(() => h.stop());

  it("shows a buxgalter a past month's report with the simulator's figures, each mentor named from their groups, and the balance", async () => {
    const db = h.backend.db;
    const paid = db.invoices.filter((i) => i.status === 'paid' && i.payment_time?.startsWith(lastMonth));
    const withMentor = paid.filter((i) => db.groups.find((g) => g.id === i.group)?.mentor != null);
    const revenue = withMentor.reduce((sum, i) => sum + Number(i.amount), 0);
    // at most 6 payers a group: the mentor gets 55 %
    const mentorShare = revenue * 0.55;
    const me = h.chat();
    await me.login('buxgalter');
    expect(me.keyboard()).toContain('📄 Hisobotlar');
    h.backend.resetLog();
    await me.send('📄 Hisobotlar');
    expect(me.screen()).toContain('Hisobotlar');
    expect(me.buttons()).toEqual([`📅 ${monthName(thisMonth)} (shu oy)`, `📅 ${monthName(lastMonth)}`, '💰 Umumiy balans', '🏠 Asosiy menyu']);
    await me.press(`📅 ${monthName(lastMonth)}`);
    const screen = me.screen();
    expect(screen).toContain(`Oylik hisobot: ${monthName(lastMonth)}`);
    expect(screen).toContain("Mentori bor guruhlar bo'yicha:");
    expect(screen).toContain(`Tushum: ${formatMoney(revenue)}`);
    expect(revenue).toBe(5_000_000);
    expect(screen).toContain(`Mentorlar ulushi: ${formatMoney(mentorShare)}`);
    expect(screen).toContain(`Direktor ulushi: ${formatMoney(revenue - mentorShare)}`);
    // the backend names both entries after one mentor; the bot names each from its groups
    expect(screen).toContain(`1. Mentor Testov: tushum ${formatMoney(3_200_000)}, mentorga ${formatMoney(1_760_000)}; 1 guruh, 2 talaba`);
    expect(screen).toContain(`2. Mentor2 Testov: tushum ${formatMoney(1_800_000)}, mentorga ${formatMoney(990_000)}; 1 guruh, 1 talaba`);
    expect(screen).toContain(`Revit Structure, 19:00`);
    expect(screen).toContain("Mentori yo'q guruhlarning to'lovlari server hisobotiga kirmaydi");
    const monthly = reportRequests(h).filter((r) => r.path.endsWith('/monthly/'));
    expect(monthly.map((r) => r.query.month)).toEqual([lastMonth]);
    expect(me.buttons()).toEqual([`⬅️ ${monthName(shiftMonth(lastMonth, -1))}`, `${monthName(thisMonth)} ➡️`, '💰 Umumiy balans', '🔙 Hisobotlar', '🏠 Asosiy menyu']);

    await me.press('💰 Umumiy balans');
    const income = db.invoices.filter((i) => i.status === 'paid').reduce((sum, i) => sum + Number(i.amount), 0);
    expect(income).toBe(1_600_000 + 5_500_000);
    expect(me.screen()).toContain(`Jami tushum (to'langan hisob-fakturalar): ${formatMoney(income)}`);
    expect(me.screen()).toContain(`Balans: ${formatMoney(income)}`);
    expect(h.backend.writeRequests()).toEqual([]);
  });

  it('takes a typed month, refuses what is not one, and says plainly when a month had no payments', async () => {
    const me = h.chat();
    await me.login('direktor');
    await me.send('📄 Hisobotlar');
    await me.send('2026-13');
    expect(me.screen()).toContain("Oy 01 dan 12 gacha bo'ladi.");
    await me.send('kecha');
    expect(me.screen()).toContain('2026-11');
    await me.send(shiftMonth(thisMonth, 1));
    expect(me.screen()).toContain('hali kelmagan');
    h.backend.resetLog();
    await me.send('2025-01');
    expect(me.screen()).toContain('Oylik hisobot: Yanvar 2025');
    expect(me.screen()).toContain("Bu oyda mentori bor guruhlarda to'langan hisob-faktura yo'q.");
    expect(me.screen()).not.toContain('Mentorlar ulushi');
    await me.press('⬅️ Dekabr 2024');
    expect(me.screen()).toContain('Oylik hisobot: Dekabr 2024');
    expect(reportRequests(h).map((r) => r.query.month)).toEqual(['2025-01', '2024-12']);
  });

  it('shows a mentor no reports button and refuses the item typed by hand, asking the backend nothing', async () => {
    const me = h.chat();
    await me.login('mentor');
    expect(me.keyboard()).not.toContain('📄 Hisobotlar');
    h.backend.resetLog();
    await me.send('📄 Hisobotlar');
    expect(me.screen()).toContain('📄 Hisobotlar');
    expect(me.screen()).toContain('ruxsat etilmagan');
    expect(reportRequests(h)).toEqual([]);
  });

  it("refuses an old reports button once its holder's role has become mentor", async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('📄 Hisobotlar');
    const old = me.lastMessage()!;
    h.backend.db.employees.find((e) => e.email === 'administrator@bimuz.local')!.role = 'mentor';
    await me.send('/start');
    expect(me.keyboard()).not.toContain('📄 Hisobotlar');
    h.backend.resetLog();
    await me.pressOn(old, '💰 Umumiy balans');
    expect(me.alerts().at(-1)).toContain('ruxsat etilmagan');
    expect(reportRequests(h)).toEqual([]);
    h.backend.db.employees.find((e) => e.email === 'administrator@bimuz.local')!.role = 'administrator';
  });
});

describe('reports switched off (BOT_REPORTS=off)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ config: { BOT_REPORTS: 'off' } });
  });
  afterAll(() => h.stop());

  it.each(['dasturchi', 'buxgalter'])('shows %s no reports button, and the item typed by hand says where the reports are', async (role) => {
    const me = h.chat();
    await me.login(role);
    expect(me.keyboard()).not.toContain('📄 Hisobotlar');
    expect(me.keyboard()).toContain('📚 Guruhlar');
    await me.send('📄 Hisobotlar');
    expect(me.screen()).toContain("bot orqali ko'rsatilmaydi");
    expect(reportRequests(h)).toEqual([]);
  });
});
