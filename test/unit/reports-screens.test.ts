import { describe, expect, it } from 'vitest';
import { GROUPS_LISTED, MENTORS_LISTED, SALARIES_LISTED, monthName, reportScreens } from '../../machines/ui/reports-screens.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { aMentor, aReport } from './reports-fixtures.js';

const plain = (html: string) => {
  const parsed = parseTelegramHtml(html);
  expect(parsed.text.length).toBeLessThanOrEqual(4096);
  return parsed.text;
};
const labels = (screen: { buttons?: { label: string }[][] }) => (screen.buttons ?? []).map((row) => row.map((b) => b.label));

describe('reports screens', () => {
  it('lays a month out: the totals labelled as those of groups with a mentor, each mentor with their groups, the note on the rest', () => {
    const screen = reportScreens.monthly(aReport(), '2026-12');
    expect(plain(screen.text)).toBe(
      [
        '📄 Oylik hisobot: Noyabr 2026',
        '',
        "Mentori bor guruhlar bo'yicha:",
        "💵 Tushum: 3 200 000 so'm",
        "👨‍🏫 Mentorlar ulushi: 1 760 000 so'm",
        "🏢 Direktor ulushi: 1 440 000 so'm",
        "👥 Xodimlar maoshi: 0 so'm",
        "💼 Direktorga qoladi: 1 440 000 so'm",
        '',
        '👨‍🏫 Mentorlar (1):',
        "1. Mentor Testov: tushum 3 200 000 so'm, mentorga 1 760 000 so'm; 1 guruh, 2 talaba",
        "   • Revit Structure, 19:00, 27.11.2026 dan: 3 200 000 so'm (2 talaba)",
        '',
        "ℹ️ Mentori yo'q guruhlarning to'lovlari server hisobotiga kirmaydi, shuning uchun yuqoridagi summalar faqat mentori bor guruhlarniki. Barcha to'lovlar «💰 Umumiy balans»da.",
      ].join('\n'),
    );
    expect(labels(screen)).toEqual([['⬅️ Oktabr 2026', 'Dekabr 2026 ➡️'], ['💰 Umumiy balans'], ['🔙 Hisobotlar'], ['🏠 Asosiy menyu']]);
  });

  it('offers no month after this one, and no figure the month does not have', () => {
    const screen = reportScreens.monthly(aReport({ month: '2026-12', mentors: [], revenue: 0, mentorPayments: 0, directorShare: 0, directorRemaining: 0 }), '2026-12');
    const text = plain(screen.text);
    expect(text).toContain("Bu oyda mentori bor guruhlarda to'langan hisob-faktura yo'q.");
    expect(text).not.toContain('Tushum');
    expect(text).not.toContain('Direktorga qoladi');
    expect(labels(screen)[0]).toEqual(['⬅️ Noyabr 2026']);
  });

  it('says when a mentor could not be named, escapes names, and lists salaries set for the month', () => {
    const screen = reportScreens.monthly(
      aReport({
        mentors: [aMentor(null), aMentor('<b>Ali</b> & Vali')],
        salaried: [{ name: 'Buxgalter Testov', roleDisplay: 'Buxgalter', amount: 3_000_000, paid: true }, { name: 'Sotuvchi', roleDisplay: null, amount: 1_000_000, paid: false }],
      }),
      '2026-12',
    );
    const text = plain(screen.text);
    expect(text).toContain("1. mentor (ismini o'qib bo'lmadi): tushum");
    expect(text).toContain('2. <b>Ali</b> & Vali: tushum');
    expect(text).toContain("• Buxgalter Testov (Buxgalter): 3 000 000 so'm, ✅ to'langan");
    expect(text).toContain("• Sotuvchi: 1 000 000 so'm, ⏳ to'lanmagan");
  });

  it('stays within a message however many mentors and groups the month had', () => {
    const long = 'Ж'.repeat(300);
    const mentors = Array.from({ length: MENTORS_LISTED + 7 }, () => aMentor(long, GROUPS_LISTED + 3, { groups: aMentor(long, GROUPS_LISTED + 3).groups.map((g) => ({ ...g, speciality: long })) }));
    const salaried = Array.from({ length: SALARIES_LISTED + 2 }, () => ({ name: long, roleDisplay: long, amount: 99_999_999.99, paid: false }));
    const text = plain(reportScreens.monthly(aReport({ mentors, salaried }), '2026-12').text);
    expect(text).toContain('… va yana 7 mentor');
    expect(text).toContain('… va yana 3 guruh');
    expect(text).toContain('… va yana 2 xodim');
  });

  it('shows the balance with its parts, and the way to a month', () => {
    const screen = reportScreens.balance({ income: 5_100_000, expenses: 1_000_000.5, paidToMentors: 1_000_000.5, paidSalaries: 0, balance: 4_099_999.5 }, '2026-12');
    expect(plain(screen.text)).toBe(
      [
        '💰 Umumiy balans (butun davr uchun)',
        '',
        "💵 Jami tushum (to'langan hisob-fakturalar): 5 100 000 so'm",
        "💸 Jami xarajat: 1 000 000,50 so'm",
        "   • mentorlarga to'langan: 1 000 000,50 so'm",
        "   • xodimlarga to'langan maosh: 0 so'm",
        "🏦 Balans: 4 099 999,50 so'm",
      ].join('\n'),
    );
    expect(labels(screen)).toEqual([['📅 Dekabr 2026 (shu oy)'], ['🔙 Hisobotlar'], ['🏠 Asosiy menyu']]);
  });

  it('offers this month and the last one, or only typing a month when today is unknown', () => {
    expect(labels(reportScreens.home('2027-01'))).toEqual([['📅 Yanvar 2027 (shu oy)', '📅 Dekabr 2026'], ['💰 Umumiy balans'], ['🏠 Asosiy menyu']]);
    const unknown = reportScreens.home(null);
    expect(labels(unknown)).toEqual([['💰 Umumiy balans'], ['🏠 Asosiy menyu']]);
    expect(plain(unknown.text)).toContain('2026-11');
    expect(monthName('2026-05')).toBe('May 2026');
  });
});
