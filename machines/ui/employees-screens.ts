import type { Employee } from '../../api/types.js';
import { press } from '../employees/buttons.js';
import { assignableRoles, mayRead, offers } from '../employees/hierarchy.js';
import type { EmployeePage, EmployeeRow, EmployeeView } from '../employees/model.js';
import type { Question } from '../kit/wizard.js';
import { can } from '../permissions.js';
import type { ButtonData } from './callback.js';
import { clip, formatDateTime } from './format.js';
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
  listHead,
  pagerRow,
  problems,
  questionHeader,
  summaryScreen,
  withNotice,
} from './kit-screens.js';
import type { InlineButton, Screen } from './screen.js';
import { buttons, t } from './texts.js';

/**
 * The employees section's screens: pure functions from data to HTML (user data escaped and
 * clipped here, so that no screen can pass Telegram's limits whatever the backend holds).
 * Passwords never appear: the summary shows dots.
 */

const e = t.employees;

/** The fields of the create wizard, in the order they are asked (the password last, so that it is held the shortest). */
export const draftFields = ['email', 'firstName', 'lastName', 'role', 'speciality', 'password'] as const;
export type DraftField = (typeof draftFields)[number];
/** The typed fields the edit flow changes (the role and the activity are buttons). */
export const typedEditFields = ['fullName', 'speciality'] as const;
export type TypedEditField = (typeof typedEditFields)[number];
export const isTypedEditField = (field: string | null): field is TypedEditField => (typedEditFields as readonly string[]).includes(field ?? '');

/** A role as the bot names it (plain text); a role the bot does not know, as the backend shows it. */
export function roleName(role: string, display?: string | null): string {
  return (Object.hasOwn(e.roles, role) ? e.roles[role] : undefined) ?? clip(display ?? role, 40);
}

/** A person's name for a button or a title (plain text): never empty. */
export const nameOf = (employee: { id: number; fullName: string }): string => clip(employee.fullName.trim(), 40) || `#${employee.id}`;

function rowLabel(row: EmployeeRow): string {
  const role = roleName(row.role, row.roleDisplay);
  return `${row.isActive ? '' : `${e.list.inactive} `}${nameOf(row)} · ${role}`;
}

export function listText(page: EmployeePage, view: { actor: Employee; search: string | null; notice?: string | null }): string {
  const head = listHead({
    title: e.list.title(page.count),
    count: page.count,
    page: page.page,
    pages: page.pages,
    search: view.search,
    empty: e.list.empty,
    nothingFound: e.list.nothingFound,
    searchHint: e.list.searchHint,
  });
  const lines = [head];
  const readOnly = page.employees.filter((row) => !mayRead(view.actor.role, row.role));
  if (readOnly.length > 0) {
    lines.push('');
    if (readOnly.length < page.employees.length) lines.push(e.list.readOnly);
    // rows this person may not open are listed, not offered as buttons that would only be refused
    lines.push(...readOnly.map((row) => `• ${html(rowLabel(row), 120)}`));
  }
  return withNotice(view.notice, lines.join('\n'));
}

function detailText(target: EmployeeView, view: { actor: Employee; notice?: string | null }): string {
  const f = e.fields;
  const d = e.detail;
  const lines = [
    d.title,
    '',
    line(d.id, String(target.id)),
    line(f.fullName, html(target.fullName, 120)),
    line(f.email, html(target.email, 120)),
    line(f.role, html(roleName(target.role, target.roleDisplay))),
    line(f.speciality, target.professionality ? html(target.professionality, 120) : d.noSpeciality),
    line(d.status, target.isActive ? d.active : d.inactive),
    line(d.since, formatDateTime(target.createdAt)),
  ];
  if (target.id === view.actor.id) lines.push('', d.self);
  return withNotice(view.notice, lines.join('\n'));
}

/** A draft's value of a field, as HTML. */
function shownValue(field: DraftField, value: unknown): string {
  if (value === undefined) return t.kit.skipped;
  if (field === 'password') return e.passwordShown;
  if (field === 'role') return html(roleName(String(value)));
  return value === null ? t.kit.skipped : html(String(value), 120);
}

const fieldLabel = (field: DraftField | TypedEditField) => e.fields[field];

export function roleRows(actorRole: string, except: string | null = null): InlineButton[][] {
  return inRows(
    assignableRoles(actorRole)
      .filter((role) => role !== except)
      .map((role) => button(roleName(role), press.role(role))),
  );
}

