import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyActorRef } from 'xstate';
import type { Effect } from '../../adapters/effects.js';
import { bindScope, provideAll, type BackendImplementations, type UpdateScope } from '../../adapters/provide.js';
import { BackendError, type FailureKind } from '../../api/errors.js';
import { chatMachine } from '../../machines/chat.js';
import type { PersonEvent } from '../../machines/events.js';
import { roles } from '../../machines/permissions.js';
import { encodeButton, type ButtonData } from '../../machines/ui/callback.js';
import type { Screen } from '../../machines/ui/screen.js';
import { menu, type MenuItem } from '../../machines/ui/texts.js';
import { discoverFlows } from '../../scripts/flows/catalog.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { aGroupRow, aGroupView, someLessons } from './groups-fixtures.js';
import { aGroup, aStudent } from './students-fixtures.js';

/**
 * Random event sequences through the chat machine and, through it, every flow the catalog finds
 * (a new flow is included as soon as a parent names it): random texts (up to 10,000 characters),
 * photos, commands known and unknown, menu labels, buttons on the screens shown and forged ones,
 * with each backend call answering at random a canned success or any kind of failure. No error
 * may escape a machine, and every screen must be one Telegram accepts.
 */
const RUNS = process.env.CHAOS === 'long' ? 20_000 : 10_000;
const failureKinds: FailureKind[] = ['validation', 'forbidden', 'notFound', 'session', 'network', 'server'];

/** Canned answers for the calls whose outputs the fixtures can make; any other call fails. */
const canned: Partial<Record<string, (input: never) => unknown>> = {
  login: () => ({ id: 1, email: 'a@bimuz.uz', fullName: 'Ali Valiyev', role: 'administrator', roleDisplay: 'Administrator', professionality: null, createdAt: '' }),
  fetchProfile: () => ({ id: 1, email: 'a@bimuz.uz', fullName: 'Ali Valiyev', role: 'administrator', roleDisplay: 'Administrator', professionality: null, createdAt: '' }),
  logout: () => undefined,
  today: () => '2026-11-24',
  listStudents: (input: { page: number }) => ({ count: 45, page: input.page, pages: 3, students: [1, 2, 3].map((id) => ({ id, fullName: `Talaba ${id}`, phone: '+998901234567', isActive: true })) }),
  getStudent: (input: { id: number }) => aStudent(input.id),
  createStudent: () => ({ student: aStudent(99), password: 'Pass-word#1' }),
  updateStudent: (input: { id: number }) => aStudent(input.id),
  deleteStudent: () => undefined,
  listBookableGroups: () => [aGroup(7), aGroup(8)],
  listGroups: (input: { page?: number }) => ({ count: 2, page: input.page ?? 1, pages: 1, groups: [aGroupRow(7), aGroupRow(8)] }),
  getGroup: (input: { id: number }) => aGroupView(input.id),
  groupLessons: (input: { id: number }) => someLessons(input.id, 3),
  listInvoices: (input: { page: number }) => ({
    count: 45,
    page: input.page,
    pages: 3,
    invoices: [1, 2, 3].map((id) => ({ id, studentName: `Talaba <${id}>`, amount: 1_250_000, status: ['created', 'pending', 'paid'][id - 1]! })),
    scopeName: null,
    complete: true,
  }),
  getInvoiceFacts: (input: { id: number }) => anInvoice(input.id),
  createPaymentLink: (input: { id: number }) => ({ link: { checkoutUrl: 'https://checkout.multicard.invalid/x', shortLink: null }, facts: anInvoice(input.id) }),
  checkPayment: () => ({ outcome: 'checked', status: 'pending' }),
  markInvoicePaid: () => ({ updated: 1 }),
};

/** An invoice of every status by its id, with two siblings and the group's price. */
function anInvoice(id: number) {
  const status = ['created', 'pending', 'paid', 'cancelled'][id % 4]!;
  return {
    invoice: {
      id, studentId: 1, studentName: 'Ali <Valiyev>', studentPhone: '+998901234567', groupId: 2, groupName: 'Revit & Tekla', amount: 1_250_000, status,
      statusDisplay: null, checkoutUrl: status === 'pending' ? 'https://checkout.multicard.invalid/x' : null, receiptUrl: null, paymentTime: null,
      paymentMethod: null, cardPan: null, createdAt: '2026-11-24T10:00:00+05:00',
    },
    related: [{ id, amount: 1_250_000, status }, { id: id + 100, amount: 1_250_000, status: 'paid' }],
    groupPrice: 2_500_000,
  };
}

function fuzzBackend(random: () => number): BackendImplementations {
  return new Proxy({} as BackendImplementations, {
    get: (_, name: string) => async (input: never) => {
      const answer = canned[name];
      if (answer && random() < 0.75) return answer(input);
      const kind = failureKinds[Math.floor(random() * failureKinds.length)]!;
      throw new BackendError(kind, `xato <${kind}> & "sabab"`, kind === 'validation' ? { phone: 'Noto‘g‘ri <raqam>' } : undefined);
    },
  });
}

function expectSendable(screen: Screen): void {
  const parsed = parseTelegramHtml(screen.text);
  expect(parsed.text.length).toBeGreaterThan(0);
  expect(parsed.text.length).toBeLessThanOrEqual(4096);
  for (const button of screen.buttons?.flat() ?? []) {
    expect(button.label.trim()).not.toBe('');
    if ('data' in button) expect(Buffer.byteLength(encodeButton(button.data))).toBeLessThanOrEqual(64);
  }
}

