import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyActorRef } from 'xstate';
import type { Effect } from '../../adapters/effects.js';
import type { Employee } from '../../api/types.js';
import { SNAPSHOT_FORMAT, saveSnapshot } from '../../adapters/snapshot.js';
import { bindScope, provideAll, type BackendImplementations, type UpdateScope } from '../../adapters/provide.js';
import { BackendError, type FailureKind } from '../../api/errors.js';
import { chatMachine } from '../../machines/chat.js';
import { receiverOf } from '../../machines/flow.js';
import type { PersonEvent } from '../../machines/events.js';
import { roles } from '../../machines/permissions.js';
import { menuItemsFor, sectionNamed, sections } from '../../machines/sections.js';
import { encodeButton, type ButtonData } from '../../machines/ui/callback.js';
import type { Screen } from '../../machines/ui/screen.js';
import { menu, type MenuItem } from '../../machines/ui/texts.js';
import { discoverFlows } from '../../scripts/flows/catalog.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { anAnalyticsView } from './analytics-fixtures.js';
import { aMarkingResult, aMarkingSheet, anAttendancePage } from './attendance-fixtures.js';
import { aPerson, anEmployee, anEmployeePage } from './employees-fixtures.js';
import { aGroupRow, aGroupView, aLesson, someLessons } from './groups-fixtures.js';
import { anInvoicePage, someInvoiceFacts } from './payments-fixtures.js';
import { aBalance, aReport } from './reports-fixtures.js';
import { aBooking, aBookingCancel, aGroup, aGroupChange, aStudent, aStudentPage } from './students-fixtures.js';

/**
 * Random event sequences through the chat machine and, through it, every flow the catalog finds
 * (a new flow is included as soon as a parent names it): random texts (up to 10,000 characters),
 * photos, commands known and unknown, menu items, buttons on the screens shown, old and forged
 * ones, role changes, with each backend call answering at random a canned success or any kind of
 * failure, and the runtime's answer to an expired session or a 403. No error may escape a
 * machine, every screen must be one Telegram accepts, and every flow must have run.
 */
const RUNS = process.env.CHAOS === 'long' ? 20_000 : 10_000;
/**
 * Sequences of up to this many moves. With 10 moves and uniform picks, the flows three taps deep
 * for two roles of seven (editing a student, booking one) ran in only 4 to 15 sequences of 10,000,
 * so the end's check that every flow ran was close to failing by chance. So the moves are weighted
 * towards the screen's buttons (those not pressed yet first), half the sequences start in a section
 * of the person's menu, and up to 20 moves bring the rarest flow (editing a student) to 14–28
 * sequences of 10,000 in the runs measured (the figures are printed at the end).
 */
const MAX_MOVES = 20;
const failureKinds: FailureKind[] = ['validation', 'forbidden', 'notFound', 'session', 'network', 'server'];

/**
 * A canned success for every backend call, of the output type its implementation has (see
 * BackendImplementations): a call left out, misnamed or answered in another shape does not
 * compile, and a new call must be given its answer here.
 */
type Canned = {
  [K in keyof BackendImplementations]: (input: Parameters<BackendImplementations[K]>[0]) => Awaited<ReturnType<BackendImplementations[K]>>;
};

/** The person of the sequence running (who logs in becomes it); the backend reads them afresh. */
let person: Employee | null = null;
/** a role for an employee id, so that the hierarchy allows some changes and refuses others */
const roleOf = (id: number) => roles[id % roles.length]!;

