import type { BookingCancelResult, BookingResult, GroupChangeResult, GroupOption, StudentDraft, StudentPage, StudentView } from '../../machines/students/model.js';

/** A student as the machines see it; every field follows from the id unless given. */
export function aStudent(id: number, overrides: Partial<StudentView> = {}): StudentView {
  return {
    id,
    fullName: `Talaba ${id}`,
    email: `talaba${id}@bimuz.uz`,
    phone: `+9989012${String(id).padStart(5, '0')}`,
    passport: `AA${String(id).padStart(7, '0')}`,
    birthDate: '2001-05-17',
    source: 'telegram',
    sourceDisplay: 'Telegram',
    address: null,
    inn: null,
    pinfl: null,
    groupId: null,
    groupName: null,
    contractSigned: false,
    contractUrl: null,
    certificateUrl: null,
    isActive: true,
    createdAt: '2026-11-01T10:00:00+05:00',
    ...overrides,
  };
}

export function aGroup(id: number, overrides: Partial<GroupOption> = {}): GroupOption {
  return { id, speciality: 'Revit Architecture', days: 'mon_wed_fri', daysDisplay: null, time: '14:00:00', startingDate: '2026-12-07', freeSeats: 5, ...overrides };
}

/** The create wizard's answers for "Aliyev Vali", normalised as the bot stores them. */
export const aDraft: StudentDraft = {
  fullName: 'Aliyev Vali',
  email: 'vali@gmail.com',
  phone: '+998901234567',
  passport: 'AB1234567',
  birthDate: '2005-01-15',
  source: 'instagram',
  address: null,
};

/** A page of three (three students, the third inactive); past the last page, the last one, as the backend answers. */
export function aStudentPage(page: number, overrides: Partial<StudentPage> = {}): StudentPage {
  const students = [1, 2, 3].map((id) => ({ id, fullName: `Talaba <${id}>`, phone: id === 2 ? null : '+998901234567', isActive: id !== 3 }));
  return { count: 45, page: Math.min(Math.max(1, page), 3), pages: 3, students, ...overrides };
}

/** A booking into the group: the first installment invoiced, the contract ready. */
export function aBooking(groupId: number, overrides: Partial<BookingResult> = {}): BookingResult {
  return {
    studentName: 'Aliyev <Vali>',
    group: aGroup(groupId),
    totalPrice: 2_400_000,
    firstInstallment: 1_200_000,
    firstInvoice: { id: 41, amount: 1_200_000 },
    contractUrl: 'https://bimuz.invalid/contract/41.pdf',
    ...overrides,
  };
}

/** A move to a cheaper group after one installment: one invoice cancelled, a refund due. */
export function aGroupChange(overrides: Partial<GroupChangeResult> = {}): GroupChangeResult {
  return {
    studentName: 'Aliyev <Vali>',
    oldGroupName: 'Revit Architecture',
    newGroupName: 'Tekla & Structure',
    oldPrice: 2_400_000,
    newPrice: 1_000_000,
    priceDifference: -1_400_000,
    totalPaidOldGroup: 1_200_000,
    cancelledInvoices: 1,
    newInvoice: null,
    refundAmount: 200_000,
    contractUrl: null,
    ...overrides,
  };
}

export function aBookingCancel(overrides: Partial<BookingCancelResult> = {}): BookingCancelResult {
  return { studentName: 'Aliyev <Vali>', groupName: 'Revit Architecture', cancelledInvoices: 2, ...overrides };
}
