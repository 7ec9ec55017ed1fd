/**
 * What to try, per flow machine, in a given state: the registry of event generators. Each entry
 * returns the person's events worth trying now, with realistic payloads (valid and invalid emails,
 * phones, passports, dates, names), and optionally the context fields that make two states of the
 * flow different for the traversal.
 *
 * Everything that is the same for every flow is added by test/model/graph.ts, so that a new flow
 * is explored even before it has an entry here: every inline button on the newest message (and
 * the buttons of the message before it, as a person scrolling back would press them), a plain
 * text, a text with HTML characters and a photo; and for every event that calls the backend, the same event with
 * the backend down (network), with the session expired (session), after the person was demoted
 * (403, for calls that change data), and after the record it names was deleted by someone else
 * (404, see `recordOf`). Validation errors come from payloads the backend refuses (a duplicate
 * phone, a student's email at the login).
 */
import type { StateValue } from 'xstate';
import type { BackendCallName } from '../../machines/backend.js';
import type { ButtonData } from '../../machines/ui/callback.js';
import type { Employee } from '../../api/types.js';
import { menuItemsFor, sectionNamed } from '../../machines/sections.js';
import { menu, type MenuItem } from '../../machines/ui/texts.js';
import type { BackendSimulator, Role } from '../harness/backend-simulator.js';
import { normaliseEmailAnswer, normalisePassport, normalisePhone, type Checked } from '../../machines/validation.js';
import type { ModelEvent } from './model.js';
import type { WorldChange } from './world.js';
import { MENTORS_SHOWN } from '../../machines/ui/groups-screens.js';

/** A flow's part of a model state, as a generator sees it. */
export interface FlowView {
  /** the flow's machine id */
  flow: string;
  value: StateValue;
  context: Record<string, unknown>;
  /** whether the flow is in this state: `'waitingForEmail'`, `'list.shown'` */
  in(path: string): boolean;
  /** who is logged in in the chat (null when nobody) */
  employee: Employee | null;
  /** the inline buttons a person can press now, newest message first */
  buttons: PressableButton[];
  /** the newest bot message (0 = the bot's first message in the chat; -1: none yet) */
  lastMessage: number;
  /** seed data of the backend simulator (emails, passwords, students) */
  seed: BackendSimulator;
  /**
   * the one section the graph explores (graph.ts builds a graph per section): the main menu offers
   * it and the items that are no section (the profile, logout), not the other sections
   */
  focus: string;
}

export interface PressableButton {
  data: ButtonData;
  label: string;
  /** the bot message carrying it (0 = the bot's first message in the chat) */
  message: number;
  newest: boolean;
}

export interface FlowEvents {
  /** the flow's own events worth trying in this state (the generic ones are added anyway) */
  events?(view: FlowView): ModelEvent[];
  /**
   * Context that changes what the flow does next, beyond its state value. The traversal treats
   * two states with the same value and the same key as one; keep it small, or the graph explodes.
   */
  key?(context: Record<string, unknown>): unknown;
}

// ---------------------------------------------------------------- payloads

export const text = (value: string): ModelEvent => ({ type: 'TEXT', text: value });
export const command = (name: 'start' | 'menu' | 'cancel' | 'help' | 'unknown'): ModelEvent => ({ type: 'COMMAND', command: name });
export const menuButton = (item: MenuItem): ModelEvent => ({ type: 'MENU', item });
export const photo: ModelEvent = { type: 'MEDIA' };

/** A modified client's button on a bot message: data the message's keyboard does not carry. */
export const forgedPress = (button: ButtonData, message: number, label: string): ModelEvent => ({ type: 'BUTTON', button, message, label, forged: true });

/** The bot message with the newest inline buttons, if any. */
const newestMessage = (view: FlowView): number | undefined => view.buttons.find((button) => button.newest)?.message;

/**
 * Whether the person's role was changed on this path already (their email is no longer the seed's
 * for their role): a role changes once a path, a second change doubles the graph and reaches nothing new.
 */
const roleChangedAlready = (employee: Employee, view: FlowView): boolean => employee.email !== view.seed.emailOf(employee.role as Role);

/** The roles whose permissions differ in some flow: full rights, booking, changing groups, reading only. */
export const loginRoles: Role[] = ['administrator', 'direktor', 'mentor', 'buxgalter'];