const canned: Canned = {
  login: () => (person = aPerson(roles[Math.floor(random() * roles.length)]!)),
  fetchProfile: () => person ?? aPerson('administrator'),
  logout: () => undefined,
  today: () => '2026-11-24',
  listStudents: ({ page }) => aStudentPage(page),
  getStudent: ({ id }) => aStudent(id, random() < 0.5 ? { groupId: 7, groupName: 'Revit <Architecture>', contractSigned: true } : {}),
  createStudent: () => ({ student: aStudent(99), password: 'Pass-word#1' }),
  updateStudent: ({ id }) => aStudent(id),
  deleteStudent: () => undefined,
  listBookableGroups: () => [aGroup(7), aGroup(8)],
  bookStudent: ({ groupId }) => aBooking(groupId),
  changeStudentGroup: () => aGroupChange(),
  cancelStudentBooking: () => aBookingCancel(),
  listGroups: () => ({ count: 2, page: 1, pages: 1, groups: [aGroupRow(7), aGroupRow(8)] }),
  getGroup: ({ id }) => aGroupView(id),
  createGroup: () => aGroupView(90),
  updateGroup: ({ id }) => aGroupView(id),
  deleteGroup: () => undefined,
  listMentors: () => [{ id: 6, fullName: 'Mentor <Testov>' }, { id: 9, fullName: 'Dilnoza & Co' }],
  listGroupLessons: ({ groupId }) => someLessons(groupId, 3),
  getLesson: ({ id, groupId }) => ({ group: aGroupView(groupId), lesson: aLesson(groupId, { id }) }),
  readMonthlyReport: ({ month }) => aReport({ month, salaried: [{ name: 'Ali <Valiyev>', roleDisplay: null, amount: 3_000_000, paid: false }] }),
  readBalance: () => aBalance(),
  readAnalytics: ({ income }) => anAnalyticsView(income ? {} : { income: null }),
  listAttendance: (query) => anAttendancePage(query),
  getAttendance: ({ id }) => aLesson(7, { id }),
  openMarking: ({ groupId, date }) => aMarkingSheet(groupId, date, random() < 0.5 ? { id: 300, participants: [1] } : null),
  saveAttendance: ({ groupId, date, participants, recordId }) => aMarkingResult(groupId, date, participants, recordId !== null),
  listEmployees: ({ page }) => anEmployeePage(page, roles),
  getEmployee: ({ id }) => anEmployee({ id, role: roleOf(id) }),
  readParties: ({ targetId }) => ({ actor: person ?? aPerson('administrator'), target: targetId === null ? null : anEmployee({ id: targetId, role: roleOf(targetId) }) }),
  registerEmployee: (draft) => anEmployee({ id: 77, email: draft.email, fullName: `${draft.lastName} ${draft.firstName}`, role: draft.role }),
  updateEmployee: ({ id, patch }) => anEmployee({ id, role: patch.role ?? roleOf(id), isActive: patch.isActive ?? true }),
  deleteEmployee: () => undefined,
  listInvoices: (query) => anInvoicePage({ page: Math.min(Math.max(1, query.page), 3), scopeName: query.scope.kind === 'all' ? null : 'Capov <Aziz>' }),
  getInvoiceFacts: ({ id }) => someInvoiceFacts(id),
  createPaymentLink: ({ id }) => ({ link: { checkoutUrl: 'https://checkout.multicard.invalid/x', shortLink: null }, facts: random() < 0.8 ? someInvoiceFacts(id) : null }),
  checkPayment: () => [{ outcome: 'checked' as const, status: 'pending' }, { outcome: 'noLink' as const }, { outcome: 'unavailable' as const }][Math.floor(random() * 3)]!,
  markInvoicePaid: () => ({ updated: 1 }),
};

