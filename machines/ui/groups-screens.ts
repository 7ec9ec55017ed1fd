import type { GroupLessons, GroupPage, GroupRow, GroupView, LessonView } from '../groups/model.js';
import { can } from '../permissions.js';
import { clip, escapeHtml, formatDate, formatMoney, formatTime } from './format.js';
import { t } from './texts.js';

/**
 * The texts of the groups section's screens: pure functions from data to HTML (user data escaped
 * and clipped here, so that no screen can pass Telegram's limits whatever the backend holds).
 */

const g = t.groups;
const line = (label: string, value: string) => `<b>${label}:</b> ${value}`;
const withNotice = (notice: string | null | undefined, text: string) => (notice ? `${notice}\n\n${text}` : text);

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
  else lines.push(t.kit.page(page.page, page.pages), '', g.list.choose);
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

/** At most this many names on one lesson's screen (a class is far smaller; the text stays within 4096). */
export const ATTENDEES_SHOWN = 60;

export function lessonText(group: GroupView, lesson: LessonView): string {
  const a = g.attendance;
  const lines = [a.lessonTitle(formatDate(lesson.date)), groupTitle(group), ''];
  if (lesson.mentorName) lines.push(line(g.fields.mentor, escapeHtml(clip(lesson.mentorName, 80))));
  lines.push(a.attended(lesson.attendees.length));
  if (lesson.attendees.length === 0) lines.push('', a.nobody);
  else {
    lines.push('');
    lesson.attendees.slice(0, ATTENDEES_SHOWN).forEach((student, i) => {
      const phone = student.phone ? ` · ${escapeHtml(clip(student.phone, 20))}` : '';
      lines.push(`${i + 1}. ${escapeHtml(clip(student.fullName, 60))}${phone}`);
    });
    if (lesson.attendees.length > ATTENDEES_SHOWN) lines.push(`… +${lesson.attendees.length - ATTENDEES_SHOWN}`);
  }
  return lines.join('\n');
}
