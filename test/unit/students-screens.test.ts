import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { press } from '../../machines/students/buttons.js';
import type { StudentView } from '../../machines/students/model.js';
import { encodeButton } from '../../machines/ui/callback.js';
import type { Screen } from '../../machines/ui/screen.js';
import { draftFields, editFields, groupLabel, studentScreens } from '../../machines/ui/students-screens.js';
import { roles } from '../../machines/permissions.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { aDraft, aGroup, aStudent } from './students-fixtures.js';

/** What Telegram would refuse: text over 4096 characters, broken HTML, callback data over 64 bytes. */
function expectSendable(screen: Screen): void {
  const parsed = parseTelegramHtml(screen.text);
  expect(parsed.text.length).toBeGreaterThan(0);
  expect(parsed.text.length).toBeLessThanOrEqual(4096);
  for (const button of screen.buttons?.flat() ?? []) {
    expect(button.label.trim()).not.toBe('');
    if ('data' in button) expect(() => encodeButton(button.data)).not.toThrow();
  }
}

const hostile = '<b>&amp;"\'</b> <a href="x">';

const student = (overrides: Partial<StudentView> = {}): StudentView =>
  aStudent(123456, {
    ...aDraft,
    address: 'Toshkent, Chilonzor 5',
    inn: '123456789',
    pinfl: '31705012000001',
    groupId: 7,
    groupName: 'Revit Architecture - Dushanba - Chorshanba - Juma',
    contractUrl: 'https://api.bimuz.uz/media/contracts/contract_1_7.pdf',
    ...overrides,
  });

const group = aGroup(7, { daysDisplay: 'Dushanba - Chorshanba - Juma', freeSeats: 10 });
const text = fc.string({ maxLength: 5000, unit: 'grapheme' });
const nullableText = fc.option(text, { nil: null });
const arbitraryStudent: fc.Arbitrary<StudentView> = fc.record({
  id: fc.integer({ min: 1, max: 999_999_999 }),
  fullName: text,
  email: nullableText,
  phone: nullableText,
  passport: nullableText,
  birthDate: nullableText,
  source: nullableText,
  sourceDisplay: nullableText,
  address: nullableText,
  inn: nullableText,
  pinfl: nullableText,
  groupId: fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: null }),
  groupName: nullableText,
  contractSigned: fc.boolean(),
  contractUrl: fc.option(fc.oneof(fc.webUrl(), text), { nil: null }),
  certificateUrl: fc.option(fc.oneof(fc.webUrl(), text), { nil: null }),
  isActive: fc.boolean(),
  createdAt: nullableText,
});

describe('student screens stay within Telegram limits whatever the backend holds', () => {
  test.prop([arbitraryStudent, fc.constantFrom(...roles)], { numRuns: 200 })('the detail', (data, role) => {
    expectSendable(studentScreens.detail(data, { role, page: 9999, search: 'x'.repeat(36) }));
    expectSendable(studentScreens.confirmRemove(data));
    expectSendable(studentScreens.editFields(data, 'x'.repeat(5000)));
    for (const field of editFields) expectSendable(studentScreens.editValue(field, data, { refusal: 'y'.repeat(5000) }));
  });

  test.prop([fc.array(fc.record({ id: fc.integer({ min: 1, max: 999_999_999 }), fullName: text, phone: nullableText, isActive: fc.boolean() }), { maxLength: 20 })])(
    'a list page of 20',
    (students) => {
      expectSendable(studentScreens.list({ count: 99_999, page: 2, pages: 5000, students }, { role: 'dasturchi', search: '<&>'.repeat(12), notice: null }));
    },
  );

  test.prop([text, text, text])('the summary of a draft and the created screen', (fullName, email, address) => {
    const draft = { fullName, email, phone: '+998901234567', passport: 'AB1234567', birthDate: '2005-01-15', source: 'telegram' as const, address };
    expectSendable(studentScreens.summary(draft, { failure: 'x'.repeat(5000), cancel: press.list(1, null) }));
    expectSendable(studentScreens.created({ student: student({ fullName, email }), password: 'Ab3#xyzKLMnp23' }, 'administrator'));
  });

  test.prop([fc.array(fc.record({ id: fc.integer({ min: 1, max: 999_999 }), speciality: text, days: text, daysDisplay: nullableText, time: nullableText, startingDate: nullableText, freeSeats: fc.nat() }), { maxLength: 8 })])(
    'the group picker and confirmation',
    (groups) => {
      const screen = studentScreens.groupPicker({ student: student(), groups, page: 3, pages: 4, count: 30, failure: 'z'.repeat(5000) });
      expectSendable(screen);
      for (const g of groups) expectSendable(studentScreens.confirmGroup(student({ groupId: null }), g, 3));
    },
  );
});

