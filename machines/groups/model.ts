/**
 * The groups section's data as the machines and screens see it: plain, camel-cased, and only what
 * a person is shown or a flow needs. The adapter maps the backend's answers onto these.
 */

/** The backend's choices for `speciality_id` (user.models.Speciality). */
export const specialities = ['revit_architecture', 'revit_structure', 'tekla_structure'] as const;
export type Speciality = (typeof specialities)[number];

/** The backend's choices for `dates` (education.models.Dates). */
export const lessonDays = ['mon_wed_fri', 'tue_thu_sat'] as const;
export type LessonDays = (typeof lessonDays)[number];

export function isSpeciality(value: string | undefined): value is Speciality {
  return (specialities as readonly string[]).includes(value ?? '');
}

export function isLessonDays(value: string | undefined): value is LessonDays {
  return (lessonDays as readonly string[]).includes(value ?? '');
}

/** One line of the list: enough to tell two groups of the same speciality and days apart. */
export interface GroupRow {
  id: number;
  speciality: string;
  specialityDisplay: string | null;
  days: string;
  /** HH:MM:SS */
  time: string | null;
  /** YYYY-MM-DD */
  startingDate: string | null;
  freeSeats: number;
}

/** One page as the backend paginates it (20 a page); `page` is the page actually shown. */
export interface GroupPage {
  count: number;
  page: number;
  pages: number;
  groups: GroupRow[];
}

/** Where a group is in its course on the day it was read. */
export type GroupStage = 'planned' | 'running' | 'finished' | 'undated';

export interface GroupView {
  id: number;
  speciality: string;
  specialityDisplay: string | null;
  days: string;
  daysDisplay: string | null;
  /** HH:MM:SS */
  time: string | null;
  startingDate: string | null;
  /** computed by the backend from the start, the lesson days and the number of lessons */
  finishDate: string | null;
  totalLessons: number | null;
  /**
   * Lessons held so far by the schedule (the start date is lesson 1, then the lesson days), as of
   * the day the group was read; null without a start date or a number of lessons. The backend's
   * own `current_lesson_number` never reaches the client at this commit (the serializer names a
   * method without calling it, so the field is dropped).
   */
  lessonsHeld: number | null;
  stage: GroupStage;
  seats: number;
  studentsCount: number;
  freeSeats: number;
  /** whole so'm (the backend keeps two decimals) */
  price: number;
  mentorId: number | null;
  mentorName: string | null;
}

/** The answers of the create wizard, normalised. */
export interface GroupDraft {
  speciality: Speciality;
  days: LessonDays;
  /** HH:MM */
  time: string;
  /** YYYY-MM-DD */
  startingDate: string;
  seats: number;
  /** whole so'm, sent to the backend as digits */
  price: number;
  /** null: not known yet (the backend takes it later; payment milestones wait for it) */
  totalLessons: number | null;
  /** null: no mentor for now */
  mentor: MentorOption | null;
}

/** The fields the backend lets an employee change; `mentor: null` removes the mentor. */
export interface GroupPatch {
  speciality?: Speciality;
  days?: LessonDays;
  time?: string;
  startingDate?: string;
  seats?: number;
  price?: number;
  totalLessons?: number;
  /** the mentor's employee id */
  mentor?: number | null;
}

/** An employee whose role is mentor, as the picker offers them. */
export interface MentorOption {
  id: number;
  fullName: string;
}

/** One lesson of a group as the attendance list records it. */
export interface LessonRow {
  id: number;
  /** YYYY-MM-DD */
  date: string;
  attended: number;
}

/**
 * A group's recent lessons. The backend's attendance list ignores every filter, so it is read
 * newest first and only so far: `complete` says whether the whole list was read, `readBack` the
 * date of the oldest lesson (of any group) that was read.
 */
export interface GroupLessons {
  /** the group as it is now (read with its lessons) */
  group: GroupView;
  lessons: LessonRow[];
  complete: boolean;
  readBack: string | null;
}

export interface Attendee {
  id: number;
  fullName: string;
  phone: string | null;
}

/** One lesson with who attended it. */
export interface LessonView {
  id: number;
  groupId: number;
  groupName: string | null;
  date: string;
  mentorName: string | null;
  attendees: Attendee[];
}
