import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, type Person } from '../harness/driver.js';

async function answer(me: Person, ...texts: string[]): Promise<void> {
  for (const text of texts) await me.send(text);
}

describe('creating a student', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('asks each field, normalises phone and passport, shows a summary and a password given once', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('👥 Talabalar');
    await me.press('➕ Yangi talaba');
    expect(me.screen()).toContain('1/7');
    await answer(me, 'Qodirov  Anvar', 'anvar.qodirov@gmail.com', '+998 90 123-45-67', 'ac 7654321', '15.01.2005');
    await me.press('📷 Instagram');
    expect(me.screen()).toContain('ixtiyoriy');
    await me.press("⏭ O'tkazib yuborish");
    expect(me.screen()).toContain('Qodirov Anvar');
    expect(me.screen()).toContain('+998901234567');
    expect(me.screen()).toContain('AC7654321');
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain("Qodirov Anvar talabalar ro'yxatiga qo'shildi");

    const saved = h.backend.db.students.find((s) => s.email === 'anvar.qodirov@gmail.com')!;
    expect(saved).toMatchObject({ phone: '+998901234567', passport_serial_number: 'AC7654321', birth_date: '2005-01-15', source: 'instagram', address: null });
    expect(saved.password).not.toBe('TempPass123!');
    expect(saved.password.length).toBeGreaterThanOrEqual(12);
    expect(me.screen()).toContain(saved.password);

    await me.press('👤 Talabani ochish');
    expect(me.screen()).toContain('AC7654321');
    expect(me.screen()).not.toContain(saved.password);
  });

  it('gives every student a different password', async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await me.send('👥 Talabalar');
    let start = '➕ Yangi talaba';
    for (const [name, email, phone, passport] of [
      ['Sobirov Ali', 'ali.sobirov@gmail.com', '998911112233', 'AD1111111'],
      ['Sobirova Lola', 'lola.sobirova@gmail.com', '91 111 22 44', 'AD2222222'],
    ] as const) {
      await me.press(start);
      await answer(me, name, email, phone, passport, '2003-03-03');
      await me.press('✈️ Telegram');
      await me.send('Samarqand');
      await me.press('✅ Saqlash');
      start = "➕ Yana qo'shish";
    }
    const [first, second] = ['ali.sobirov@gmail.com', 'lola.sobirova@gmail.com'].map((email) => h.backend.db.students.find((s) => s.email === email)!);
    expect(first!.phone).toBe('+998911112233');
    expect(second!.phone).toBe('+998911112244');
    expect(first!.password).not.toBe(second!.password);
  });

  it('refuses each bad answer with its reason and keeps asking the same field', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('👥 Talabalar');
    await me.press('➕ Yangi talaba');
    await me.send('Vali');
    expect(me.screen()).toContain("kamida ikki so'z");
    await me.send('Vali 2000');
    expect(me.screen()).toContain('faqat harflar');
    await me.sendSticker();
    expect(me.screen()).toContain('matn yuboring');
    await me.send('Valiyev Vali');
    await me.send('vali at gmail');
    expect(me.screen()).toContain("email manzilga o'xshamaydi");
    await me.send('vali.valiyev@gmail.com');
    await me.send('+7 912 345 67 89');
    expect(me.screen()).toContain("Faqat O'zbekiston raqamlari");
    await me.send('71 123 45 67');
    expect(me.screen()).toContain("«71» O'zbekiston mobil operatori kodi emas");
    await me.send('90 123 45');
    expect(me.screen()).toContain('9 ta raqam');
    await me.send('93 765 43 21');
    await me.send('АВ1234567');
    expect(me.screen()).toContain('lotin harflarida');
    await me.send('AB12345');
    expect(me.screen()).toContain('2 ta lotin harfi va 7 ta raqam');
    await me.send('AE1234567');
    await me.send('2005/01/15');
    expect(me.screen()).toContain('15.01.2005');
    await me.send('30.02.2005');
    expect(me.screen()).toContain("Bunday sana yo'q");
    await me.send('01.01.2099');
    expect(me.screen()).toContain('kelajakda');
    await me.send('01.01.1900');
    expect(me.screen()).toContain('100 dan oshmasligi');
    await me.send('2005-01-15');
    expect(me.screen()).toContain('Manbani tanlang');
    await me.send('Instagram');
    expect(me.screen()).toContain('tugmalardan birini tanlang');
  });

  it('keeps the draft when the backend refuses a duplicate phone and asks only the phone again', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('👥 Talabalar');
    await me.press('➕ Yangi talaba');
    await answer(me, 'Nazarova Gulnora', 'gulnora@gmail.com', '+998901234501', 'AF1234567', '10.10.2000');
    await me.press('👥 Facebook');
    await me.send("Buxoro sh., Navoiy ko'chasi 7");
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain('Telefon');
    expect(me.screen()).toContain("Bu telefon raqami allaqachon ro'yxatdan o'tgan.");
    await me.send('+998 94 000 11 22');
    expect(me.screen()).toContain('Nazarova Gulnora');
    expect(me.screen()).toContain("Buxoro sh., Navoiy ko'chasi 7");
    expect(me.screen()).toContain('+998940001122');
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain("ro'yxatiga qo'shildi");
    const posts = h.backend.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/auth/students/'));
    expect(posts.map((r) => r.status).slice(-2)).toEqual([400, 201]);
  });

  it('lets a field be changed from the summary, and cancel returns to the list', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('👥 Talabalar');
    await me.press('➕ Yangi talaba');
    await answer(me, 'Ergashev Timur', 'timur@gmail.com', '97 111 00 99', 'AG1234567', '2002-02-02');
    await me.press('✈️ Telegram');
    await me.press("⏭ O'tkazib yuborish");
    await me.press("✏️ Tug'ilgan sana");
    await me.send('03.03.2003');
    expect(me.screen()).toContain('03.03.2003');
    await me.press('❌ Bekor qilish');
    expect(me.screen()).toContain('Talabalar');
    expect(h.backend.db.students.some((s) => s.email === 'timur@gmail.com')).toBe(false);
  });

  it('is not offered to direktor, whom the backend refuses', async () => {
    const me = h.chat();
    await me.login('direktor');
    await me.send('👥 Talabalar');
    expect(me.buttons()).not.toContain('➕ Yangi talaba');
  });
});
