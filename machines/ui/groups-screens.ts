import { press } from '../groups/buttons.js';
import { press as paymentsPress } from '../payments/buttons.js';
import type { GroupLessons, GroupPage, GroupRow, GroupView, LessonView, MentorOption } from '../groups/model.js';
import type { Question } from '../kit/wizard.js';
import { can } from '../permissions.js';
import type { ButtonData } from './callback.js';
import { clip, escapeHtml, formatDate, formatMoney, formatTime } from './format.js';
import {
  backRow,
  button,
  cancelRow,
  confirmScreen,
  failureScreen,
  homeRow,
  html,
  inRows,
  line,
  pageLine,
  pagerRow,
  peopleLines,
  problems,
  questionHeader,
  summaryScreen,
  withNotice,
} from './kit-screens.js';
import type { InlineButton, Screen } from './screen.js';
import { buttons, t } from './texts.js';

/**
 * The texts of the groups section's screens: pure functions from data to HTML (user data escaped
 * and clipped here, so that no screen can pass Telegram's limits whatever the backend holds).
 */

const g = t.groups;

/** A label from one of the texts' tables; a backend value such as `constructor` is not a key of it. */
const known = (table: Record<string, string>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

export const specialityName = (group: { speciality: string; specialityDisplay?: string | null }): string =>
  known(g.specialities, group.speciality) ?? group.specialityDisplay ?? group.speciality;

/**
 * A group in one line, plain text (for a button, or escaped for a title): speciality · days ·
 * time · start date, which tells apart two groups of the same speciality and days.
 */
export function groupLabel(group: Pick<GroupRow, 'speciality' | 'specialityDisplay' | 'days' | 'time' | 'startingDate'>): string {
  const days = known(g.days, group.days) ?? group.days;
  const start = group.startingDate ? formatDate(group.startingDate) : g.noDate;
  return [clip(specialityName(group), 30), clip(days, 20), formatTime(group.time), start].join(' · ');
}

/** The label as HTML, for titles and confirmations. */
export const groupTitle = (group: Parameters<typeof groupLabel>[0]): string => escapeHtml(groupLabel(group));

export const isMentorView = (role: string): boolean => role === 'mentor';

export function listText(page: GroupPage, view: { role: string; notice?: string | null }): string {
  const mentor = isMentorView(view.role);
  const lines = [mentor ? g.list.mentorTitle(page.count) : g.list.title(page.count)];
  if (page.count === 0) lines.push('', mentor ? g.list.emptyMentor : can(view.role, 'groups.create') ? g.list.emptyCanCreate : g.list.empty);
  else lines.push(pageLine(page.page, page.pages), '', g.list.choose);
  return withNotice(view.notice, lines.join('\n'));
}

function stageLine(group: GroupView): string {
  if (group.stage === 'planned') return g.detail.planned(formatDate(group.startingDate));
  return g.detail[group.stage];
}

function lessonsLine(group: GroupView): string | null {
  if (group.totalLessons === null) return null;
  return group.lessonsHeld === null ? g.detail.lessonsTotal(group.totalLessons) : g.detail.lessonsHeld(group.lessonsHeld, group.totalLessons);
}

export function detailText(group: GroupView, notice?: string | null): string {
  const f = g.fields;
  const d = g.detail;
  const lines = [
    d.title,
    '',
    line(d.id, String(group.id)),
    line(f.speciality, escapeHtml(clip(specialityName(group), 60))),
    line(f.days, escapeHtml(clip(known(g.daysLong, group.days) ?? group.daysDisplay ?? group.days, 60))),
    line(f.time, formatTime(group.time)),
    line(f.startingDate, group.startingDate ? formatDate(group.startingDate) : g.noDate),
  ];
  if (group.finishDate) lines.push(line(d.finishDate, formatDate(group.finishDate)));
  const lessons = lessonsLine(group);
  if (lessons) lines.push(line(d.lessons, lessons));
  lines.push(
    line(d.seats, d.seatsLine(group.studentsCount, group.freeSeats, group.seats)),
    line(f.price, formatMoney(group.price)),
    line(f.mentor, group.mentorName ? escapeHtml(clip(group.mentorName, 80)) : d.noMentor),
    '',
    line(d.status, stageLine(group)),
  );
  return withNotice(notice, lines.join('\n'));
}

/** What deleting takes with it, said before the button that does it. */
export const removeText = (group: GroupView): string => g.remove.confirm(groupTitle(group), group.studentsCount);

/** How many lessons a group's attendance screen lists as buttons. */
export const LESSONS_SHOWN = 10;

export function lessonsText(group: GroupView, lessons: GroupLessons): string {
  const a = g.attendance;
  const lines = [a.title(groupTitle(group)), ''];
  if (lessons.lessons.length === 0) lines.push(lessons.complete ? a.none : a.noneRead);
  else {
    lines.push(...lessons.lessons.slice(0, LESSONS_SHOWN).map((lesson) => `📅 ${a.lesson(formatDate(lesson.date), lesson.attended)}`));
    if (lessons.lessons.length > LESSONS_SHOWN) lines.push(a.more(lessons.lessons.length - LESSONS_SHOWN));
    lines.push('', a.choose);
  }
  lines.push('', lessons.complete || lessons.readBack === null ? a.complete : a.readBack(formatDate(lessons.readBack)));
  return lines.join('\n');
}

export function lessonText(group: GroupView, lesson: LessonView): string {
  const a = g.attendance;
  const lines = [a.lessonTitle(formatDate(lesson.date)), groupTitle(group), ''];
  if (lesson.mentorName) lines.push(line(g.fields.mentor, escapeHtml(clip(lesson.mentorName, 80))));
  lines.push(a.attended(lesson.attendees.length));
  if (lesson.attendees.length === 0) lines.push('', a.nobody);
  else lines.push('', ...peopleLines(lesson.attendees));
  return lines.join('\n');
}

// ---------------------------------------------------------------- screens

/** The fields of the create wizard, in the order they are asked. */
export const draftFields = ['speciality', 'days', 'time', 'startingDate', 'seats', 'price', 'totalLessons', 'mentor'] as const;
export type DraftField = (typeof draftFields)[number];
/** Every field can be changed after creation. */
export const editFields: readonly DraftField[] = draftFields;
/** The fields typed as text; the others are answered with buttons. */
export const typedFields = ['time', 'startingDate', 'seats', 'price', 'totalLessons'] as const;
export type TypedField = (typeof typedFields)[number];
export const isTypedField = (field: string | null): field is TypedField => (typedFields as readonly string[]).includes(field ?? '');

/** Mentors on one page of the picker (three rows of two). */
export const MENTORS_SHOWN = 6;

/** The mentor picker's state: every mentor the backend gave, and the page shown. */
export interface MentorPicker {
  mentors: MentorOption[];
  page: number;
  /** why the mentors could not be read */
  failure: string | null;
}

const fieldLabel = (field: DraftField) => g.fields[field];

/** A draft's or a group's value of a field, as HTML. */
function shownValue(field: DraftField, value: unknown): string {
  if (value === undefined) return t.kit.skipped;
  switch (field) {
    case 'speciality':
      return escapeHtml(clip(known(g.specialities, String(value)) ?? String(value), 60));
    case 'days':
      return escapeHtml(clip(known(g.daysLong, String(value)) ?? String(value), 60));
    case 'time':
      return formatTime(value as string | null);
    case 'startingDate':
      return value ? formatDate(value as string) : g.noDate;
    case 'price':
      return formatMoney(value as number);
    case 'mentor':
      return value === null ? g.withoutMentor : html((value as MentorOption).fullName, 80);
    default:
      return value === null ? t.kit.skipped : escapeHtml(String(value));
  }
}

/** A group's current value of a field, for the edit flow. */
function currentValue(group: GroupView, field: DraftField): string {
  if (field === 'mentor') return group.mentorName ? html(group.mentorName, 80) : g.detail.noMentor;
  const values: Record<Exclude<DraftField, 'mentor'>, unknown> = {
    speciality: group.speciality,
    days: group.days,
    time: group.time,
    startingDate: group.startingDate,
    seats: group.seats,
    price: group.price,
    totalLessons: group.totalLessons,
  };
  return shownValue(field, values[field]);
}

/** The buttons that answer a field which is picked rather than typed. */
function choiceRows(field: DraftField, picker: MentorPicker | null): InlineButton[][] {
  if (field === 'speciality') return inRows(Object.entries(g.specialities).map(([slug, label]) => button(label, press.speciality(slug))), 1);
  if (field === 'days') return inRows(Object.entries(g.daysLong).map(([slug, label]) => button(label, press.days(slug))), 1);
  if (field !== 'mentor' || picker === null) return [];
  const pages = Math.max(1, Math.ceil(picker.mentors.length / MENTORS_SHOWN));
  const page = Math.min(Math.max(1, picker.page), pages);
  const shown = picker.mentors.slice((page - 1) * MENTORS_SHOWN, page * MENTORS_SHOWN);
  const rows = inRows(shown.map((mentor) => button(clip(mentor.fullName.trim(), 40) || `#${mentor.id}`, press.mentor(mentor.id))));
  rows.push(...pagerRow(page, pages, press.mentorsPage));
  return rows;
}

/** Below the mentor question: why no mentor can be offered, if none can. */
function mentorLines(picker: MentorPicker | null): string[] {
  if (picker === null) return [];
  if (picker.failure) return ['', t.error(html(picker.failure, 300))];
  return picker.mentors.length === 0 ? ['', g.ask.noMentors] : [];
}

export const groupScreens = {
  list(page: GroupPage, view: { role: string; notice?: string | null }): Screen {
    const rows: InlineButton[][] = page.groups.map((group) => [button(groupLabel(group), press.open(group.id))]);
    rows.push(...pagerRow(page.page, page.pages, press.list));
    if (can(view.role, 'groups.create')) rows.push([button(g.list.create, press.create())]);
    rows.push(homeRow);
    return { text: listText(page, view), buttons: rows };
  },

  detail(group: GroupView, view: { role: string; page: number; notice?: string | null }): Screen {
    const rows: InlineButton[][] = [];
    const manage: InlineButton[] = [];
    if (can(view.role, 'groups.edit')) manage.push(button(g.detail.edit, press.edit(group.id)));
    if (can(view.role, 'groups.delete')) manage.push(button(g.detail.delete, press.remove(group.id)));
    if (manage.length > 0) rows.push(manage);
    if (can(view.role, 'groups.attendance')) rows.push([button(g.detail.attendance, press.lessons(group.id))]);
    rows.push([button(t.payments.ofGroup, paymentsPress.groupInvoices(group.id))]);
    rows.push(backRow(press.list(view.page)), homeRow);
    return { text: detailText(group, view.notice), buttons: rows };
  },

  /** A call failed: its reason, a retry of the same navigation (unless the record is gone), the list. */
  failure(message: string, retry: ButtonData | null, page: number): Screen {
    return failureScreen(message, { retry, back: press.list(page) });
  },

  confirmRemove(group: GroupView): Screen {
    return confirmScreen(removeText(group), { yes: buttons.confirmDelete, confirm: press.confirmRemove(group.id), keep: press.open(group.id) });
  },

  lessons(group: GroupView, lessons: GroupLessons): Screen {
    const shown = lessons.lessons.slice(0, LESSONS_SHOWN);
    const rows = shown.map((lesson) => [button(g.attendance.lessonButton(formatDate(lesson.date), lesson.attended), press.lesson(lesson.id, group.id))]);
    rows.push([button(g.attendance.toGroup, press.open(group.id))], homeRow);
    return { text: lessonsText(group, lessons), buttons: rows };
  },

  lesson(group: GroupView, lesson: LessonView): Screen {
    return {
      text: lessonText(group, lesson),
      buttons: [[button(g.attendance.toLessons, press.lessons(group.id)), button(g.attendance.toGroup, press.open(group.id))], homeRow],
    };
  },

  // ---- the create wizard ----

  ask(question: Question<DraftField>, view: { cancel: ButtonData; picker: MentorPicker | null }): Screen {
    const { field } = question;
    const lines = [questionHeader(g.create.step, fieldLabel(field), question.step, draftFields.length), ''];
    lines.push(...problems(fieldLabel(field), question), g.ask[field], ...mentorLines(field === 'mentor' ? view.picker : null));
    const rows = choiceRows(field, view.picker);
    if (field === 'mentor') rows.push([button(g.noMentor, press.noMentor())]);
    if (field === 'totalLessons') rows.push([button(buttons.skip, press.skip())]);
    if (question.reviewing) rows.push([button(t.kit.backToSummary, press.review())]);
    rows.push(cancelRow(view.cancel));
    return { text: lines.join('\n'), buttons: rows };
  },

  summary(draft: Partial<Record<DraftField, unknown>>, view: { failure?: string | null; cancel: ButtonData }): Screen {
    return summaryScreen({ title: g.create.summary, fields: draftFields, label: fieldLabel, shown: (field) => shownValue(field, draft[field]), press, ...view });
  },

  // ---- the edit flow ----

  editFields(group: GroupView, failure?: string | null): Screen {
    const rows = inRows(editFields.map((field) => button(fieldLabel(field), press.field(field))));
    rows.push(backRow(press.open(group.id)));
    return { text: withNotice(failure ? t.error(html(failure, 300)) : null, g.edit.title(groupTitle(group))), buttons: rows };
  },

  /** The question for a new value; the price's says first what happens to existing invoices. */
  editValue(field: DraftField, group: GroupView, view: { reason?: string | null; refusal?: string | null; picker?: MentorPicker | null }): Screen {
    const lines = [g.edit.title(groupTitle(group)), ''];
    if (field === 'price') lines.push(g.edit.priceWarning, '');
    lines.push(...problems(fieldLabel(field), view), g.ask[field], ...mentorLines(field === 'mentor' ? (view.picker ?? null) : null));
    lines.push(g.edit.current(fieldLabel(field), currentValue(group, field)));
    const rows = choiceRows(field, view.picker ?? null);
    if (field === 'mentor' && group.mentorId !== null) rows.push([button(g.edit.removeMentor, press.noMentor())]);
    rows.push([button(g.edit.toFields, press.fields())], cancelRow(press.open(group.id)));
    return { text: lines.join('\n'), buttons: rows };
  },
} as const;
