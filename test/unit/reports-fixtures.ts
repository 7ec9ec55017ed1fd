import type { BalanceView, MentorEarning, MonthlyReportView } from '../../machines/reports/model.js';

/** A mentor's earnings of the month, with as many groups as given. */
export const aMentor = (name: string | null, groups = 1, overrides: Partial<MentorEarning> = {}): MentorEarning => ({
  name,
  revenue: 3_200_000,
  mentorPayment: 1_760_000,
  directorShare: 1_440_000,
  studentsCount: 2,
  groups: Array.from({ length: groups }, (_, i) => ({
    id: i + 1,
    speciality: 'Revit Structure',
    time: '19:00:00',
    startingDate: '2026-11-27',
    revenue: 3_200_000,
    mentorPayment: 1_760_000,
    studentsCount: 2,
  })),
  ...overrides,
});

/** November 2026 with one mentor and no salaries, unless given. */
export const aReport = (overrides: Partial<MonthlyReportView> = {}): MonthlyReportView => ({
  month: '2026-11',
  revenue: 3_200_000,
  mentorPayments: 1_760_000,
  directorShare: 1_440_000,
  salaries: 0,
  directorRemaining: 1_440_000,
  mentors: [aMentor('Mentor Testov')],
  salaried: [],
  ...overrides,
});

export const aBalance = (overrides: Partial<BalanceView> = {}): BalanceView => ({
  income: 12_400_000,
  expenses: 3_000_000,
  paidToMentors: 2_200_000,
  paidSalaries: 800_000,
  balance: 9_400_000,
  ...overrides,
});
