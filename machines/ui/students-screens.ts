import { can } from '../permissions.js';
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
import type { InlineButton, Screen } from './screen.js';
import { buttons, t } from './texts.js';

/**
 * The students section's screens: pure functions from data to a Screen. User data is escaped
 * here and clipped, so that no screen can pass Telegram's 4096 characters whatever the backend
 * holds.
 */

const w = t.students;
const home: InlineButton[] = [{ label: buttons.home, data: { section: 'nav', action: 'home' } }];
const button = (label: string, data: ButtonData): InlineButton => ({ label, data });
const html = (value: string | null | undefined, max = 200) => escapeHtml(clip(value, max));
const line = (label: string, value: string) => `<b>${label}:</b> ${value}`;
const withNotice = (notice: string | null | undefined, text: string) => (notice ? `${notice}\n\n${text}` : text);

/** Backend links are shown as links only when they really are web links. */
function link(url: string | null): string | null {
  return url && /^https?:\/\/\S+$/.test(url) && url.length <= 1000 ? `<a href="${escapeHtml(url)}">${w.detail.openLink}</a>` : null;
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
    const search = view.search ? html(view.search, 60) : null;
    const canCreate = can(view.role, 'students.create');
    const lines = [w.list.title(page.count)];
    if (search) lines.push(w.list.searching(search));
    if (page.count === 0) lines.push('', search ? w.list.nothingFound(search) : canCreate ? w.list.emptyCanCreate : w.list.empty);
    else lines.push(w.list.page(page.page, page.pages));
    lines.push('', w.list.searchHint);
    const rows: InlineButton[][] = page.students.map((student) => {
      // a blank name from another client would make an empty button, which Telegram refuses
      const name = clip(student.fullName.trim(), 40) || `#${student.id}`;
      const phone = student.phone ? ` · ${clip(student.phone, 20)}` : '';
      return [button(`${student.isActive ? '' : `${w.list.blocked} `}${name}${phone}`, press.open(student.id))];
    });
    const paging: InlineButton[] = [];
    if (page.page > 1) paging.push(button(buttons.previous, press.list(page.page - 1, view.search)));
    if (page.page < page.pages) paging.push(button(buttons.next, press.list(page.page + 1, view.search)));
    if (paging.length > 0) rows.push(paging);
    if (view.search) rows.push([button(w.list.clearSearch, press.list(1, null))]);
    if (canCreate) rows.push([button(w.list.create, press.create())]);
    rows.push(home);
    return { text: withNotice(view.notice, lines.join('\n')), buttons: rows };
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
    rows.push([button(buttons.back, press.list(view.page, view.search))], home);
    return { text: withNotice(view.notice, lines.join('\n')), buttons: rows };
  },

  /** A call failed: its reason, a retry that repeats the same navigation, and a way back. */
  failure(message: string, retry: ButtonData | null, back: ButtonData): Screen {
    const rows: InlineButton[][] = [];
    if (retry) rows.push([button(w.retry, retry)]);
    rows.push([button(w.toList, back)], home);
    return { text: t.error(escapeHtml(message)), buttons: rows };
  },

  confirmRemove(student: StudentView): Screen {
    return {
      text: w.remove.confirm(html(student.fullName, 120)),
      buttons: [[button(buttons.confirmDelete, press.confirmRemove(student.id))], [button(w.remove.keep, press.open(student.id))]],
    };
  },

  confirmCancelBooking(student: StudentView): Screen {
    return {
      text: w.unbook.confirm(html(student.fullName, 120), html(student.groupName ?? '—', 120)),
      buttons: [[button(w.unbook.yes, press.confirmCancelBooking(student.id))], [button(w.remove.keep, press.open(student.id))]],
    };
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
    const header = view.step === null ? w.create.fixing(w.fields[field]) : w.create.step(view.step, draftFields.length);
    const lines = [header, ''];
    lines.push(...problems(field, view));
    lines.push(w.ask[field]);
    const rows: InlineButton[][] = [];
    if (field === 'source') rows.push(Object.entries(w.sources).map(([source, label]) => button(label, press.source(source))));
    if (field === 'address') rows.push([button(buttons.skip, press.skip())]);
    if (view.reviewing) rows.push([button(w.create.backToSummary, press.review())]);
    rows.push([button(buttons.cancel, view.cancel)]);
    return { text: lines.join('\n'), buttons: rows };
  },

  /** `failure` is the backend's reason when the last save failed as a whole (the draft is kept). */
  summary(draft: Partial<StudentDraft>, view: { failure?: string | null; cancel: ButtonData }): Screen {
    const shown = (field: DraftField): string => {
      const value = draft[field];
      if (field === 'source') return sourceLabel(value ?? null);
      if (field === 'birthDate') return formatDate(value);
      return value ? html(value, 300) : w.create.skipped;
    };
    const lines = [w.create.summary, '', ...draftFields.map((field) => line(w.fields[field], shown(field)))];
    const fixes = draftFields.map((field) => button(`✏️ ${w.fields[field]}`, press.fix(field)));
    const rows: InlineButton[][] = [];
    for (let i = 0; i < fixes.length; i += 2) rows.push(fixes.slice(i, i + 2));
    rows.push([button(w.create.save, press.save())], [button(buttons.cancel, view.cancel)]);
    return { text: withNotice(view.failure ? w.create.notSaved(html(view.failure, 300)) : null, lines.join('\n')), buttons: rows };
  },

  /** Shown once: the password goes from the backend call's result into this screen and nowhere else. */
  created(created: CreatedStudent, role: string): Screen {
    const { student, password } = created;
    const text = `${w.create.created(html(student.fullName, 120))}\n\n${w.create.credentials(html(student.email ?? '—', 120), escapeHtml(password))}`;
    const rows: InlineButton[][] = [[button(w.openStudent, press.open(student.id))]];
    if (can(role, 'students.book')) rows.push([button(w.detail.book, press.book(student.id))]);
    rows.push([button(w.create.another, press.create()), button(w.toList, press.list(1, null))], home);
    return { text, buttons: rows };
  },

  // ---- the edit flow ----

  /** `failure` is the backend's reason when the last save failed as a whole. */
  editFields(student: StudentView, failure?: string | null): Screen {
    const fieldButtons = editFields.map((field) => button(w.fields[field], press.field(field)));
    const rows: InlineButton[][] = [];
    for (let i = 0; i < fieldButtons.length; i += 2) rows.push(fieldButtons.slice(i, i + 2));
    rows.push([button(student.isActive ? w.edit.block : w.edit.unblock, press.field('active'))]);
    rows.push([button(buttons.back, press.open(student.id))]);
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
    rows.push([button(w.edit.toFields, press.fields())], [button(buttons.cancel, press.open(student.id))]);
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
    if (view.pages > 1) lines.push(w.list.page(view.page, view.pages));
    const text = lines.join('\n');
    const rows: InlineButton[][] = view.groups.map((group) => [button(groupLabel(group), press.pickGroup(group.id))]);
    const paging: InlineButton[] = [];
    if (view.page > 1) paging.push(button(buttons.previous, press.groupsPage(view.page - 1)));
    if (view.page < view.pages) paging.push(button(buttons.next, press.groupsPage(view.page + 1)));
    if (paging.length > 0) rows.push(paging);
    rows.push([button(buttons.back, press.open(student.id))]);
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
  const lines: string[] = [];
  if (view.refusal) lines.push(w.create.refused(w.fields[field], html(view.refusal, 300)), '');
  if (view.reason) lines.push(t.error(view.reason), '');
  return lines;
}

function pickerTitle(student: StudentView): string {
  const name = html(student.fullName, 120);
  return student.groupId === null ? w.groups.bookTitle(name) : w.groups.changeTitle(name, html(student.groupName, 120));
}

/** Where a finished action leads: the student, the list, the main menu. */
function afterwards(studentId: number): InlineButton[][] {
  return [[button(w.openStudent, press.open(studentId)), button(w.toList, press.list(1, null))], home];
}
