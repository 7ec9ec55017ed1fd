import { can } from '../permissions.js';
import { press as paymentsPress } from '../payments/buttons.js';
import { press } from '../students/buttons.js';
import type {
  BookingCancelResult,
  BookingResult,
  CreatedStudent,
  GroupChangeResult,
  GroupOption,
  StudentDraft,
  StudentPage,
  StudentView,
} from '../students/model.js';
import type { ButtonData } from './callback.js';
import { clip, escapeHtml, formatDate, formatMoney, formatTime } from './format.js';
import {
  backRow,
  button,
  cancelRow,
  confirmScreen,
  failureScreen,
  homeRow as home,
  personLabel,
  webUrl,
  html,
  inRows,
  line,
  listHead,
  pageLine,
  pagerRow,
  problems as kitProblems,
  questionHeader,
  summaryScreen,
  withNotice,
} from './kit-screens.js';
import type { InlineButton, Screen } from './screen.js';
import { buttons, t } from './texts.js';

/**
 * The students section's screens: pure functions from data to a Screen. User data is escaped
 * here and clipped, so that no screen can pass Telegram's 4096 characters whatever the backend
 * holds.
 */

const w = t.students;

/** Backend links are shown as links only when they really are web links. */
function link(url: string | null): string | null {
  return webUrl(url) ? `<a href="${escapeHtml(url)}">${w.detail.openLink}</a>` : null;
}

export type DraftField = keyof StudentDraft;
export const draftFields: readonly DraftField[] = ['fullName', 'email', 'phone', 'passport', 'birthDate', 'source', 'address'];
export type EditField = 'fullName' | 'phone' | 'passport' | 'birthDate' | 'source' | 'address' | 'inn' | 'pinfl';
export const editFields: readonly EditField[] = ['fullName', 'phone', 'passport', 'birthDate', 'source', 'address', 'inn', 'pinfl'];
/** Fields a person may leave empty: their prompts offer to skip or clear. */
export const optionalFields: readonly string[] = ['address', 'inn', 'pinfl'];

/** `Revit Architecture · Du-Chor-Ju · 14:00 · 07.12.2026 · 10 o'rin`, the picker's label of a group. */
export function groupLabel(group: GroupOption): string {
  const days = w.groups.days[group.days] ?? group.daysDisplay ?? group.days;
  const start = group.startingDate ? formatDate(group.startingDate) : w.groups.noDate;
  return [clip(group.speciality, 30), days, formatTime(group.time), start, w.groups.seats(group.freeSeats)].join(' · ');
}

function sourceLabel(source: string | null): string {
  return source && source in w.sources ? w.sources[source as keyof typeof w.sources] : escapeHtml(source ?? '—');
}

function valueOf(student: StudentView, field: EditField): string {
  if (field === 'birthDate') return student.birthDate ? formatDate(student.birthDate) : w.edit.empty;
  if (field === 'source') return sourceLabel(student.source);
  const value = student[field];
  return value ? html(value, 300) : w.edit.empty;
}

