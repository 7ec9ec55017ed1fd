import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../machines/ui/format.js';
import { monthName } from '../../machines/ui/reports-screens.js';
import { Harness } from '../harness/driver.js';

const DAY_MS = 86_400_000;
const tashkentToday = () => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The groups as the simulator serves them (with the finish date it computes), every page. */
type ServedGroup = { starting_date: string | null; finish_date: string | null; seats: number; current_students_count: number };

async function servedGroups(h: Harness): Promise<ServedGroup[]> {
  const token = h.backend.accessTokenFor('dasturchi@bimuz.local');
  const rows: ServedGroup[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await h.backend.fetch(`http://backend.fake/api/v1/education/groups/?page=${page}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await answer.json()) as { next: string | null; results: ServedGroup[] };
    rows.push(...body.results);
    if (!body.next) return rows;
  }
}

/** The live summary, end to end: each figure equal to what the simulator holds. */
describe('analytics', () => {
  let h: Harness;
  const today = tashkentToday();
  const monday = shift(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  beforeAll(async () => {
    h = await Harness.start();
    h.backend.addStudents(3);
    h.backend.addInvoice({ student: 1, group: 3, status: 'paid', amount: '1800000.00', payment_time: `${today}T09:00:00.000000+05:00` });
    h.backend.addInvoice({ student: 5, group: 6, status: 'paid', amount: '500000.00', payment_time: `${today}T09:30:00.000000+05:00` });
    // one record last week, one on Monday of this one
    h.backend.db.attendances.push({ ...h.backend.db.attendances[0]!, id: 900, group: 3, date: shift(monday, -1), participants: [] });
    h.backend.db.attendances.push({ ...h.backend.db.attendances[0]!, id: 901, group: 3, date: monday, participants: [] });
  });
  afterAll(() => h.stop());

  it("shows a dasturchi every figure equal to the simulator's own, read in parallel", async () => {
    const db = h.backend.db;
    const groups = await servedGroups(h);
    const planned = groups.filter((g) => g.starting_date !== null && g.starting_date > today);
    const finished = groups.filter((g) => g.starting_date !== null && g.starting_date <= today && g.finish_date !== null && g.finish_date < today);
    const undated = groups.filter((g) => g.starting_date === null);
    const running = groups.length - planned.length - finished.length - undated.length;
    const open = groups.filter((g) => g.starting_date !== null && !finished.includes(g));
    const seats = open.reduce((sum, g) => sum + g.seats, 0);
    const taken = open.reduce((sum, g) => sum + g.current_students_count, 0);
    const statuses = (status: string) => db.invoices.filter((i) => i.status === status).length;
    const revenue = db.invoices
      .filter((i) => i.status === 'paid' && i.payment_time?.startsWith(today.slice(0, 7)) && db.groups.find((g) => g.id === i.group)?.mentor != null)
      .reduce((sum, i) => sum + Number(i.amount), 0);
    const week = db.attendances.filter((a) => a.date >= monday && a.date <= shift(monday, 6)).length;

    const me = h.chat();
    await me.login('dasturchi');
    expect(me.keyboard()).toContain('📊 Analitika');
    h.backend.resetLog();
    await me.send('📊 Analitika');
    const screen = me.screen();
    expect(screen).toContain(`Analitika (${formatDate(today)} holatiga)`);
    expect(screen).toContain(`Talabalar: ${db.students.length} ta`);
    expect(screen).toContain(`Guruhlar: jami ${db.groups.length}, davom etmoqda ${running}, rejalashtirilgan ${planned.length}, tugagan ${finished.length}, sanasi yo'q ${undated.length}`);
    expect(screen).toContain(`${taken} / ${seats} band (${Math.round((taken / seats) * 100)}%)`);
    expect(screen).toContain(
      `Hisob-fakturalar: jami ${db.invoices.length}, 🆕 Yaratilgan ${statuses('created')}, ⏳ Kutilmoqda ${statuses('pending')}, ✅ To'langan ${statuses('paid')}, ❌ Bekor qilingan ${statuses('cancelled')}`,
    );
    expect(revenue).toBeGreaterThanOrEqual(1_800_000);
    expect(screen).toContain(`Shu oy tushumi: ${monthName(today.slice(0, 7))}: ${formatMoney(revenue)} (mentori bor guruhlar`);
    expect(screen).toContain(`Shu hafta davomat: ${formatDate(monday)} dan beri ${week} ta yozuv`);
    expect(week).toBeGreaterThanOrEqual(1);
    expect(screen).not.toContain("o'qib bo'lmadi");
    // each count from a request's count, the groups from a bounded read, nothing written
    const gets = h.backend.requests.map((r) => `${r.path}${r.query.status ? `?status=${r.query.status}` : ''}`);
    for (const path of ['/api/v1/auth/students/', '/api/v1/education/groups/', '/api/v1/payment/employee-invoices/?status=paid', '/api/v1/payment/reports/monthly/', '/api/v1/education/attendances/']) {
      expect(gets).toContain(path);
    }
    expect(h.backend.writeRequests()).toEqual([]);
  });

  it('says which figure could not be read and shows the others', async () => {
    const me = h.chat();
    await me.login('direktor');
    h.backend.faults.push({ fault: 'http500', method: 'GET', path: /^\/api\/v1\/auth\/students\/$/, times: 2 });
    await me.send('📊 Analitika');
    expect(me.screen()).toMatch(/Talabalar: ⚠️ o'qib bo'lmadi \(.+\)/);
    expect(me.screen()).toContain(`Guruhlar: jami ${h.backend.db.groups.length}`);
    expect(me.screen()).toContain(`Hisob-fakturalar: jami ${h.backend.db.invoices.length}`);
    h.backend.faults.length = 0;
    await me.press('🔄 Yangilash');
    expect(me.screen()).toContain(`Talabalar: ${h.backend.db.students.length} ta`);
  });

  it.each(['administrator', 'buxgalter', 'mentor'])('is not offered to %s, and refused when typed', async (role) => {
    const me = h.chat();
    await me.login(role);
    expect(me.keyboard()).not.toContain('📊 Analitika');
    h.backend.resetLog();
    await me.send('📊 Analitika');
    expect(me.screen()).toContain('ruxsat etilmagan');
    expect(h.backend.requests).toEqual([]);
  });
});

describe('analytics with the reports switched off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ config: { BOT_REPORTS: 'off' } });
  });
  afterAll(() => h.stop());

  it("leaves out this month's income and does not read the report", async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await me.send('📊 Analitika');
    expect(me.screen()).toContain('Talabalar:');
    expect(me.screen()).not.toContain('Shu oy tushumi');
    expect(h.backend.requests.filter((r) => r.path.includes('/reports/'))).toEqual([]);
  });
});
