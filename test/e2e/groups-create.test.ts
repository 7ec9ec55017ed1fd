import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../machines/ui/texts.js';
import { Harness, type Person } from '../harness/driver.js';

const reasons = t.groups.invalid;
/** A reason as a person reads it: the HTML tags gone. */
const plain = (html: string) => html.replace(/<[^>]+>/g, '');

/** Sends an answer the bot must refuse, and checks that it says why and asks the same question again. */
async function refused(me: Person, text: string, reason: string, question: string): Promise<void> {
  await me.send(text);
  expect(me.screen(), `answer ${JSON.stringify(text)}`).toContain(plain(reason));
  expect(me.screen()).toContain(plain(question));
}

async function startCreating(me: Person, role: string): Promise<void> {
  await me.login(role);
  await me.send('📚 Guruhlar');
  await me.press('➕ Yangi guruh');
}

describe('creating a group', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('asks each field with buttons or checks, shows a summary, and saves the group with the price as digits', async () => {
    const me = h.chat();
    await startCreating(me, 'administrator');
    expect(me.screen()).toContain('1/8');
    await me.press('Tekla Structure');
    await me.press('Seshanba, Payshanba, Shanba');
    await me.send('9:30');
    await me.send('2027-01-15');
    await me.send('12');
    await me.send('1 500 000');
    await me.send('48');
    expect(me.buttons()).toEqual(expect.arrayContaining(['Mentor Testov', 'Mentor2 Testov', '🚫 Mentorsiz']));
    expect(me.buttons()).not.toContain('Dilshod Dasturchi');
    await me.press('Mentor2 Testov');
    const summary = me.screen();
    for (const shown of [
      'Mutaxassislik: Tekla Structure',
      'Dars kunlari: Seshanba, Payshanba, Shanba',
      'Dars vaqti: 09:30',
      'Boshlanish sanasi: 15.01.2027',
      "O'rinlar soni: 12",
      "Narx: 1 500 000 so'm",
      'Darslar soni: 48',
      'Mentor: Mentor2 Testov',
    ]) {
      expect(summary).toContain(shown);
    }
    h.backend.resetLog();
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain('✅ Guruh yaratildi');
    expect(me.screen()).toContain("Guruh ma'lumotlari");
    const post = h.backend.requests.filter((r) => r.method === 'POST');
    expect(post).toHaveLength(1);
    expect(post[0]!.body).toMatchObject({ speciality_id: 'tekla_structure', dates: 'tue_thu_sat', time: '09:30', starting_date: '2027-01-15', seats: 12, price: '1500000', total_lessons: 48, mentor: 8 });
    const saved = h.backend.db.groups.at(-1)!;
    expect(saved).toMatchObject({ speciality_id: 'tekla_structure', time: '09:30:00', price: '1500000.00', mentor: 8 });
  });

  it('refuses each wrong answer with its reason and asks the same question again', async () => {
    const me = h.chat();
    await startCreating(me, 'dasturchi');
    h.backend.resetLog();
    await me.send('Revit');
    expect(me.screen()).toContain(t.buttonExpected);
    await me.press('Revit Structure');
    await me.press('Dushanba, Chorshanba, Juma');
    const ask = t.groups.ask;
    await refused(me, '25:00', reasons.timeNotReal, ask.time);
    await refused(me, '10:75', reasons.timeNotReal, ask.time);
    await refused(me, 'ertalab', reasons.timeFormat, ask.time);
    await me.send('10:00');
    await refused(me, '2027/01/15', reasons.dateFormat, ask.startingDate);
    await refused(me, '30.02.2027', reasons.dateNotReal, ask.startingDate);
    await refused(me, '15.01.1927', reasons.dateRange(2000, 2100), ask.startingDate);
    await me.send('15.01.2027');
    await refused(me, '0', reasons.seatsNumber, ask.seats);
    await refused(me, '-3', reasons.seatsNumber, ask.seats);
    await refused(me, '12.5', reasons.seatsNumber, ask.seats);
    await refused(me, '5000', reasons.seatsTooMany(500), ask.seats);
    await me.send('15');
    await refused(me, '0', reasons.priceZero, ask.price);
    await refused(me, '-1500000', reasons.priceNegative, ask.price);
    await refused(me, '1e6', reasons.priceNumber, ask.price);
    await refused(me, 'NaN', reasons.priceNumber, ask.price);
    await refused(me, '1500000.50', reasons.priceNumber, ask.price);
    await refused(me, '150000000', reasons.priceTooHigh("99 999 999 so'm"), ask.price);
    await me.send('1500000');
    await refused(me, '0', reasons.lessonsNumber, ask.totalLessons);
    await refused(me, '1e2', reasons.lessonsNumber, ask.totalLessons);
    await me.sendPhoto();
    expect(me.screen()).toContain(t.textExpected);
    await me.press("⏭ O'tkazib yuborish");
    await me.press('🚫 Mentorsiz');
    // the answer to a button replaces the message that carried it: the question answered last
    const summary = me.findButton('✅ Saqlash').message.plain ?? '';
    expect(summary).toContain('Mentor: mentorsiz');
    expect(summary).toContain("Darslar soni: ko'rsatilmagan");
    expect(h.backend.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('changes any answer from the summary', async () => {
    const me = h.chat();
    await startCreating(me, 'direktor');
    await me.press('Revit Architecture');
    await me.press('Dushanba, Chorshanba, Juma');
    for (const answer of ['14:00', '01.03.2027', '10', '2400000', '72']) await me.send(answer);
    await me.press('🚫 Mentorsiz');
    await me.press('✏️ Narx');
    await me.send('2 600 000');
    expect(me.screen()).toContain("Narx: 2 600 000 so'm");
    await me.press('✏️ Dars kunlari');
    await me.press('Seshanba, Payshanba, Shanba');
    await me.press('✏️ Mentor');
    await me.press('Mentor Testov');
    const summary = me.screen();
    expect(summary).toContain('Dars kunlari: Seshanba, Payshanba, Shanba');
    expect(summary).toContain('Mentor: Mentor Testov');
    expect(summary).toContain('Dars vaqti: 14:00');
    await me.press('✅ Saqlash');
    expect(h.backend.db.groups.at(-1)).toMatchObject({ dates: 'tue_thu_sat', price: '2600000.00', mentor: 6, starting_date: '2027-03-01' });
  });

  it('keeps the draft through a refusal and asks again only the refused field, with the backend reason', async () => {
    const base = h.backend.db.employees.find((e) => e.role === 'mentor')!;
    h.backend.db.employees.push({ ...base, id: 710, email: 'bobur.m@bimuz.local', full_name: 'Bobur Murodov' });
    const me = h.chat();
    await startCreating(me, 'administrator');
    await me.press('Revit Structure');
    await me.press('Seshanba, Payshanba, Shanba');
    for (const answer of ['18:00', '10.02.2027', '9', '3 100 000', '60']) await me.send(answer);
    await me.press('Bobur Murodov');
    // meanwhile Bobur is no longer a mentor: the backend refuses him
    h.backend.db.employees.find((e) => e.id === 710)!.role = 'assistent';
    h.backend.resetLog();
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain('Server «Mentor» maydonini qabul qilmadi');
    expect(me.buttons()).not.toContain('Bobur Murodov');
    await me.press('Mentor Testov');
    const summary = me.screen();
    for (const kept of ['Revit Structure', 'Seshanba, Payshanba, Shanba', '18:00', '10.02.2027', "O'rinlar soni: 9", "3 100 000 so'm", 'Darslar soni: 60', 'Mentor: Mentor Testov']) {
      expect(summary).toContain(kept);
    }
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain('✅ Guruh yaratildi');
    expect(h.backend.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([400, 201]);
  });

  it('keeps the draft when the backend cannot be reached, and saves on the next try', async () => {
    const me = h.chat();
    await startCreating(me, 'administrator');
    await me.press('Tekla Structure');
    await me.press('Dushanba, Chorshanba, Juma');
    for (const answer of ['08:00', '2027-04-01', '20', '4000000', '80']) await me.send(answer);
    await me.press('🚫 Mentorsiz');
    h.backend.down = true;
    h.backend.resetLog();
    await me.press('✅ Saqlash');
    h.backend.down = false;
    expect(h.backend.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([502]);
    expect(me.screen()).toContain('Saqlanmadi');
    expect(me.screen()).toContain("Narx: 4 000 000 so'm");
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain('✅ Guruh yaratildi');
    expect(h.backend.db.groups.filter((g) => g.starting_date === '2027-04-01')).toHaveLength(1);
  });

  it('is not offered to roles the backend refuses', async () => {
    for (const role of ['buxgalter', 'sotuv_agenti', 'mentor', 'assistent']) {
      const me = h.chat();
      await me.login(role);
      await me.send('📚 Guruhlar');
      expect(me.buttons(), role).not.toContain('➕ Yangi guruh');
    }
  });
});