export const samples = {
  /** a message typed where the bot expects something else */
  chatter: 'Salom',
  /** as long as Telegram lets a person write: screens that quote it must still fit 4096 characters */
  long: `${'Juda uzun matn '.repeat(273)}x`.slice(0, 4096),
  invalidEmails: ['salom', 'ali@', 'ali vali@bimuz.uz'],
  /** valid for the bot, unknown to the backend */
  unknownEmail: 'nobody@bimuz.uz',
  wrongPassword: "Noto'g'ri#parol1",
  htmlLike: '<b>Ali</b> & "Vali"',
};

// ---------------------------------------------------------------- the registry

const chatEvents = (view: FlowView): ModelEvent[] => {
  const events: ModelEvent[] = [command('start'), command('menu'), command('cancel'), command('help'), command('unknown')];
  events.push(text(samples.chatter), photo);
  const employee = view.employee;
  if (!employee) return [...events, menuButton('students')];
  const offered = menuItemsFor(employee.role);
  const items = offered.filter((item) => item === view.focus || !sectionNamed(item));
  // inside a section every menu item is the same transition of the chat: leaving the flow for
  // another one. The profile stands for all there; the whole menu is pressed at the main menu.
  const running = typeof view.value === 'object' ? sectionNamed(String(view.value.loggedIn))?.name : undefined;
  events.push(...(running ? items.filter((item) => item === 'profile') : items).map(menuButton));
  // typed by hand: the section when this role's menu does not offer it
  if (!offered.includes(view.focus as MenuItem) && view.focus in menu) events.push(menuButton(view.focus as MenuItem));
  // a modified client's button of the section, with an action it never shows: out of date. Inside
  // the section on the newest message with buttons; at the main menu on the newest message, where
  // it opens the section first
  const newest = newestMessage(view);
  const forged = { section: view.focus, action: 'zz' };
  if (running && newest !== undefined) events.push(forgedPress(forged, newest, 'zz'));
  if (view.in('loggedIn.ready') && sectionNamed(view.focus) && view.lastMessage >= 0) events.push(forgedPress(forged, view.lastMessage, 'zz'));
  // what the runtime does on its own: the session vanished, the role was re-read (same or changed)
  const otherRole: Role = employee.role === 'mentor' ? 'administrator' : 'mentor';
  events.push({ ...command('help'), sessionLost: true }, { ...command('help'), staleProfile: true }, { ...command('help'), snapshotLost: true });
  // a role changes once in a path (roleChangedAlready). Inside a section it changes only where the screen offers an action (a save, a confirmation, a
  // choice): what a new role changes is whether that action is still allowed; on a list or a
  // detail it would only double the graph
  const offersAction = view.buttons.some((button) => {
    const section = button.newest ? sectionNamed(button.data.section) : undefined;
    return section !== undefined && !section.buttons.isNavigation({ type: 'BUTTON', button: button.data });
  });
  if (!roleChangedAlready(employee, view) && (!running || offersAction)) events.push({ ...command('help'), staleProfile: true, change: [{ kind: 'role', email: employee.email, role: otherRole }] });
  return events;
};

const loginEvents = (view: FlowView): ModelEvent[] => {
  if (view.in('waitingForEmail')) {
    const student = view.seed.db.students[0]!.email!;
    return [
      ...loginRoles.map((role) => text(view.seed.emailOf(role))),
      text(`  ${view.seed.emailOf('administrator').toUpperCase()}  `),
      ...samples.invalidEmails.map(text),
      text(samples.unknownEmail),
      // an account that exists but is not an employee: the backend refuses it
      text(student),
    ];
  }
  if (view.in('waitingForPassword')) {
    const email = String(view.context.email ?? '');
    const events = [text(samples.wrongPassword)];
    try {
      events.unshift(text(view.seed.passwordOf(email)));
    } catch {
      // an email the backend does not know has no right password
    }
    return events;
  }
  return [];
};