/** The sequence's own pseudo-random numbers (its seed), for the backend's answers. */
let randomState = 1;
const random = () => (randomState = (randomState * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;

/**
 * The shape of the backend's data in one sequence: its lists as the fixtures make them (half the
 * sequences), empty, or of 20 rows and more; and, in one sequence in three, every name and label
 * as long as the backend lets it be (hundreds of characters, with HTML's own characters and emoji)
 * and every failure's reason thousands of characters long.
 */
type Lists = 'plain' | 'empty' | 'many';
const listShapes: Lists[] = ['plain', 'plain', 'empty', 'many'];
let dataShape: { lists: Lists; longNames: boolean } = { lists: 'plain', longNames: false };
const nameKeys = new Set(['fullName', 'studentName', 'groupName', 'oldGroupName', 'newGroupName', 'scopeName', 'mentorName', 'name', 'roleDisplay', 'specialityDisplay', 'daysDisplay', 'statusDisplay', 'email']);
function reshape(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return dataShape.longNames && nameKeys.has(key) ? `${value} <&> 👨‍🏫 ${'Ш'.repeat(300 + Math.floor(random() * 700))}` : value;
  if (Array.isArray(value)) {
    if (dataShape.lists === 'empty') return [];
    const items = value.map((item) => reshape(item));
    if (dataShape.lists !== 'many' || items.length === 0) return items;
    // more rows: copies with ids of their own
    return Array.from({ length: 20 + items.length }, (_, i) => {
      const item = items[i % items.length];
      return item && typeof item === 'object' && 'id' in item && typeof item.id === 'number' ? { ...item, id: item.id + 1000 * Math.floor(i / items.length) } : item;
    });
  }
  if (value && typeof value === 'object') {
    const object = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, reshape(item, name)]));
    // an empty list's page: nothing counted, one page
    if (dataShape.lists === 'empty' && 'count' in object && 'pages' in object) Object.assign(object, { count: 0, page: 1, pages: 1 });
    return object;
  }
  return value;
}

/** Fields a refusal names: of the students', groups' and employees' forms, and one no form has. */
const refusedFields = ['phone', 'email', 'fullName', 'passport', 'price', 'startingDate', 'role', 'password', 'something_else'];

/** Calls the runtime answers itself, which cannot fail: today's date. */
const infallible = new Set<string>(['today']);

/** Each call answers its canned success 5 times in 6, else a failure of any kind. */
const fuzzBackend = Object.fromEntries(
  Object.entries(canned).map(([name, answer]) => [
    name,
    async (input: never) => {
      if (infallible.has(name) || random() < 5 / 6) {
        const output = (answer as (input: never) => unknown)(input);
        return reshape(output);
      }
      const kind = failureKinds[Math.floor(random() * failureKinds.length)]!;
      const reason = dataShape.longNames ? `Noto‘g‘ri <qiymat> & ${'Ж'.repeat(3000)}` : 'Noto‘g‘ri <qiymat>';
      const fields = kind === 'validation' ? Object.fromEntries(refusedFields.map((field) => [field, reason])) : undefined;
      throw new BackendError(kind, dataShape.longNames ? `xato <${kind}> & ${'Ы'.repeat(5000)}` : `xato <${kind}> & "sabab"`, fields);
    },
  ]),
) as unknown as BackendImplementations;

function expectSendable(screen: Screen): void {
  const parsed = parseTelegramHtml(screen.text);
  expect(parsed.text.length).toBeGreaterThan(0);
  expect(parsed.text.length).toBeLessThanOrEqual(4096);
  if (Array.isArray(screen.keyboard)) for (const label of screen.keyboard.flat()) expect(label.trim()).not.toBe('');
  for (const button of screen.buttons?.flat() ?? []) {
    expect(button.label.trim()).not.toBe('');
    if ('data' in button) expect(Buffer.byteLength(encodeButton(button.data))).toBeLessThanOrEqual(64);
  }
}

const menuItems = Object.keys(menu) as MenuItem[];

/**
 * A forged button: the section of a registered section, of the chat's own buttons or unknown;
 * the action one of that section's navigation actions, one shown earlier in the sequence (by any
 * section: a `save` of the students sent to the groups) or any name the codec lets through; the id
 * and value real ones, small ones or anything.
 */