const menuItems = Object.keys(menu) as MenuItem[];

/** What a person does next: mostly a button of the screen shown, else anything at all. */
type Move = { kind: 'shown'; pick: number } | { kind: 'event'; event: PersonEvent };
const forgedButton: fc.Arbitrary<ButtonData> = fc.record(
  { section: fc.constantFrom('st', 'gr', 'mn', 'lg', 'x', '', 'payments'), action: fc.string({ maxLength: 6 }), id: fc.nat(), value: fc.string({ maxLength: 8 }) },
  { requiredKeys: ['section', 'action'] },
);
const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 5, arbitrary: fc.nat().map((pick) => ({ kind: 'shown' as const, pick })) },
  { weight: 2, arbitrary: fc.constantFrom(...menuItems).map((item) => ({ kind: 'event' as const, event: { type: 'MENU', item } as PersonEvent })) },
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Valiyev Ali', 'ali@gmail.com', '90 123 45 67', 'AB1234567', '01.02.2003', 'a@bimuz.uz')).map((text) => ({ kind: 'event' as const, event: { type: 'TEXT', text } as PersonEvent })) },
  { weight: 1, arbitrary: fc.constantFrom('start', 'menu', 'cancel', 'help', 'unknown').map((command) => ({ kind: 'event' as const, event: { type: 'COMMAND', command } as PersonEvent })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'event' as const, event: { type: 'MEDIA' } as PersonEvent }) },
  { weight: 1, arbitrary: forgedButton.map((button) => ({ kind: 'event' as const, event: { type: 'BUTTON', button } as PersonEvent })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'event' as const, event: { type: 'TEXT', text: 'ж'.repeat(10_000) } as PersonEvent }) },
);


/** Runs one sequence; returns the flows (machine ids) that were running at some point. */
let randomState = 1;
const fuzzMachine = provideAll(chatMachine, fuzzBackend(() => ((randomState = (randomState * 1103515245 + 12345) & 0x7fffffff) / 0x80000000)));

/** Waits until no backend call is pending and the machines have taken in every result. */
async function settle(scope: UpdateScope): Promise<void> {
  do await new Promise((resolve) => setImmediate(resolve));
  while (scope.pending > 0);
}

async function runSequence(role: string, moves: Move[], seed: number): Promise<Set<string>> {
  randomState = seed & 0x7fffffff;
  const scope: UpdateScope = { api: null as never, now: 0, effects: [], pending: 0, sessionExpiredAt: null, forbidden: false, onCallStart() {}, onCallEnd() {} };
  const employee = role === 'anonymous' ? null : { id: 1, email: 'a@bimuz.uz', fullName: 'Ali <Valiyev>', role, roleDisplay: role, professionality: null, createdAt: '' };
  const actor = createActor(fuzzMachine, { input: { employee } });
  let failure: unknown;
  actor.subscribe({ error: (error) => (failure = error) });
  bindScope(actor.system, scope);
  actor.start();
  const seen = new Set<string>();
  let shown: ButtonData[] = [];
  for (const next of moves) {
    scope.effects = [];
    const event: PersonEvent = next.kind === 'shown' && shown.length > 0 ? { type: 'BUTTON', button: shown[next.pick % shown.length]! } : next.kind === 'event' ? next.event : { type: 'MEDIA' };
    actor.send(event);
    if (scope.pending > 0) await settle(scope);
    expect(failure).toBeUndefined();
    expect(actor.getSnapshot().status).toBe('active');
    for (const effect of scope.effects as Effect[]) {
      if (effect.type === 'show') {
        expectSendable(effect.screen);
        const buttons = (effect.screen.buttons?.flat() ?? []).flatMap((button) => ('data' in button ? [button.data] : []));
        if (buttons.length > 0) shown = buttons;
      } else if (effect.type === 'alert') expect(effect.text.length).toBeGreaterThan(0);
    }
    collectFlows(actor, seen);
  }
  actor.stop();
  return seen;
}

function collectFlows(actor: AnyActorRef, seen: Set<string>): void {
  const logic = (actor as unknown as { logic: { id?: string; root?: unknown } }).logic;
  if (!logic?.root) return;
  seen.add(logic.id ?? '');
  for (const child of Object.values(actor.getSnapshot().children ?? {}) as AnyActorRef[]) if (child) collectFlows(child, seen);
}

describe('random event sequences through every machine', () => {
  it(`survive ${RUNS} sequences without an escaped error, every screen within Telegram's limits`, async () => {
    const visited = new Set<string>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...roles, 'anonymous'), fc.array(move, { minLength: 1, maxLength: 10 }), fc.integer(), async (role, moves, seed) => {
        runs += 1;
        for (const flow of await runSequence(role, moves, seed)) visited.add(flow);
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
    // every flow the chat machine starts directly was reached; the catalog names them
    const direct = discoverFlows().filter((flow) => flow.invokedBy.some((invocation) => invocation.flow === chatMachine.id));
    for (const flow of direct) expect(visited, `flow ${flow.id} never ran`).toContain(flow.id);
    console.log(`fuzzing: ${runs} sequences; flows reached: ${[...visited].sort().join(', ')} of ${discoverFlows().map((f) => f.id).join(', ')}`);
  }, 600_000);
});