/** Today minus some years, as a person types a birth date (`15.01.2005`). */
function yearsAgo(years: number, day = 15, month = 1): string {
  const year = new Date().getUTCFullYear() - years;
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

/**
 * Answers per field of the student forms: what a person types when all is well, what the backend
 * refuses although the bot accepts it (another student's email, phone or passport), and what the
 * bot itself refuses. The duplicates come first: states are merged by their key, and the first
 * answer found is the one the traversal continues with, so a first save is refused and the fix
 * after it is explored as well.
 */
const answers: Record<string, { duplicate?: string; fine: string[]; wrong: string[] }> = {
  fullName: { fine: ["Abdullayeva Zuhra O'g'li"], wrong: ['Ali', 'Ali 123'] },
  email: { duplicate: 'student2@bimuz.local', fine: ['zuhra.abdullayeva@bimuz.uz'], wrong: ['zuhra@'] },
  phone: { duplicate: '+998 90 123 45 02', fine: ['+998 93 555-44-33'], wrong: ['12345', '+7 916 123 45 67'] },
  passport: { duplicate: 'AA1234502', fine: ['ab 7654321'], wrong: ['A1', 'АВ1234567'] },
  birthDate: { fine: [yearsAgo(19)], wrong: ['31.02.2004', yearsAgo(2), 'kecha'] },
  address: { fine: ['Toshkent sh., Yunusobod t., 12-uy'], wrong: [] },
  inn: { fine: ['123456789'], wrong: ['12345'] },
  pinfl: { fine: ['31705012000099'], wrong: ['3170501'] },
};

/** Typed answers to the question for `field`; without duplicates once the backend has spoken. */
function answersFor(field: string, withDuplicates: boolean): ModelEvent[] {
  const entry = answers[field];
  if (!entry) return [];
  const values = [...(withDuplicates && entry.duplicate ? [entry.duplicate] : []), ...entry.fine, ...entry.wrong];
  return values.map(text);
}

/** The draft's fields that hold another student's email, phone or passport (the backend will refuse them). */
function duplicateFields(draft: Record<string, unknown>): string[] {
  const normalised: Record<string, (text: string) => Checked<string>> = { email: normaliseEmailAnswer, phone: normalisePhone, passport: normalisePassport };
  return Object.entries(normalised).flatMap(([field, normalise]) => {
    const duplicate = answers[field]?.duplicate;
    const checked = duplicate === undefined ? null : normalise(duplicate);
    return checked?.ok && draft[field] === checked.value ? [field] : [];
  });
}

/** A group that takes bookings in the seed data (starts in two weeks, free seats). */
const BOOKABLE_GROUP = 1;

/**
 * A detail's group buttons pressed after another employee changed the student's group: booked
 * them meanwhile (the "book" button no longer applies) or cancelled their booking ("change" and
 * "cancel booking" no longer apply).
 */
function staleGroupActions(view: FlowView): ModelEvent[] {
  const student = view.context.student as { id: number; groupId: number | null } | null;
  if (!student || !view.employee) return [];
  const other = view.employee.role === 'administrator' ? view.seed.emailOf('dasturchi') : view.seed.emailOf('administrator');
  const change = student.groupId === null
    ? { kind: 'call' as const, call: 'bookStudent' as const, input: { studentId: student.id, groupId: BOOKABLE_GROUP }, email: other }
    : { kind: 'call' as const, call: 'cancelStudentBooking' as const, input: { studentId: student.id }, email: other };
  const actions = student.groupId === null ? ['book'] : ['change', 'unbook'];
  return view.buttons
    .filter((button) => button.newest && button.data.id === student.id && actions.includes(button.data.action))
    .map((button) => ({ type: 'BUTTON' as const, button: button.data, message: button.message, label: button.label, change: [change] }));
}

const studentsEvents = (view: FlowView): ModelEvent[] => {
  if (view.in('detail')) return staleGroupActions(view);
  // the direktor may open students but not cancel a booking: made one meanwhile, the bot refuses it
  if (view.in('confirmingCancelBooking')) return pressAfterRoleChange(view, 'unbook_ok', 'direktor');
  if (!view.in('list.shown')) return [];
  // a name, a phone typed with spaces, nothing found, only spaces, and the longest message possible
  return [text('Karimova'), text('+998 90 123 45 02'), text('Qwertyuiop'), text('   '), text(samples.long)];
};

const createEvents = (view: FlowView): ModelEvent[] => {
  const asking = /^asking(\w+)$/.exec(typeof view.value === 'string' ? view.value : '');
  if (!asking) return [];
  const field = asking[1]!.charAt(0).toLowerCase() + asking[1]!.slice(1);
  const refusals = (view.context.refusals ?? {}) as Record<string, string>;
  const fresh = !view.context.reviewing && Object.keys(refusals).length === 0;
  return [...answersFor(field, fresh), ...(field === 'address' ? [text(samples.long)] : [])];
};

const editEvents = (view: FlowView): ModelEvent[] => {
  if (!view.in('askingValue')) return [];
  return answersFor(String(view.context.field ?? ''), true);
};

// ---------------------------------------------------------------- groups

/**
 * The model presses only the first and the last row of a list (graph.ts); a group whose
 * attendance has lessons is opened on purpose, so that one lesson's screen is reached too.
 */
const groupsEvents = (view: FlowView): ModelEvent[] => {
  if (!view.in('list.shown')) return [];
  const withLessons = new Set(view.seed.db.attendances.map((attendance) => attendance.group));
  const row = view.buttons.find((button) => button.newest && button.data.action === 'open' && withLessons.has(button.data.id ?? -1));
  return row ? [{ type: 'BUTTON', button: row.data, message: row.message, label: row.label }] : [];
};

/**
 * Answers per typed field of the group forms: one the bot takes, then ones it refuses. Seats of
 * `1` are refused when editing a group with more students than that.
 */
const groupAnswers: Record<string, string[]> = {
  time: ['9:30', '25:00'],
  startingDate: ['15.01.2027', '31.02.2027'],
  seats: ['12', '0', '1'],
  price: ['1 500 000', '1e6'],
  totalLessons: ['48', '0'],
};

/** Employees who are made mentors in front of the mentor question, so that the picker has a second page. */
const becomeMentors = ['dasturchi', 'buxgalter', 'sotuv_agenti', 'assistent'];

function promotions(view: FlowView): WorldChange[] {
  const emails = [...becomeMentors.map((role) => view.seed.emailOf(role as Role)), 'bulk.emp02@bimuz.local'];
  return emails.filter((email) => email !== view.employee?.email).map((email) => ({ kind: 'role' as const, email, role: 'mentor' as Role }));
}

/**
 * A newest button of the flow with this action, pressed right after the runtime re-read the
 * person's role and found `role` (once a path, like the chat's change of role): a role that may
 * still open the section but not do what the button asks.
 */
function pressAfterRoleChange(view: FlowView, action: string, role: Role): ModelEvent[] {
  const employee = view.employee;
  if (!employee || employee.role === role || roleChangedAlready(employee, view)) return [];
  return pressWith(view, action, [{ kind: 'role', email: employee.email, role }]).map((event) => ({ ...event, staleProfile: true }));
}

/** A newest button of the flow with this action, pressed after `change` happened meanwhile. */
function pressWith(view: FlowView, action: string, change: WorldChange[], which: { id?: number; value?: string } = {}): ModelEvent[] {
  return view.buttons
    .filter((button) => button.newest && button.data.action === action && (which.id === undefined || button.data.id === which.id) && (which.value === undefined || button.data.value === which.value))
    .slice(0, 1)
    .map((button) => ({ type: 'BUTTON' as const, button: button.data, message: button.message, label: button.label, change }));
}

/** A mentor of the picker who is no longer one when the choice is saved: the backend refuses them. */
function demotedMentor(view: FlowView, mentorId: number | undefined): WorldChange[] {
  const email = view.seed.db.employees.find((employee) => employee.id === mentorId)?.email;
  return email ? [{ kind: 'role', email, role: 'assistent' }] : [];
}

const createGroupEvents = (view: FlowView): ModelEvent[] => {
  const asking = /^asking(\w+)$/.exec(typeof view.value === 'string' ? view.value : '');
  if (asking) {
    const field = asking[1]!.charAt(0).toLowerCase() + asking[1]!.slice(1);
    const events = (groupAnswers[field] ?? []).map(text);
    // the last typed answer, given after more employees became mentors
    if (field === 'totalLessons') events.push({ ...text('72'), change: promotions(view) });
    return events;
  }
  if (view.in('summary')) {
    const mentor = (view.context.draft as { mentor?: { id: number } | null }).mentor;
    return mentor ? pressWith(view, 'save', demotedMentor(view, mentor.id)) : [];
  }
  return [];
};

const editGroupEvents = (view: FlowView): ModelEvent[] => {
  if (view.in('askingValue')) return (groupAnswers[String(view.context.field ?? '')] ?? []).map(text);
  if (view.in('choosingField')) return pressWith(view, 'field', promotions(view), { value: 'mentor' });
  if (view.in('choosingMentor')) {
    const first = view.buttons.find((button) => button.newest && button.data.action === 'mentor');
    return first ? pressWith(view, 'mentor', demotedMentor(view, first.data.id), { id: first.data.id }) : [];
  }
  return [];
};

/** Whether the mentor picker has more than one page. */
const pickerPages = (context: Record<string, unknown>) => ((context.picker as { mentors?: unknown[] } | null)?.mentors?.length ?? 0) > MENTORS_SHOWN;

const groupIdOf = (input: { id?: number; groupId?: number }) => ({ table: 'groups' as const, id: input.groupId ?? input.id ?? 0 });

const studentIdOf = (input: { id?: number; studentId?: number }) => ({ table: 'students' as const, id: input.studentId ?? input.id ?? 0 });

// ---------------------------------------------------------------- reports

/**
 * The person's role re-read while a section is shown, changed to another role that may still open
 * it (the flow goes on with the new one); once a path, like the chat's change of role.
 */
function roleChangedWithin(view: FlowView, role: Role): ModelEvent[] {
  const employee = view.employee;
  if (!employee || roleChangedAlready(employee, view)) return [];
  return [{ ...command('help'), staleProfile: true, change: [{ kind: 'role', email: employee.email, role }] }];
}

/** A month typed where the reports are shown: a past one with no payments, and one that is not a month. */
const reportsEvents = (view: FlowView): ModelEvent[] => {
  if (!view.in('home') && !view.in('shown')) return [];
  const events = [text('2025-01'), text('2026-13')];
  if (view.in('shown')) events.push(...roleChangedWithin(view, view.employee?.role === 'buxgalter' ? 'administrator' : 'buxgalter'));
  // a modified client's month button whose month is not one (over a report: the choice replaces it)
  const newest = newestMessage(view);
  if (newest !== undefined && view.in('shown')) events.push(forgedPress({ section: 'reports', action: 'month', value: '2026-13' }, newest, '2026-13'));
  return events;
};

const analyticsEvents = (view: FlowView): ModelEvent[] => (view.in('shown') ? roleChangedWithin(view, view.employee?.role === 'direktor' ? 'dasturchi' : 'direktor') : []);

// ---------------------------------------------------------------- attendance

/** Tashkent's date, as the runtime gives it to the flows. */
const todayThere = () => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
const typedDay = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const daysAgo = (days: number) => typedDay(new Date(Date.parse(`${todayThere()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10));

const attendanceEvents = (view: FlowView): ModelEvent[] => {
  // a day typed over the list or the days picker: one with lessons, a day that is not, not a day at all
  if (view.in('list.shown') || view.in('days')) {
    const events = [text(daysAgo(1)), text('31.02.2027'), text('kecha')];
    if (view.in('list.shown')) events.push(...roleChangedWithin(view, view.employee?.role === 'administrator' ? 'direktor' : 'administrator'));
    return events;
  }
  return [];
};

const markAttendanceEvents = (view: FlowView): ModelEvent[] => {
  // the lesson's day typed: an earlier one, a future one (refused), not a day at all
  if (view.in('choosingDate')) return [text(daysAgo(2)), text(daysAgo(-3)), text('kecha')];
  return [];
};


// ---------------------------------------------------------------- employees

/**
 * Answers per typed field of the employee forms: what the backend refuses although the bot
 * accepts it first (another employee's email, a password its validators refuse), then fine
 * ones, then what the bot refuses.
 */
const employeeAnswers: Record<string, { refused?: string; fine: string[]; wrong: string[] }> = {
  email: { refused: 'mentor@bimuz.local', fine: ['yangi.xodim@bimuz.uz'], wrong: ['xodim@'] },
  firstName: { fine: ['Sardor'], wrong: ['X'] },
  lastName: { fine: ["Qo'chqorov"], wrong: ['123'] },
  speciality: { fine: ['Revit'], wrong: [samples.long] },
  fullName: { fine: ['Sardor Qodirov'], wrong: ['Sardor'] },
};

/** A password Django's validators refuse three times over, and one they accept. */
const WEAK_PASSWORD = '12345678';
const GOOD_PASSWORD = 'Yangi#Parol2026';

const employeeTexts = (field: string, withRefused: boolean): ModelEvent[] => {
  const entry = employeeAnswers[field];
  if (!entry) return [];
  return [...(withRefused && entry.refused ? [entry.refused] : []), ...entry.fine, ...entry.wrong].map(text);
};

const employeesEvents = (view: FlowView): ModelEvent[] => {
  if (!view.in('list.shown')) return [];
  // a role, a speciality, nothing found, only spaces
  const events = [text('mentor'), text('revit'), text('Qwertyuiop'), text('   ')];
  // a modified client's delete button for the person's own account (the detail never offers it)
  const newest = newestMessage(view);
  if (newest !== undefined && view.employee) events.push(forgedPress({ section: 'employees', action: 'delete', id: view.employee.id }, newest, 'delete'));
  return events;
};

/** The employee logged in, made another role meanwhile (by someone else). */
const demoted = (view: FlowView, role: Role): WorldChange[] => (view.employee ? [{ kind: 'role', email: view.employee.email, role }] : []);

const createEmployeeEvents = (view: FlowView): ModelEvent[] => {
  const refusals = (view.context.refusals ?? {}) as Record<string, string>;
  const fresh = !view.context.reviewing && Object.keys(refusals).length === 0;
  const asking = /^asking(\w+)$/.exec(typeof view.value === 'string' ? view.value : '');
  if (asking && asking[1] !== 'Password') return employeeTexts(asking[1]!.charAt(0).toLowerCase() + asking[1]!.slice(1), fresh);
  // a password the backend's validators refuse (once), and a good one
  if (view.in('askingPassword')) return [...(fresh ? [text(WEAK_PASSWORD)] : []), text(GOOD_PASSWORD)];
  if (view.in('confirmingPassword')) return [text(String(view.context.pending ?? '')), text('Boshqa#Parol2026')];
  if (view.in('summary')) {
    // the role given is no longer one this employee may give: a direktor made an administrator meanwhile
    const role = (view.context.draft as { role?: string }).role;
    return role === 'direktor' ? pressWith(view, 'save', demoted(view, 'administrator')) : [];
  }
  return [];
};

const editEmployeeEvents = (view: FlowView): ModelEvent[] => {
  if (view.in('askingValue')) return employeeTexts(String(view.context.field ?? ''), false);
  // the direktor's role given by someone made an administrator meanwhile: the bot refuses it
  if (view.in('choosingRole')) return pressWith(view, 'role', demoted(view, 'administrator'), { value: 'direktor' });
  return [];
};

const employeeIdOf = (input: { id?: number; targetId?: number | null }) => {
  const id = input.targetId ?? input.id ?? null;
  return id === null ? null : { table: 'employees' as const, id };
};

// ---------------------------------------------------------------- documents

/** A name, only spaces, and the role re-read as another that may open documents (every role may). */
const documentsEvents = (view: FlowView): ModelEvent[] =>
  view.in('list.shown') ? [text('Karimova'), text('   '), ...roleChangedWithin(view, view.employee?.role === 'administrator' ? 'buxgalter' : 'administrator')] : [];

// ---------------------------------------------------------------- booking

/**
 * A change of group confirmed on a backend whose defects are fixed: the captured one fails every
 * change that needs a new invoice (every change the seed data allows).
 */
const bookingEvents = (view: FlowView): ModelEvent[] => {
  const student = view.context.student as { groupId?: number | null } | undefined;
  return view.in('confirming') && student?.groupId != null ? pressWith(view, 'group_ok', [{ kind: 'intended' }]) : [];
};

// ---------------------------------------------------------------- payments

/**
 * Another employee who may mark invoices paid, acting behind the person's back: the direktor (no
 * path makes them a mentor), or the dasturchi when the person is the direktor.
 */
const otherCashier = (view: FlowView) => {
  const direktor = view.seed.emailOf('direktor');
  return view.employee?.email === direktor ? view.seed.emailOf('dasturchi') : direktor;
};

const paidMeanwhile = (view: FlowView): WorldChange[] => {
  const id = Number(view.context.invoiceId ?? 0);
  return id > 0 ? [{ kind: 'call', call: 'markInvoicePaid', input: { id, method: 'cash' }, email: otherCashier(view) }] : [];
};

/**
 * A row of an older list (before a search) pressed after the person became a mentor with no
 * groups: every invoice is another mentor's (the backend would still show it by id, capture 175).
 */
function foreignInvoice(view: FlowView): ModelEvent[] {
  const employee = view.employee;
  if (!employee || employee.role === 'mentor') return [];
  const row = view.buttons.find((button) => !button.newest && button.data.action === 'open');
  return row ? [{ type: 'BUTTON', button: row.data, message: row.message, label: row.label, staleProfile: true, change: [{ kind: 'role', email: employee.email, role: 'mentor' }] }] : [];
}

const paymentsEvents = (view: FlowView): ModelEvent[] => {
  // a name with a status filter's worth of rows, an invoice number with its sign, a speciality's name, nothing found, only spaces
  if (view.in('list.shown')) return [text('Karimova'), text('#2'), text('Revit Structure'), text('Qwertyuiop'), text('   '), ...foreignInvoice(view)];
  if (view.in('detail')) {
    return [
      // the link with Multicard working, and without its credentials (the captured backend answers 500 to the plain press)
      ...pressWith(view, 'link', [{ kind: 'paymentLinks', mode: 'working' }]),
      ...pressWith(view, 'link', [{ kind: 'paymentLinks', mode: 'unconfigured' }]),
      // someone else marked it paid meanwhile: no link is asked for, and it is not marked twice
      ...pressWith(view, 'link', paidMeanwhile(view)),
      ...pressWith(view, 'pay', paidMeanwhile(view)),
    ];
  }
  // someone marked it paid meanwhile; or the person was made an administrator, who may not mark it
  if (view.in('confirmingPaid')) return [...pressWith(view, 'paid', paidMeanwhile(view)), ...pressAfterRoleChange(view, 'paid', 'administrator')];
  return [];
};

/** Generators by flow machine id. A flow without an entry gets only the generic events. */
export const flowEvents: Record<string, FlowEvents> = {
  chat: {
    events: chatEvents,
    key: (context) => (context.employee as Employee | null)?.role ?? null,
  },
  login: {
    events: loginEvents,
    // the email decides the role the person will have: logins with different emails are different states
    key: (context) => context.email,
  },
  students: {
    events: studentsEvents,
    // what a detail offers depends on whether the student is in a group
    key: (context) => (context.student as { groupId?: number | null } | null)?.groupId != null,
  },
  createStudent: {
    events: createEvents,
    // which answers are in, whether the summary was reached, what is being fixed, and whether the
    // draft still holds answers the backend refuses (otherwise a fixed draft merges with the refused one)
    key: (context) => {
      const draft = (context.draft ?? {}) as Record<string, unknown>;
      return [Object.keys(draft).sort(), context.reviewing, context.fixing, Object.keys(context.refusals ?? {}).length > 0, duplicateFields(draft)];
    },
  },
  editStudent: {
    events: editEvents,
    // sources are picked with buttons, optional fields can be emptied: each field asks differently
    key: (context) => context.field,
  },
  groups: {
    events: groupsEvents,
    // how many students the group has: what deleting it says, and which seats editing accepts
    key: (context) => (context.group as { studentsCount?: number } | null)?.studentsCount ?? null,
  },
  createGroup: {
    events: createGroupEvents,
    // which answers are in, whether the summary was reached, what is being fixed, whether a
    // refusal is being answered, and whether the mentor picker has a second page
    key: (context) => {
      const draft = (context.draft ?? {}) as Record<string, unknown>;
      return [Object.keys(draft).sort(), context.reviewing, context.fixing, Object.keys(context.refusals ?? {}).length > 0, pickerPages(context)];
    },
  },
  editGroup: {
    events: editGroupEvents,
    // each field asks differently; the picker may have a second page; a refusal is being answered
    key: (context) => [context.field, pickerPages(context), context.refusal !== null],
  },
  reports: {
    events: reportsEvents,
    // without today's month the choice offers no month buttons
    key: (context) => context.today !== null,
  },
  attendance: {
    events: attendanceEvents,
    // whether the list is narrowed (a group, days), which decides its clear buttons
    key: (context) => {
      const filter = context.filter as { groupId?: number | null; from?: string | null } | undefined;
      return [filter?.groupId != null, filter?.from != null];
    },
  },
  markAttendance: {
    events: markAttendanceEvents,
    // an empty sheet or not, a correction or a new record, and whether the person may mark it (a
    // manager made a mentor meanwhile may not mark another mentor's group)
    key: (context) => {
      const sheet = context.sheet as { existing?: unknown; group: { mentorId: number | null } } | null;
      const employee = context.employee as Employee;
      const mayMark = sheet === null || employee.role !== 'mentor' || sheet.group.mentorId === employee.id;
      return [((context.present as number[] | undefined) ?? []).length > 0, sheet?.existing != null, mayMark];
    },
  },
  employees: {
    events: employeesEvents,
    // whose detail is shown (one's own offers less), and what editing it offers: clearing a speciality, activating
    key: (context) => {
      const target = context.target as { id?: number; professionality?: string | null; isActive?: boolean } | null;
      const me = context.employee as { id?: number } | null;
      return target ? [target.id === me?.id, target.professionality != null, target.isActive] : null;
    },
  },
  createEmployee: {
    events: createEmployeeEvents,
    // which answers are in, whether the summary was reached, what is being fixed, whether a
    // refusal is being answered, the password's first spelling waiting, and a mismatch shown
    key: (context) => {
      const draft = (context.draft ?? {}) as Record<string, unknown>;
      // and whether the draft holds what the backend refuses or the one password it accepts (else a
      // fixed draft merges with the refused one, and any text typed as a password with the good one)
      const refused = [draft.email === employeeAnswers.email!.refused, draft.password === WEAK_PASSWORD, draft.password === GOOD_PASSWORD, context.pending === GOOD_PASSWORD];
      return [Object.keys(draft).sort(), context.reviewing, context.fixing, Object.keys(context.refusals ?? {}).length > 0, context.pending !== null, context.mismatch, context.notice !== null, refused];
    },
  },
  editEmployee: {
    events: editEmployeeEvents,
    key: (context) => [context.field, (context.target as { isActive?: boolean; professionality?: string | null } | null)?.isActive, (context.target as { professionality?: string | null } | null)?.professionality != null],
  },
  payments: {
    events: paymentsEvents,
    // what the detail offers depends on the invoice's status and on whether a link just failed; the
    // list's header on whether a filter and a search are on
    key: (context) => [(context.facts as { invoice?: { status?: string } } | null)?.invoice?.status ?? null, context.linkFailed, context.status !== null, context.search !== null],
  },
  analytics: {
    events: analyticsEvents,
  },
  documents: {
    events: documentsEvents,
  },
  studentBooking: {
    events: bookingEvents,
    // booking (not in a group yet) and changing the group end in different backend calls, and
    // whether the backend accepts the move depends on the group chosen (prices, invoices)
    key: (context) => [(context.student as { groupId?: number | null } | null)?.groupId != null, (context.chosen as { id?: number } | null)?.id ?? null],
  },
};

/**
 * For backend calls that name a record: the record, so that a step calling it can also be tried
 * after another employee deleted that record (the backend answers 404).
 */
export const recordOf: Partial<Record<BackendCallName, (input: never) => { table: 'students' | 'groups' | 'employees'; id: number } | null>> = {
  getStudent: studentIdOf,
  updateStudent: studentIdOf,
  deleteStudent: studentIdOf,
  bookStudent: studentIdOf,
  changeStudentGroup: studentIdOf,
  cancelStudentBooking: studentIdOf,
  getGroup: groupIdOf,
  updateGroup: groupIdOf,
  openMarking: groupIdOf,
  deleteGroup: groupIdOf,
  getEmployee: employeeIdOf,
  readParties: employeeIdOf,
  updateEmployee: employeeIdOf,
  deleteEmployee: employeeIdOf,
};