interface Forged {
  section: string;
  action: { real: number } | { name: string };
  id?: number;
  value?: { real: number } | { text: string };
}
const sectionNames = sections.map((section) => section.name as string);
const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
const forged: fc.Arbitrary<Forged> = fc.record(
  {
    section: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...sectionNames) }, { weight: 1, arbitrary: fc.constantFrom('nav', 'x', 'students2', 'lg') }, { weight: 1, arbitrary: name }),
    action: fc.oneof({ weight: 4, arbitrary: fc.nat().map((real) => ({ real })) }, { weight: 1, arbitrary: name.map((text) => ({ name: text })) }),
    id: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
    value: fc.oneof(
      fc.nat().map((real) => ({ real })),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('7.20261123.20261125', '.20261301.', 'a.p.Ali', 's1.', 'g7.d', 'cash', '20261124', 'mentor', 'fullName', '1')).map((text) => ({ text })),
    ),
  },
  { requiredKeys: ['section', 'action'] },
);

/** What a person does next: mostly a button of the screen shown, else anything at all. */
type Move =
  | { kind: 'shown'; pick: number }
  /** an item of the reply keyboard shown */
  | { kind: 'keyboard'; pick: number }
  /** an item of the person's main menu (the keyboard may not be shown yet) */
  | { kind: 'menu'; pick: number }
  /** a button of any screen shown earlier in the sequence (an old message, a double tap) */
  | { kind: 'earlier'; pick: number }
  | { kind: 'forged'; button: Forged }
  /** 10,000 characters of text */
  | { kind: 'longText' }
  /** the runtime read the person's profile again: their role is now this one */
  | { kind: 'roleChanged'; role: string }
  | { kind: 'event'; event: PersonEvent };
const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 10, arbitrary: fc.nat().map((pick) => ({ kind: 'shown' as const, pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'earlier' as const, pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'keyboard' as const, pick })) },
  { weight: 1, arbitrary: fc.constantFrom(...menuItems).map((item) => ({ kind: 'event' as const, event: { type: 'MENU', item } as PersonEvent })) },
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Valiyev Ali', 'ali@gmail.com', '90 123 45 67', 'AB1234567', '01.02.2003', 'a@bimuz.uz', 'Parol#2026x', '14:00', '1500000', '24.11.2026')).map((text) => ({ kind: 'event' as const, event: { type: 'TEXT', text } as PersonEvent })) },
  { weight: 1, arbitrary: fc.constantFrom('start', 'menu', 'cancel', 'help', 'unknown').map((command) => ({ kind: 'event' as const, event: { type: 'COMMAND', command } as PersonEvent })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'event' as const, event: { type: 'MEDIA' } as PersonEvent }) },
  { weight: 1, arbitrary: forged.map((button) => ({ kind: 'forged' as const, button })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'longText' as const }) },
  { weight: 1, arbitrary: fc.constantFrom(...roles).map((role) => ({ kind: 'roleChanged' as const, role })) },
);

/** Half the sequences start in a section of the person's main menu. */
const sequence: fc.Arbitrary<Move[]> = fc
  .tuple(fc.option(fc.nat().map((pick) => ({ kind: 'menu' as const, pick }))), fc.array(move, { minLength: 1, maxLength: MAX_MOVES }))
  .map(([opening, moves]) => (opening ? [opening, ...moves] : moves));

const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

function encodable(data: ButtonData): boolean {
  try {
    encodeButton(data);
    return true;
  } catch {
    return false;
  }
}

/** The forged button, its real parts drawn from the section's navigation and the buttons shown so far. */
function forge(button: Forged, earlier: ButtonData[]): ButtonData {
  const navigation = sectionNamed(button.section)?.buttons.navigationActions ?? [];
  const action = 'name' in button.action ? button.action.name : (pick([...navigation, ...earlier.map((data) => data.action)], button.action.real) ?? 'list');
  const data: ButtonData = { section: button.section, action };
  if (button.id !== undefined) data.id = button.id;
  if (button.value !== undefined) {
    const value = 'text' in button.value ? button.value.text : pick(earlier.flatMap((data) => (data.value === undefined ? [] : [data.value])), button.value.real);
    if (value !== undefined) data.value = value;
  }
  // what Telegram carries: 64 bytes at most
  while (data.value && !encodable(data)) data.value = [...data.value].slice(0, -1).join('');
  return encodable(data) ? data : { section: data.section, action: data.action };
}

