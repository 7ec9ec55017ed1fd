import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { GroupView } from '../../machines/groups/model.js';
import { roles } from '../../machines/permissions.js';
import {
  LESSONS_SHOWN,
  detailText,
  groupLabel,
  lessonText,
  lessonsText,
  listText,
  removeText,
} from '../../machines/ui/groups-screens.js';
import { PEOPLE_SHOWN } from '../../machines/ui/kit-screens.js';
import { t } from '../../machines/ui/texts.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { aGroupRow, aGroupView, aLesson, someLessons } from './groups-fixtures.js';

/** What Telegram would refuse: an empty or over-long text, or broken HTML. */
function expectSendable(html: string): string {
  const parsed = parseTelegramHtml(html);
  expect(parsed.text.length).toBeGreaterThan(0);
  expect(parsed.text.length).toBeLessThanOrEqual(4096);
  return parsed.text;
}

describe('a group in one line', () => {
  it('tells apart two groups of the same speciality and days by time and start date', () => {
    const morning = groupLabel(aGroupRow(1, { time: '09:00:00' }));
    const evening = groupLabel(aGroupRow(2, { time: '18:30:00' }));
    const later = groupLabel(aGroupRow(3, { time: '09:00:00', startingDate: '2027-02-01' }));
    expect(new Set([morning, evening, later]).size).toBe(3);
    expect(morning).toBe('Revit Architecture · Du-Chor-Ju · 09:00 · 07.12.2026');
  });

  it('says when a group has no start date and falls back to what the backend calls an unknown speciality', () => {
    expect(groupLabel(aGroupRow(1, { speciality: 'autocad', specialityDisplay: 'AutoCAD', days: 'tue_thu_sat', startingDate: null }))).toBe(
      "AutoCAD · Se-Pay-Sha · 14:00 · sana yo'q",
    );
  });
});

describe('group texts', () => {
  it('the list, for each kind of reader', () => {
    const page = { count: 30, page: 2, pages: 2, groups: [aGroupRow(1)] };
    expect(listText(page, { role: 'administrator' })).toMatchInlineSnapshot(`
      "📚 <b>Guruhlar</b> — jami 30 ta
      Sahifa 2 / 2

      Guruhni tanlang:"
    `);
    const empty = { count: 0, page: 1, pages: 1, groups: [] };
    expect(listText(empty, { role: 'mentor' })).toContain(t.groups.list.emptyMentor);
    expect(listText(empty, { role: 'mentor' })).toContain('Mening guruhlarim');
    expect(listText(empty, { role: 'direktor' })).toContain(t.groups.list.emptyCanCreate);
    expect(listText(empty, { role: 'buxgalter' })).toContain(t.groups.list.empty);
  });

  it('the detail of a running group', () => {
    expect(detailText(aGroupView(7, { stage: 'running', startingDate: '2026-11-02', lessonsHeld: 10, studentsCount: 12, freeSeats: 0 }))).toMatchInlineSnapshot(`
      "📚 <b>Guruh ma'lumotlari</b>

      <b>ID:</b> 7
      <b>Mutaxassislik:</b> Revit Architecture
      <b>Dars kunlari:</b> Dushanba, Chorshanba, Juma
      <b>Dars vaqti:</b> 14:00
      <b>Boshlanish sanasi:</b> 02.11.2026
      <b>Tugash sanasi:</b> 21.05.2027
      <b>Darslar:</b> 10 / 72 (jadval bo'yicha)
      <b>O'rinlar:</b> 12 band, 0 bo'sh (jami 12)
      <b>Narx:</b> 2 400 000 so'm
      <b>Mentor:</b> Mentor Testov

      <b>Holat:</b> ▶️ Davom etmoqda"
    `);
  });

  it('the detail of a group without date, lessons or mentor', () => {
    const text = detailText(aGroupView(5, { startingDate: null, finishDate: null, totalLessons: null, lessonsHeld: null, stage: 'undated', mentorId: null, mentorName: null, price: 0 }));
    expect(text).toContain("<b>Boshlanish sanasi:</b> sana yo'q");
    expect(text).not.toContain('Darslar:');
    expect(text).not.toContain('Tugash sanasi');
    expect(text).toContain('<b>Mentor:</b> biriktirilmagan');
    expect(text).toContain(t.groups.detail.undated);
    expect(detailText(aGroupView(1))).toContain('🗓 Rejada: 07.12.2026 kuni boshlanadi');
  });

  it('the price warning does not claim that existing invoices follow the new price', () => {
    const warning = t.groups.edit.priceWarning;
    expect(warning).toContain('eski summasida qoladi');
    expect(warning).not.toMatch(/qayta hisoblanadi|yangilanadi/);
    expectSendable(warning);
  });

  it('the delete confirmation says the invoices go, paid ones too, and the students are detached', () => {
    expect(removeText(aGroupView(7, { studentsCount: 3 }))).toMatchInlineSnapshot(`
      "⚠️ <b>Guruhni o'chirish</b>

      <b>Revit Architecture · Du-Chor-Ju · 14:00 · 07.12.2026</b> o'chirilsinmi?

      Server guruh bilan birga uning barcha hisob-fakturalarini (<b>to'langanlarini ham</b>) va davomat yozuvlarini o'chiradi. Guruhdagi 3 ta talaba guruhsiz qoladi (talabalarning o'zi o'chmaydi). Buni qaytarib bo'lmaydi."
    `);
    expect(removeText(aGroupView(7, { studentsCount: 0 }))).toContain("Guruhda hozir talaba yo'q.");
  });

  it("a group's lessons, read in full or only back to a date", () => {
    expect(lessonsText(aGroupView(2), someLessons(2, 2))).toMatchInlineSnapshot(`
      "📋 <b>Davomat</b>
      Revit Architecture · Du-Chor-Ju · 14:00 · 07.12.2026

      📅 23.11.2026 — 0 ta qatnashgan
      📅 21.11.2026 — 3 ta qatnashgan

      Kim qatnashganini ko'rish uchun darsni tanlang:

      Davomat ro'yxati to'liq ko'rib chiqildi."
    `);
    const partial = lessonsText(aGroupView(2), someLessons(2, LESSONS_SHOWN + 3, { complete: false, readBack: '2026-09-01' }));
    expect(partial).toContain('… va yana 3 ta dars');
    expect(partial).toContain('01.09.2026 gacha');
    expect(lessonsText(aGroupView(2), someLessons(2, 0))).toContain(t.groups.attendance.none);
    expect(lessonsText(aGroupView(2), someLessons(2, 0, { complete: false, readBack: '2026-09-01' }))).toContain(t.groups.attendance.noneRead);
  });

  it('one lesson with who attended', () => {
    expect(lessonText(aGroupView(2), aLesson(2))).toMatchInlineSnapshot(`
      "📅 <b>23.11.2026</b> darsi
      Revit Architecture · Du-Chor-Ju · 14:00 · 07.12.2026

      <b>Mentor:</b> Mentor Testov
      Qatnashganlar: 2 ta

      1. Aliyev Vali · +998901234501
      2. Karimova Dilnoza"
    `);
    expect(lessonText(aGroupView(2), aLesson(2, { attendees: [], mentorName: null }))).toContain(t.groups.attendance.nobody);
  });
});

