import type { GroupLessons, GroupRow, GroupView, LessonView } from '../../machines/groups/model.js';

/** A group as the detail shows it; every field has a plain value unless given. */
export function aGroupView(id: number, overrides: Partial<GroupView> = {}): GroupView {
  return {
    id,
    speciality: 'revit_architecture',
    specialityDisplay: 'Revit Architecture',
    days: 'mon_wed_fri',
    daysDisplay: 'Dushanba - Chorshanba - Juma',
    time: '14:00:00',
    startingDate: '2026-12-07',
    finishDate: '2027-05-21',
    totalLessons: 72,
    lessonsHeld: 0,
    stage: 'planned',
    seats: 12,
    studentsCount: 3,
    freeSeats: 9,
    price: 2_400_000,
    mentorId: 6,
    mentorName: 'Mentor Testov',
    ...overrides,
  };
}

export function aGroupRow(id: number, overrides: Partial<GroupRow> = {}): GroupRow {
  return {
    id,
    speciality: 'revit_architecture',
    specialityDisplay: 'Revit Architecture',
    days: 'mon_wed_fri',
    time: '14:00:00',
    startingDate: '2026-12-07',
    freeSeats: 9,
    ...overrides,
  };
}

export function someLessons(groupId: number, count: number, overrides: Partial<GroupLessons> = {}): GroupLessons {
  const lessons = Array.from({ length: count }, (_, i) => ({
    id: 100 + i,
    date: new Date(Date.parse('2026-11-23T00:00:00Z') - i * 2 * 86_400_000).toISOString().slice(0, 10),
    attended: (i * 3) % 7,
  }));
  return { group: aGroupView(groupId), lessons, complete: true, readBack: lessons.at(-1)?.date ?? null, ...overrides };
}

export function aLesson(groupId: number, overrides: Partial<LessonView> = {}): LessonView {
  return {
    id: 100,
    groupId,
    groupName: 'Revit Structure - Seshanba - Payshanba - Shanba',
    date: '2026-11-23',
    mentorName: 'Mentor Testov',
    attendees: [
      { id: 1, fullName: 'Aliyev Vali', phone: '+998901234501' },
      { id: 2, fullName: 'Karimova Dilnoza', phone: null },
    ],
    ...overrides,
  };
}
