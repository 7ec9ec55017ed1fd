import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, type Person } from '../harness/driver.js';
import { openStudent } from './students-helpers.js';

async function detailOf(me: Person, search: string): Promise<string[]> {
  await openStudent(me, search);
  return me.buttons();
}

const navigation = ["💳 Talabaning to'lovlari", '🔙 Orqaga', '🏠 Asosiy menyu'];

describe("every role's view of a student", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
    const signed = h.backend.db.students.find((s) => s.id === 2)!;
    signed.contract = 'contracts/contract_2_2_20261124_101500.pdf';
    signed.contract_signed = true;
    signed.certificate = 'certificates/certificate_2.pdf';
  });
  afterAll(() => h.stop());

  // [role, actions on a student in a group, actions on a student without one]
  const cases: [string, string[], string[]][] = [
    ['dasturchi', ['✏️ Tahrirlash', "🗑 O'chirish", '🔄 Guruhni almashtirish', '🚫 Yozilishni bekor qilish'], ['✏️ Tahrirlash', "🗑 O'chirish", '📚 Guruhga yozish']],
    ['administrator', ['✏️ Tahrirlash', "🗑 O'chirish", '🔄 Guruhni almashtirish', '🚫 Yozilishni bekor qilish'], ['✏️ Tahrirlash', "🗑 O'chirish", '📚 Guruhga yozish']],
    ['direktor', ['🔄 Guruhni almashtirish'], ['📚 Guruhga yozish']],
    ['mentor', ['🔄 Guruhni almashtirish', '🚫 Yozilishni bekor qilish'], []],
    ['buxgalter', [], []],
    ['sotuv_agenti', [], []],
    ['assistent', [], []],
  ];

  it.each(cases)('%s sees every field and only the actions the backend accepts', async (role, inGroup, withoutGroup) => {
    const me = h.chat();
    await me.login(role);
    expect(await detailOf(me, 'Karimova')).toEqual([...inGroup, ...navigation]);
    const detail = me.screen();
    for (const field of ['ID: 2', 'Email: student2@bimuz.local', 'Telefon: +998901234502', 'Passport: AA1234502', "Tug'ilgan sana:", 'Manba: 📷 Instagram', 'Manzil:', 'INN: 12345678', 'JShShIR (PINFL): 31705012000002', 'Guruh: Revit Structure - Seshanba - Payshanba - Shanba', 'Shartnoma: ✅ imzolangan', 'Holat: ✅ Faol']) {
      expect(detail).toContain(field);
    }
    expect(me.lastMessage()?.text).toContain('/media/contracts/contract_2_2_20261124_101500.pdf">ochish</a>');
    expect(me.lastMessage()?.text).toContain('/media/certificates/certificate_2.pdf">ochish</a>');
    expect(await detailOf(me, 'Yusupova')).toEqual([...withoutGroup, ...navigation]);
    expect(me.screen()).toContain('Guruh: yozilmagan');
    expect(me.screen()).toContain('Shartnoma: ❌ imzolanmagan');
  });

  it('the list offers "create" only to dasturchi and administrator', async () => {
    for (const [role, offered] of [['dasturchi', true], ['administrator', true], ['direktor', false], ['mentor', false], ['sotuv_agenti', false]] as const) {
      const me = h.chat();
      await me.login(role);
      await me.send('👥 Talabalar');
      expect(me.buttons().includes('➕ Yangi talaba')).toBe(offered);
    }
  });
});