/**
 * What the person can tap: the inline buttons of the last screen that had some, and the reply
 * keyboard's items; and the buttons pressed so far in the sequence.
 */
interface Shown {
  inline: ButtonData[];
  keyboard: PersonEvent[];
  pressed: Set<string>;
}
const itemByLabel = new Map(Object.entries(menu).map(([item, label]) => [label as string, item as MenuItem]));

/** The move as the person's event; a tap with nothing to tap presses the home button. */
function eventOf(next: Exclude<Move, { kind: 'roleChanged' }>, shown: Shown, earlier: ButtonData[]): PersonEvent {
  const press = (button: ButtonData): PersonEvent => ({ type: 'BUTTON', button });
  switch (next.kind) {
    case 'event':
      return next.event;
    case 'longText':
      return { type: 'TEXT', text: 'ж'.repeat(10_000) };
    case 'forged':
      return press(forge(next.button, earlier));
    case 'earlier':
      return press(pick(earlier, next.pick) ?? { section: 'nav', action: 'home' });
    case 'shown': {
      // a button not pressed yet in the sequence first: the deep flows are reached several times a run, not once in a while
      const fresh = shown.inline.filter((button) => !shown.pressed.has(JSON.stringify(button)));
      const inline = fresh.length > 0 ? fresh : shown.inline;
      return pick(inline.length > 0 ? inline.map(press) : shown.keyboard, next.pick) ?? press({ section: 'nav', action: 'home' });
    }
    case 'menu':
      return { type: 'MENU', item: pick(menuItemsFor(person?.role ?? ''), next.pick) ?? 'profile' };
    case 'keyboard':
      return pick(shown.keyboard, next.pick) ?? { type: 'COMMAND', command: 'menu' };
  }
}

const fuzzMachine = provideAll(chatMachine, fuzzBackend);

/** Waits until no backend call is pending and the machines have taken in every result. */
async function settle(scope: UpdateScope): Promise<void> {
  do await new Promise((resolve) => setImmediate(resolve));
  while (scope.pending > 0);
}

/**
 * Runs one sequence; returns the flows (machine ids) that were running at some point and, move by
 * move, the effects and the saved snapshot. The person's events go where the runtime sends them
 * (`receiverOf`), or, with `throughChat`, to the chat, which hands them on level by level.
 */