export const studentScreens = {
  list(page: StudentPage, view: { role: string; search: string | null; notice?: string | null }): Screen {
    const canCreate = can(view.role, 'students.create');
    const head = listHead({
      title: w.list.title(page.count),
      count: page.count,
      page: page.page,
      pages: page.pages,
      search: view.search,
      empty: canCreate ? w.list.emptyCanCreate : w.list.empty,
      nothingFound: w.list.nothingFound,
      searchHint: w.list.searchHint,
    });
    const rows: InlineButton[][] = page.students.map((student) => [button(personLabel(student, w.list.blocked), press.open(student.id))]);
    rows.push(...pagerRow(page.page, page.pages, (to) => press.list(to, view.search)));
    if (view.search) rows.push([button(t.kit.clearSearch, press.list(1, null))]);
    if (canCreate) rows.push([button(w.list.create, press.create())]);
    rows.push(home);
    return { text: withNotice(view.notice, head), buttons: rows };
  },

  detail(student: StudentView, view: { role: string; page: number; search: string | null; notice?: string | null }): Screen {
    const d = w.detail;
    const f = w.fields;
    const lines = [
      d.title,
      '',
      line(d.id, String(student.id)),
      line(f.fullName, html(student.fullName, 120)),
      line(f.email, html(student.email ?? '—', 120)),
      line(f.phone, html(student.phone ?? '—', 40)),
      line(f.passport, html(student.passport ?? '—', 40)),
      line(f.birthDate, formatDate(student.birthDate)),
      line(f.source, sourceLabel(student.source)),
    ];
    if (student.address) lines.push(line(f.address, html(student.address, 300)));
    if (student.inn) lines.push(line(f.inn, html(student.inn, 20)));
    if (student.pinfl) lines.push(line(f.pinfl, html(student.pinfl, 20)));
    lines.push('', line(d.group, student.groupName ? html(student.groupName, 120) : d.noGroup));
    lines.push(line(d.contract, student.contractSigned ? d.contractSigned : d.contractNotSigned));
    const contract = link(student.contractUrl);
    if (contract) lines.push(`📄 ${line(d.contract, contract)}`);
    const certificate = link(student.certificateUrl);
    if (certificate) lines.push(`🎓 ${line(d.certificate, certificate)}`);
    lines.push('', line(d.status, student.isActive ? d.active : d.blocked));
    if (student.createdAt) lines.push(line(d.since, formatDate(student.createdAt)));

    const rows: InlineButton[][] = [];
    const manage: InlineButton[] = [];
    if (can(view.role, 'students.edit')) manage.push(button(d.edit, press.edit(student.id)));
    if (can(view.role, 'students.delete')) manage.push(button(d.delete, press.remove(student.id)));
    if (manage.length > 0) rows.push(manage);
    if (student.groupId === null) {
      if (can(view.role, 'students.book')) rows.push([button(d.book, press.book(student.id))]);
    } else {
      const booking: InlineButton[] = [];
      if (can(view.role, 'students.changeGroup')) booking.push(button(d.changeGroup, press.changeGroup(student.id)));
      if (can(view.role, 'students.cancelBooking')) booking.push(button(d.cancelBooking, press.cancelBooking(student.id)));
      if (booking.length > 0) rows.push(booking);
    }
    rows.push([button(t.payments.ofStudent, paymentsPress.studentInvoices(student.id))]);
    rows.push(backRow(press.list(view.page, view.search)), home);
    return { text: withNotice(view.notice, lines.join('\n')), buttons: rows };
  },

  /** A call failed: its reason, a retry that repeats the same navigation, and a way back. */
  failure(message: string, retry: ButtonData | null, back: ButtonData): Screen {
    return failureScreen(message, { retry, back });
  },

  confirmRemove(student: StudentView): Screen {
    return confirmScreen(w.remove.confirm(html(student.fullName, 120)), {
      yes: buttons.confirmDelete,
      confirm: press.confirmRemove(student.id),
      keep: press.open(student.id),
    });
  },

  confirmCancelBooking(student: StudentView): Screen {
    return confirmScreen(w.unbook.confirm(html(student.fullName, 120), html(student.groupName ?? '—', 120)), {
      yes: w.unbook.yes,
      confirm: press.confirmCancelBooking(student.id),
      keep: press.open(student.id),
    });
  },

  bookingCancelled(result: BookingCancelResult, studentId: number): Screen {
    return {
      text: `${w.unbook.done(html(result.studentName, 120), html(result.groupName, 120))}\n${w.unbook.cancelledInvoices(result.cancelledInvoices)}`,
      buttons: afterwards(studentId),
    };
  },

  // ---- the create wizard ----

  /** The question for one field; `reason` says why the last answer was refused. */
  ask(
    field: DraftField,
    view: { step: number | null; reason?: string | null; refusal?: string | null; reviewing: boolean; cancel: ButtonData },
  ): Screen {
    const header = questionHeader(w.create.step, w.fields[field], view.step, draftFields.length);
    const lines = [header, ''];
    lines.push(...problems(field, view));
    lines.push(w.ask[field]);
    const rows: InlineButton[][] = [];
    if (field === 'source') rows.push(Object.entries(w.sources).map(([source, label]) => button(label, press.source(source))));
    if (field === 'address') rows.push([button(buttons.skip, press.skip())]);
    if (view.reviewing) rows.push([button(t.kit.backToSummary, press.review())]);
    rows.push(cancelRow(view.cancel));
    return { text: lines.join('\n'), buttons: rows };
  },

  /** `failure` is the backend's reason when the last save failed as a whole (the draft is kept). */
  summary(draft: Partial<StudentDraft>, view: { failure?: string | null; cancel: ButtonData }): Screen {
    const shown = (field: DraftField): string => {
      const value = draft[field];
      if (field === 'source') return sourceLabel(value ?? null);
      if (field === 'birthDate') return formatDate(value);
      return value ? html(value, 300) : t.kit.skipped;
    };
    return summaryScreen({ title: w.create.summary, fields: draftFields, label: (field) => w.fields[field], shown, press, ...view });
  },

  /** Shown once: the password goes from the backend call's result into this screen and nowhere else. */
  created(created: CreatedStudent, role: string): Screen {
    const { student, password } = created;
    const text = `${w.create.created(html(student.fullName, 120))}\n\n${w.create.credentials(html(student.email ?? '—', 120), escapeHtml(password))}`;
    const rows: InlineButton[][] = [[button(w.openStudent, press.open(student.id))]];
    if (can(role, 'students.book')) rows.push([button(w.detail.book, press.book(student.id))]);
    rows.push([button(w.create.another, press.create()), button(t.kit.toList, press.list(1, null))], home);
    return { text, buttons: rows };
  },

  // ---- the edit flow ----

  /** `failure` is the backend's reason when the last save failed as a whole. */
  editFields(student: StudentView, failure?: string | null): Screen {
    const rows = inRows(editFields.map((field) => button(w.fields[field], press.field(field))));
    rows.push([button(student.isActive ? w.edit.block : w.edit.unblock, press.field('active'))]);
    rows.push(backRow(press.open(student.id)));
    const text = `${w.edit.title(html(student.fullName, 120))}\n\n${w.edit.emailReadOnly}`;
    return { text: withNotice(failure ? t.error(html(failure, 300)) : null, text), buttons: rows };
  },

  editValue(field: EditField, student: StudentView, view: { reason?: string | null; refusal?: string | null } = {}): Screen {
    const lines = [w.edit.title(html(student.fullName, 120)), ''];
    lines.push(...problems(field, view));
    lines.push(w.ask[field], w.edit.current(w.fields[field], valueOf(student, field)));
    const rows: InlineButton[][] = [];
    if (field === 'source') rows.push(Object.entries(w.sources).map(([source, label]) => button(label, press.source(source))));
    if (optionalFields.includes(field) && student[field as 'address' | 'inn' | 'pinfl']) rows.push([button(w.edit.clear, press.clear())]);
    rows.push([button(w.edit.toFields, press.fields())], cancelRow(press.open(student.id)));
    return { text: lines.join('\n'), buttons: rows };
  },

  confirmActive(student: StudentView): Screen {
    const name = html(student.fullName, 120);
    return {
      text: student.isActive ? w.edit.blockConfirm(name) : w.edit.unblockConfirm(name),
      buttons: [[button(w.edit.yes, press.confirmActive(student.id))], [button(w.edit.toFields, press.fields())]],
    };
  },

  // ---- booking and change of group ----

  groupPicker(view: {
    student: StudentView;
    groups: GroupOption[];
    page: number;
    pages: number;
    count: number;
    /** the backend's reason the last pick was refused (the group filled up meanwhile…) */
    failure?: string | null;
  }): Screen {
    const { student } = view;
    const lines = [pickerTitle(student), '', view.count > 0 ? w.groups.available(view.count) : w.groups.none];
    if (view.pages > 1) lines.push(pageLine(view.page, view.pages));
    const text = lines.join('\n');
    const rows: InlineButton[][] = view.groups.map((group) => [button(groupLabel(group), press.pickGroup(group.id))]);
    rows.push(...pagerRow(view.page, view.pages, press.groupsPage), backRow(press.open(student.id)));
    return { text: withNotice(view.failure ? t.error(html(view.failure, 300)) : null, text), buttons: rows };
  },

  confirmGroup(student: StudentView, group: GroupOption, page: number): Screen {
    const name = html(student.fullName, 120);
    const label = `<b>${escapeHtml(groupLabel(group))}</b>`;
    const text = student.groupId === null ? w.groups.confirmBook(name, label) : w.groups.confirmChange(name, html(student.groupName, 120), label);
    return {
      text,
      buttons: [[button(buttons.confirm, press.confirmGroup(group.id))], [button(w.groups.backToGroups, press.groupsPage(page))]],
    };
  },

  booked(result: BookingResult, studentId: number): Screen {
    const g = w.groups;
    const lines = [g.booked(html(result.studentName, 120), escapeHtml(groupLabel(result.group))), ''];
    if (result.totalPrice > 0) lines.push(g.coursePrice(formatMoney(result.totalPrice)));
    lines.push(
      result.firstInvoice
        ? g.firstInvoice(formatMoney(result.firstInvoice.amount), result.firstInvoice.id)
        : g.firstInvoiceMissing(formatMoney(result.firstInstallment)),
    );
    const contract = link(result.contractUrl);
    lines.push(contract ? g.contract(contract) : g.contractMissing);
    return { text: lines.join('\n'), buttons: afterwards(studentId) };
  },

  groupChanged(result: GroupChangeResult, studentId: number): Screen {
    const g = w.groups;
    const signed = (amount: number) => (amount > 0 ? `+${formatMoney(amount)}` : formatMoney(amount));
    const lines = [
      g.changed(html(result.studentName, 120), html(result.oldGroupName, 120), html(result.newGroupName, 120)),
      '',
      g.prices(formatMoney(result.oldPrice), formatMoney(result.newPrice)),
      g.priceDifference(signed(result.priceDifference)),
      g.paidOldGroup(formatMoney(result.totalPaidOldGroup)),
      g.cancelledInvoices(result.cancelledInvoices),
      '',
    ];
    if (result.refundAmount !== null) lines.push(g.refund(formatMoney(result.refundAmount)));
    if (result.newInvoice) lines.push(g.newInvoice(formatMoney(result.newInvoice.amount), result.newInvoice.id));
    if (result.refundAmount === null && !result.newInvoice) lines.push(g.nothingToSettle);
    const contract = link(result.contractUrl);
    lines.push(contract ? g.contract(contract) : g.contractMissing);
    return { text: lines.join('\n'), buttons: afterwards(studentId) };
  },

  groupChangeFailed(studentId: number): Screen {
    return { text: w.groups.changeServerError, buttons: afterwards(studentId) };
  },
} as const;

/** Why the question is asked again: our own check's reason (HTML), or the backend's refusal (plain text). */
function problems(field: DraftField | EditField, view: { reason?: string | null; refusal?: string | null }): string[] {
  return kitProblems(w.fields[field], view);
}

function pickerTitle(student: StudentView): string {
  const name = html(student.fullName, 120);
  return student.groupId === null ? w.groups.bookTitle(name) : w.groups.changeTitle(name, html(student.groupName, 120));
}

/** Where a finished action leads: the student, the list, the main menu. */
function afterwards(studentId: number): InlineButton[][] {
  return [[button(w.openStudent, press.open(studentId)), button(t.kit.toList, press.list(1, null))], home];
}