const text = fc.string({ maxLength: 3000, unit: 'grapheme' });
const nullableText = fc.option(text, { nil: null });
const count = fc.integer({ min: 0, max: 2_000_000_000 });
const arbitraryGroup: fc.Arbitrary<GroupView> = fc.record({
  id: fc.integer({ min: 1, max: 999_999_999 }),
  speciality: text,
  specialityDisplay: nullableText,
  days: text,
  daysDisplay: nullableText,
  time: nullableText,
  startingDate: nullableText,
  finishDate: nullableText,
  totalLessons: fc.option(count, { nil: null }),
  lessonsHeld: fc.option(count, { nil: null }),
  stage: fc.constantFrom('planned', 'running', 'finished', 'undated'),
  seats: count,
  studentsCount: count,
  freeSeats: count,
  price: fc.double({ min: 0, max: 1e12, noNaN: true }),
  mentorId: fc.option(count, { nil: null }),
  mentorName: nullableText,
});

describe('group texts stay within Telegram limits whatever the backend holds', () => {
  test.prop([arbitraryGroup, fc.constantFrom(...roles)], { numRuns: 150 })('the detail, the delete confirmation and the list', (group, role) => {
    expectSendable(detailText(group, 'x'.repeat(300)));
    expectSendable(removeText(group));
    expectSendable(listText({ count: group.seats, page: 1, pages: 1, groups: [] }, { role }));
  });

  test.prop([arbitraryGroup, fc.array(fc.record({ id: fc.integer({ min: 1 }), fullName: text, phone: nullableText }), { maxLength: PEOPLE_SHOWN + 20 })], {
    numRuns: 50,
  })('a lesson with many attendees', (group, attendees) => {
    expectSendable(lessonText(group, aLesson(group.id, { attendees, mentorName: 'x'.repeat(3000) })));
  });

  test.prop([arbitraryGroup, fc.integer({ min: 0, max: 100 }), fc.boolean()], { numRuns: 50 })('the lessons of a group', (group, n, complete) => {
    expectSendable(lessonsText(group, someLessons(group.id, n, { complete })));
  });
});