export const employeeScreens = {
  list(page: EmployeePage, view: { actor: Employee; search: string | null; notice?: string | null }): Screen {
    const rows: InlineButton[][] = page.employees
      .filter((row) => mayRead(view.actor.role, row.role))
      .map((row) => [button(rowLabel(row), press.open(row.id))]);
    rows.push(...pagerRow(page.page, page.pages, (to) => press.list(to, view.search)));
    if (view.search) rows.push([button(t.kit.clearSearch, press.list(1, null))]);
    if (can(view.actor.role, 'employees.create')) rows.push([button(e.list.create, press.create())]);
    rows.push(homeRow);
    return { text: listText(page, view), buttons: rows };
  },

  detail(target: EmployeeView, view: { actor: Employee; page: number; search: string | null; notice?: string | null }): Screen {
    const rows: InlineButton[][] = [];
    const offered = offers(view.actor, target);
    const manage: InlineButton[] = [];
    if (offered.edit && can(view.actor.role, 'employees.edit')) manage.push(button(e.detail.edit, press.edit(target.id)));
    if (offered.remove && can(view.actor.role, 'employees.delete')) manage.push(button(e.detail.delete, press.remove(target.id)));
    if (manage.length > 0) rows.push(manage);
    rows.push(backRow(press.list(view.page, view.search)), homeRow);
    return { text: detailText(target, view), buttons: rows };
  },

  /** A call failed: its reason, a retry of the same navigation (unless the record is gone), the list. */
  failure(message: string, retry: ButtonData | null, back: ButtonData): Screen {
    return failureScreen(message, { retry, back });
  },

  confirmRemove(target: EmployeeView): Screen {
    return confirmScreen(e.remove.confirm(html(target.fullName, 120), target.id), {
      yes: buttons.confirmDelete,
      confirm: press.confirmRemove(target.id),
      keep: press.open(target.id),
    });
  },

  // ---- the create wizard ----

  /** A question; the password's second message is the confirmation (`confirming`). */
  ask(question: Question<DraftField>, view: { actorRole: string; cancel: ButtonData; notice?: string | null; confirming?: boolean }): Screen {
    const { field } = question;
    const lines = [questionHeader(e.create.step, fieldLabel(field), question.step, draftFields.length), ''];
    if (view.notice) lines.push(t.error(html(view.notice, 300)), '');
    lines.push(...problems(fieldLabel(field), question));
    lines.push(field === 'password' && view.confirming ? e.ask.confirm : e.ask[field]);
    const rows = field === 'role' ? roleRows(view.actorRole) : [];
    if (field === 'speciality') rows.push([button(buttons.skip, press.skip())]);
    if (question.reviewing && !view.confirming) rows.push([button(t.kit.backToSummary, press.review())]);
    rows.push(cancelRow(view.cancel));
    return { text: lines.join('\n'), buttons: rows };
  },

  summary(draft: Partial<Record<DraftField, unknown>>, view: { failure?: string | null; cancel: ButtonData }): Screen {
    return summaryScreen({ title: e.create.summary, fields: draftFields, label: fieldLabel, shown: (field) => shownValue(field, draft[field]), press, ...view });
  },

  // ---- the edit flow ----

  editFields(target: EmployeeView, view: { actor: Employee; failure?: string | null }): Screen {
    const offered = offers(view.actor, target);
    const items = [button(fieldLabel('fullName'), press.field('fullName')), button(fieldLabel('speciality'), press.field('speciality'))];
    if (offered.role) items.push(button(e.fields.role, press.field('role')));
    if (offered.active) items.push(button(target.isActive ? e.edit.deactivate : e.edit.activate, press.field('active')));
    const rows = inRows(items);
    rows.push(backRow(press.open(target.id)));
    const lines = [e.edit.title(html(target.fullName, 120))];
    if (target.id === view.actor.id) lines.push('', e.detail.self);
    return { text: withNotice(view.failure ? t.error(html(view.failure, 300)) : null, lines.join('\n')), buttons: rows };
  },

  editValue(field: TypedEditField, target: EmployeeView, view: { reason?: string | null; refusal?: string | null }): Screen {
    const current = field === 'fullName' ? html(target.fullName, 120) : target.professionality ? html(target.professionality, 120) : e.detail.noSpeciality;
    const lines = [e.edit.title(html(target.fullName, 120)), '', ...problems(fieldLabel(field), view), e.ask[field], e.edit.current(fieldLabel(field), current)];
    const rows: InlineButton[][] = [];
    if (field === 'speciality' && target.professionality) rows.push([button(e.edit.clearSpeciality, press.clear())]);
    rows.push([button(e.edit.toFields, press.fields())], cancelRow(press.open(target.id)));
    return { text: lines.join('\n'), buttons: rows };
  },

  editRole(target: EmployeeView, view: { actor: Employee; refusal?: string | null }): Screen {
    const lines = [e.edit.roleQuestion(html(target.fullName, 120)), '', ...problems(e.fields.role, view)];
    lines.push(e.edit.current(e.fields.role, html(roleName(target.role, target.roleDisplay))));
    const rows = roleRows(view.actor.role, target.role);
    rows.push([button(e.edit.toFields, press.fields())], cancelRow(press.open(target.id)));
    return { text: lines.join('\n'), buttons: rows };
  },

  confirmActive(target: EmployeeView): Screen {
    const name = html(target.fullName, 120);
    return confirmScreen(target.isActive ? e.edit.confirmDeactivate(name) : e.edit.confirmActivate(name), {
      yes: target.isActive ? e.edit.yesDeactivate : e.edit.yesActivate,
      confirm: press.confirmActive(target.id),
      keep: press.fields(),
      keepLabel: e.edit.toFields,
    });
  },
} as const;