async function runSequence(role: string, moves: Move[], seed: number, throughChat = false): Promise<{ seen: Set<string>; trace: string[] }> {
  randomState = seed & 0x7fffffff;
  dataShape = { lists: listShapes[Math.floor(random() * listShapes.length)]!, longNames: random() < 1 / 3 };
  const scope: UpdateScope = { api: null as never, now: 0, effects: [], pending: 0, sessionExpiredAt: null, forbidden: false, onCallStart() {}, onCallEnd() {} };
  person = role === 'anonymous' ? null : { ...aPerson(role), fullName: 'Ali <Valiyev>' };
  const actor = createActor(fuzzMachine, { input: { employee: person } });
  let failure: unknown;
  actor.subscribe({ error: (error) => (failure = error) });
  bindScope(actor.system, scope);
  actor.start();
  const seen = new Set<string>();
  const shown: Shown = { inline: [], keyboard: [], pressed: new Set() };
  const earlier: ButtonData[] = [];
  let saved: string | undefined;
  const trace: string[] = [];
  const loggedIn = () => actor.getSnapshot().context.employee !== null;
  /** as the runtime does: the role read again is sent to the chat */
  const profile = (role: string) => actor.send({ type: 'PROFILE', employee: (person = aPerson(role)) });
  for (const next of moves) {
    scope.effects = [];
    scope.sessionExpiredAt = null;
    scope.forbidden = false;
    if (next.kind === 'roleChanged') {
      if (loggedIn()) profile(next.role);
    } else {
      const event = eventOf(next, shown, earlier);
      if (event.type === 'BUTTON') shown.pressed.add(JSON.stringify(event.button));
      (throughChat ? actor : receiverOf(actor, event)).send(event);
    }
    if (scope.pending > 0) await settle(scope);
    // as the runtime does after an update: a refused session logs out, a 403 has the role read again
    if (scope.sessionExpiredAt !== null) actor.send({ type: 'SESSION_EXPIRED' });
    else if (scope.forbidden && loggedIn()) profile(roles[Math.floor(random() * roles.length)]!);
    if (scope.pending > 0) await settle(scope);
    expect(failure).toBeUndefined();
    expect(actor.getSnapshot().status).toBe('active');
    for (const effect of scope.effects as Effect[]) {
      if (effect.type === 'show') {
        expectSendable(effect.screen);
        const buttons = (effect.screen.buttons?.flat() ?? []).flatMap((button) => ('data' in button ? [button.data] : []));
        if (buttons.length > 0) shown.inline = buttons;
        earlier.push(...buttons);
        const keyboard = effect.screen.keyboard;
        if (keyboard !== undefined) {
          shown.keyboard = keyboard === 'remove' ? [] : keyboard.flat().map((label): PersonEvent => {
            const item = itemByLabel.get(label);
            return item ? { type: 'MENU', item } : { type: 'TEXT', text: label };
          });
        }
      } else if (effect.type === 'alert') expect(effect.text.length).toBeGreaterThan(0);
    }
    collectFlows(actor, seen);
    // as the runtime does after every update; the unchanged parts come from the earlier moves
    saved = saveSnapshot(actor);
    trace.push(`${JSON.stringify(scope.effects)}\n${saved}`);
  }
  // the snapshot the runtime saves is the one xstate would give
  if (saved !== undefined) expect(JSON.parse(saved)).toEqual(JSON.parse(JSON.stringify({ f: SNAPSHOT_FORMAT, s: actor.getPersistedSnapshot() })));
  actor.stop();
  return { seen, trace };
}

function collectFlows(actor: AnyActorRef, seen: Set<string>): void {
  const logic = (actor as unknown as { logic: { id?: string; root?: unknown } }).logic;
  if (!logic?.root) return;
  seen.add(logic.id ?? '');
  for (const child of Object.values(actor.getSnapshot().children ?? {}) as AnyActorRef[]) if (child) collectFlows(child, seen);
}

describe('random event sequences through every machine', () => {
  it(`survive ${RUNS} sequences without an escaped error, every screen within Telegram's limits, and reach every flow`, async () => {
    const reached = new Map<string, number>();
    let runs = 0;
    let sentThroughChat = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...roles, 'anonymous'), sequence, fc.integer(), async (role, moves, seed) => {
        runs += 1;
        const { seen, trace } = await runSequence(role, moves, seed);
        for (const flow of seen) reached.set(flow, (reached.get(flow) ?? 0) + 1);
        // one sequence in four again with every event through the chat: the same screens and snapshots
        if (seed % 4 === 0) {
          sentThroughChat += 1;
          expect((await runSequence(role, moves, seed, true)).trace).toEqual(trace);
        }
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
    expect(sentThroughChat).toBeGreaterThan(RUNS / 10);
    const flows = discoverFlows().map((flow) => flow.id);
    console.log(`fuzzing: ${runs} sequences; sequences that reached each flow:\n${flows.map((flow) => `  ${flow}: ${reached.get(flow) ?? 0}`).join('\n')}`);
    // every flow of the catalog, however deep, ran in some sequence
    for (const flow of flows) expect(reached.get(flow) ?? 0, `flow ${flow} never ran`).toBeGreaterThan(0);
  }, 600_000);
});
