import { press } from '../attendance/buttons.js';
import { isFiltered, noFilter, type AttendanceFilter, type AttendancePage, type AttendanceView, type MarkingSheet } from '../attendance/model.js';
import { addDays, weekStart } from '../kit/dates.js';
import type { GroupPage } from '../groups/model.js';
import { can } from '../permissions.js';
import type { ButtonData } from './callback.js';
import { clip, formatDate } from './format.js';
import { groupLabel, groupTitle } from './groups-screens.js';
import { backRow, button, failureScreen, homeRow, html, line, pageLine, pagerRow, peopleLines, withNotice } from './kit-screens.js';
import type { InlineButton, Screen } from './screen.js';
import { t } from './texts.js';

/** The attendance section's screens: pure functions from data to HTML, user data escaped and clipped here. */

const a = t.attendance;

const dayRange = (filter: AttendanceFilter): string | null => {
  if (!filter.from || !filter.to) return null;
  return filter.from === filter.to ? a.list.day(formatDate(filter.from)) : a.list.days(formatDate(filter.from), formatDate(filter.to));
};

export function listText(page: AttendancePage, view: { role: string; filter: AttendanceFilter; notice?: string | null }): string {
  const filtered = page.scan !== null;
  const lines = [filtered ? a.list.foundTitle(page.count) : a.list.title(page.count)];
  if (page.group) lines.push(a.list.group(groupTitle(page.group)));
  const days = dayRange(view.filter);
  if (days) lines.push(days);
  if (view.role === 'mentor') lines.push(a.list.mentorOnly);
  lines.push('');
  if (page.count === 0) lines.push(isFiltered(view.filter) ? a.list.nothingFound : a.list.empty);
  else lines.push(pageLine(page.page, page.pages));
  if (page.scan) {
    const scan = page.scan;
    lines.push('', scan.complete || scan.readBack === null ? a.list.complete(scan.total) : a.list.readBack(Math.min(scan.total, scan.pagesRead * 20), scan.total, formatDate(scan.readBack)));
  }
  return withNotice(view.notice, lines.join('\n'));
}

export const attendanceScreens = {
  list(page: AttendancePage, view: { role: string; filter: AttendanceFilter; notice?: string | null }): Screen {
    const { filter } = view;
    const rows: InlineButton[][] = page.rows.map((row) => [
      button(a.list.row(formatDate(row.date), clip(row.groupName ?? `#${row.groupId}`, 34), row.attended), press.open(row.id, filter)),
    ]);
    rows.push(...pagerRow(page.page, page.pages, (to) => press.list(to, filter)));
    rows.push([button(a.list.byGroup, press.groups(1, filter)), button(a.list.byDay, press.days(filter))]);
    const clear: InlineButton[] = [];
    if (filter.groupId !== null) clear.push(button(a.list.clearGroup, press.list(1, { ...filter, groupId: null })));
    if (filter.from !== null) clear.push(button(a.list.clearDay, press.list(1, { ...filter, from: null, to: null })));
    if (clear.length > 0) rows.push(clear);
    if (can(view.role, 'attendance.mark')) rows.push([button(a.list.mark, press.mark())]);
    rows.push(homeRow);
    return { text: listText(page, view), buttons: rows };
  },

  /** The groups to filter by (navigation: each opens the list with that group), or to mark. */
  groups(page: GroupPage, view: { role: string; filter: AttendanceFilter | null }): Screen {
    const marking = view.filter === null;
    const lines: string[] = [marking ? a.groups.titleMark : a.groups.title];
    if (page.count === 0) lines.push('', view.role === 'mentor' ? a.groups.noneMentor : a.groups.none);
    else if (page.pages > 1) lines.push('', pageLine(page.page, page.pages));
    const rows: InlineButton[][] = page.groups.map((group) => [
      button(groupLabel(group), view.filter === null ? press.pick(group.id) : press.list(1, { ...view.filter, groupId: group.id })),
    ]);
    rows.push(...pagerRow(page.page, page.pages, (to) => (view.filter === null ? press.groupsPage(to) : press.groups(to, view.filter))));
    rows.push(backRow(press.list(1, view.filter ?? noFilter)), homeRow);
    return { text: lines.join('\n'), buttons: rows };
  },

  /** Today, yesterday, this week (Monday to today); a typed day works too. */
  days(today: string, filter: AttendanceFilter): Screen {
    const yesterday = addDays(today, -1);
    return {
      text: a.days.title,
      buttons: [
        [button(a.days.today, press.list(1, { ...filter, from: today, to: today })), button(a.days.yesterday, press.list(1, { ...filter, from: yesterday, to: yesterday }))],
        [button(a.days.thisWeek, press.list(1, { ...filter, from: weekStart(today), to: today }))],
        backRow(press.list(1, filter)),
        homeRow,
      ],
    };
  },

  detail(record: AttendanceView, view: { role: string; filter: AttendanceFilter; notice?: string | null }): Screen {
    const d = a.detail;
    const lines = [
      d.title(formatDate(record.date)),
      '',
      line(d.group, html(record.groupName ?? `#${record.groupId}`, 120)),
      line(d.mentor, record.mentorName ? html(record.mentorName, 80) : d.noMentor),
      d.attended(record.attendees.length),
      '',
      ...(record.attendees.length === 0 ? [d.nobody] : peopleLines(record.attendees)),
    ];
    const rows: InlineButton[][] = [];
    if (can(view.role, 'attendance.mark')) rows.push([button(d.correct, press.mark(record.groupId, record.date))]);
    rows.push(backRow(press.list(1, view.filter)), homeRow);
    return { text: withNotice(view.notice, lines.join('\n')), buttons: rows };
  },

  failure(message: string, retry: ButtonData | null, filter: AttendanceFilter): Screen {
    return failureScreen(message, { retry, back: press.list(1, filter) });
  },

  /** The marking sheet: one message that edits itself as students are ticked. */
  sheet(sheet: MarkingSheet, view: { present: readonly number[]; today: string | null; notice?: string | null }): Screen {
    const m = a.mark;
    const present = new Set(view.present);
    const count = sheet.students.filter((student) => present.has(student.id)).length;
    const date = `${formatDate(sheet.date)}${sheet.date === view.today ? ` (${m.today})` : ''}`;
    const lines: string[] = [m.title, '', line(m.group, groupTitle(sheet.group)), line(m.date, date)];
    if (sheet.existing) lines.push('', m.correcting);
    if (!sheet.complete) lines.push('', m.incomplete);
    lines.push('', m.present(count, sheet.students.length), '', sheet.students.length === 0 ? m.noStudents : m.choose);
    const rows: InlineButton[][] = sheet.students.map((student) => [
      button(`${present.has(student.id) ? '✅' : '⬜'} ${clip(student.fullName.trim(), 40) || `#${student.id}`}`, press.toggle(student.id)),
    ]);
    if (sheet.students.length > 1) rows.push([button(m.all, press.all()), button(m.none, press.none())]);
    rows.push([button(m.changeDate(date), press.changeDate())], [button(m.save, press.save())], [button(t.kit.toList, press.list(1, noFilter))]);
    return { text: withNotice(view.notice, lines.join('\n')), buttons: rows };
  },

  dates(today: string): Screen {
    return {
      text: a.mark.dateTitle,
      buttons: [[button(a.days.today, press.date(today)), button(a.days.yesterday, press.date(addDays(today, -1)))], [button(a.mark.toSheet, press.toSheet())]],
    };
  },

  notYours(): Screen {
    return { text: a.mark.notYours, buttons: [[button(t.kit.toList, press.list(1, noFilter))], homeRow] };
  },
};
