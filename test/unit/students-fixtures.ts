import type { GroupOption, StudentDraft, StudentView } from '../../machines/students/model.js';

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