describe('user data is escaped', () => {
  it('in the detail, the list and the confirmations', () => {
    const data = student({ fullName: hostile, address: hostile, groupName: hostile });
    for (const screen of [
      studentScreens.detail(data, { role: 'administrator', page: 1, search: hostile }),
      studentScreens.list({ count: 1, page: 1, pages: 1, students: [] }, { role: 'administrator', search: hostile }),
      studentScreens.confirmRemove(data),
      studentScreens.confirmCancelBooking(data),
      studentScreens.editFields(data),
    ]) {
      expect(screen.text).not.toContain('<b>&amp;');
      expect(parseTelegramHtml(screen.text).text).toContain(hostile);
    }
  });

  it('shows only web links as links', () => {
    const bad = studentScreens.detail(student({ contractUrl: 'javascript:alert(1)', certificateUrl: 'https://x.uz/a"b.pdf' }), { role: 'mentor', page: 1, search: null });
    expect(bad.text).not.toContain('javascript');
    expect(bad.text).toContain('href="https://x.uz/a&quot;b.pdf"');
  });
});

describe('screens', () => {
  it('the detail of a student in a group, as administrator', () => {
    expect(studentScreens.detail(student(), { role: 'administrator', page: 2, search: 'Ali' })).toMatchSnapshot();
  });

  it('the detail back button returns to the page and search', () => {
    const screen = studentScreens.detail(student(), { role: 'buxgalter', page: 3, search: 'Ali' });
    expect(screen.buttons?.flat().find((b) => b.label === '🔙 Orqaga')).toEqual({ label: '🔙 Orqaga', data: press.list(3, 'Ali') });
  });

  it('a list page', () => {
    expect(
      studentScreens.list(
        { count: 45, page: 2, pages: 3, students: [{ id: 21, fullName: 'Bulk Talaba 21', phone: '+998991234521', isActive: false }] },
        { role: 'administrator', search: null, notice: "✅ Bulk Talaba 22 o'chirildi." },
      ),
    ).toMatchSnapshot();
  });

  it('an empty search, with a way to clear it', () => {
    const screen = studentScreens.list({ count: 0, page: 1, pages: 1, students: [] }, { role: 'mentor', search: 'zzzz' });
    expect(screen.text).toContain("«zzzz» bo'yicha hech kim topilmadi");
    expect(screen.buttons?.flat().map((b) => b.label)).toEqual(['✖️ Qidiruvni tozalash', '🏠 Asosiy menyu']);
  });

  it('each question of the wizard, the summary and the created screen', () => {
    for (const field of draftFields) {
      expect(studentScreens.ask(field, { step: draftFields.indexOf(field) + 1, reviewing: false, cancel: press.list(1, null) })).toMatchSnapshot(field);
    }
    expect(studentScreens.ask('phone', { step: null, refusal: "Bu telefon raqami allaqachon ro'yxatdan o'tgan.", reviewing: true, cancel: press.list(1, null) })).toMatchSnapshot('refused phone');
    expect(studentScreens.summary(aDraft, { cancel: press.list(1, null) })).toMatchSnapshot('summary');
    expect(studentScreens.created({ student: student(), password: 'Ab3#xyzKLMnp23' }, 'administrator')).toMatchSnapshot('created');
  });

  it('the group label, the booking result with and without an invoice, and a change of group', () => {
    expect(groupLabel(group)).toBe("Revit Architecture · Du-Chor-Ju · 14:00 · 07.12.2026 · 10 o'rin");
    const booked = { studentName: 'Aliyev Vali', group, totalPrice: 2_400_000, firstInstallment: 1_200_000, contractUrl: null };
    expect(studentScreens.booked({ ...booked, firstInvoice: null }, 1)).toMatchSnapshot('booked without invoice');
    expect(studentScreens.booked({ ...booked, firstInvoice: { id: 31, amount: 1_200_000 }, contractUrl: 'https://api.bimuz.uz/media/c.pdf' }, 1)).toMatchSnapshot('booked');
    const change = {
      studentName: 'Aliyev Vali',
      oldGroupName: 'Revit Structure - Seshanba - Payshanba - Shanba',
      newGroupName: 'Revit Architecture - Dushanba - Chorshanba - Juma',
      oldPrice: 2_000_000,
      newPrice: 2_400_000,
      priceDifference: 400_000,
      totalPaidOldGroup: 0,
      cancelledInvoices: 1,
      newInvoice: { id: 40, amount: 1_200_000 },
      refundAmount: null,
      contractUrl: null,
    };
    expect(studentScreens.groupChanged(change, 1)).toMatchSnapshot('changed with a new invoice');
    expect(studentScreens.groupChanged(change, 1).text).toContain("Narx farqi: +400 000 so'm");
  });
});
