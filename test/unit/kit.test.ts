import { readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createActor, fromPromise, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { bindScope, provideAll, type BackendImplementations, type UpdateScope } from '../../adapters/provide.js';
import { backendCall, backendCallName } from '../../machines/backend.js';
import type { Employee } from '../../api/types.js';
import type { FlowEvent } from '../../machines/events.js';
import { sectionButtons } from '../../machines/kit/buttons.js';
import { recordNavigation, sectionNavigation, type Intent, type NavigationContext } from '../../machines/kit/navigation.js';
import { confirmOnce, removingRecord } from '../../machines/kit/record.js';
import type { ButtonData } from '../../machines/ui/callback.js';
import { defineSection, mayOpen } from '../../machines/kit/section.js';
import { fieldEdit } from '../../machines/kit/edit.js';
import type { Permission } from '../../machines/permissions.js';
import { fixedItems, mainMenu, menuItemsFor, sections } from '../../machines/sections.js';
import { stateNodesOf } from '../../scripts/flows/catalog.js';
import { studentButtons } from '../../machines/students/buttons.js';
import { studentsMachine } from '../../machines/students/students.js';
import { listHead, pagerRow } from '../../machines/ui/kit-screens.js';
import { buttons, menu } from '../../machines/ui/texts.js';

describe('the section registry', () => {
  it('refuses a section whose machine id or buttons do not carry its name', () => {
    const groupButtons = sectionButtons('groups', ['list']);
    expect(() => defineSection({ name: 'groups', flow: studentsMachine as never, buttons: groupButtons, opens: null })).toThrow(/id 'groups'/);
    const studentButtons = sectionButtons('students', ['list']);
    expect(() => defineSection({ name: 'groups', flow: { ...studentsMachine, id: 'groups' } as never, buttons: studentButtons, opens: null })).toThrow(/buttons/);
  });

  it('builds the main menu in menu order, hiding what a role may not open', () => {
    expect(menuItemsFor('dasturchi')).toEqual(Object.keys(menu));
    expect(menuItemsFor('administrator')).toEqual(Object.keys(menu).filter((item) => item !== 'analytics'));
    // every employee reads the employees list; a section opened by a permission is hidden from the roles without it
    expect(menuItemsFor('mentor')).toContain('employees');
    expect(mayOpen('mentor', { opens: 'employees.create' })).toBe(false);
    expect(mayOpen('administrator', { opens: 'employees.create' })).toBe(true);
    expect(menuItemsFor('mentor')).toContain('students');
    expect(menuItemsFor('mentor')[0]).toBe('profile');
    expect(menuItemsFor('mentor').at(-1)).toBe('logout');
  });

  it('hides an item the configuration switches off from every role, and opens nothing for it', () => {
    const off = mainMenu(['reports']);
    for (const role of ['dasturchi', 'direktor', 'administrator', 'buxgalter']) {
      expect(menuItemsFor(role)).toContain('reports');
      expect(off.itemsFor(role)).not.toContain('reports');
      expect(off.itemsFor(role)).toEqual(menuItemsFor(role).filter((item) => item !== 'reports'));
    }
    expect(off.sectionNamed('reports')).toBeUndefined();
    expect(off.sections.map((section) => section.name)).not.toContain('reports');
  });

  it('has a registered section behind every main-menu item but the profile and logout', () => {
    const items = Object.keys(menu).filter((item) => !fixedItems.includes(item as never));
    expect(items.sort()).toEqual(sections.map((section) => section.name).sort());
  });

  it("has no final state in a section's root flow: the chat leaves a section only through the menu or a command", () => {
    for (const section of sections) {
      const finals = stateNodesOf(section.flow as never).filter((node) => node.type === 'final');
      expect(finals.map((node) => node.id), section.name).toEqual([]);
    }
  });

  it('keeps every section name out of the chat machine', () => {
    const chat = readFileSync(new URL('../../machines/chat.ts', import.meta.url), 'utf8');
    for (const section of sections) expect(chat).not.toMatch(new RegExp(`['"\`]${section.name}['"\`]`));
  });

  it("knows a registered section's navigation buttons apart from its action buttons", () => {
    const { isNavigation } = studentButtons;
    expect(isNavigation({ type: 'BUTTON', button: { section: 'students', action: 'open', id: 1 } })).toBe(true);
    expect(isNavigation({ type: 'BUTTON', button: { section: 'students', action: 'delete_ok', id: 1 } })).toBe(false);
    expect(isNavigation({ type: 'BUTTON', button: { section: 'groups', action: 'open', id: 1 } })).toBe(false);
  });
});

describe('backend calls', () => {
  it('are provided by the name given to backendCall, whatever the key in setup', async () => {
    const machine = setup({ actors: { whatTheFlowCallsIt: backendCall('today') } }).createMachine({
      initial: 'asking',
      context: { today: '' },
      states: {
        asking: { invoke: { src: 'whatTheFlowCallsIt', onDone: { target: 'done', actions: ({ context, event }) => { context.today = event.output; } } } },
        done: { type: 'final' },
      },
    });
    expect(backendCallName(machine.implementations.actors.whatTheFlowCallsIt)).toBe('today');
    const implementations = { today: async () => '2026-12-02' } as Partial<BackendImplementations> as BackendImplementations;
    const scope: UpdateScope = { api: null as never, now: 0, effects: [], pending: 0, sessionExpiredAt: null, forbidden: false, onCallStart() {}, onCallEnd() {} };
    const actor = createActor(provideAll(machine, implementations));
    bindScope(actor.system, scope);
    actor.start();
    for (let turn = 0; turn < 100 && actor.getSnapshot().status === 'active'; turn += 1) await nextTurn();
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context.today).toBe('2026-12-02');
  });

  it('cannot be declared under a name the backend does not have', () => {
    // @ts-expect-error: not a BackendCalls name
    expect(() => backendCall('listStudent')).not.toThrow();
  });
});

describe('shared screen pieces', () => {
  it('show a pager only when there is more than one page', () => {
    const to = (page: number) => ({ section: 'students', action: 'list', id: page });
    expect(pagerRow(1, 1, to)).toEqual([]);
    expect(pagerRow(1, 2, to)).toEqual([[{ label: buttons.next, data: to(2) }]]);
    expect(pagerRow(2, 3, to)).toEqual([[{ label: buttons.previous, data: to(1) }, { label: buttons.next, data: to(3) }]]);
  });

  it('head a list with the real total and "page x / y", or say plainly that it is empty', () => {
    const head = listHead({ title: 'Guruhlar — jami 30 ta', count: 30, page: 2, pages: 2, search: null, empty: "Guruh yo'q." });
    expect(head).toBe('Guruhlar — jami 30 ta\nSahifa 2 / 2');
    const empty = listHead({ title: 'Guruhlar — jami 0 ta', count: 0, page: 1, pages: 1, search: '<b>', empty: "Guruh yo'q.", nothingFound: (q) => `«${q}» topilmadi` });
    expect(empty).toContain('«&lt;b&gt;» topilmadi');
  });
});

describe('navigation open to everyone who may open the section', () => {
  const describeAll = (permissions: Record<'open' | 'list', Permission | null>) => {
    const navigation = sectionNavigation<'open' | 'list', NavigationContext<'open' | 'list'>>({ buttons: sectionButtons('payments', ['open', 'list']), permissions, follow: () => ({}) });
    const routing = navigation.routing([{ description: 'a record', intents: ['open', 'list'], target: 'record' }]);
    return [...navigation.buttons, ...routing.always].map((branch) => branch.description);
  };

  it('has no branch refusing a navigation for the role, where no navigation needs more than opening the section', () => {
    expect(describeAll({ open: null, list: null }).filter((d) => d.includes('role may not follow'))).toEqual([]);
    expect(describeAll({ open: 'payments.markPaid', list: null }).filter((d) => d.includes('role may not follow'))).toHaveLength(2);
  });
});

describe('navigation and confirmations', () => {
  interface Ctx {
    employee: Employee;
    intent: Intent<'open'>;
    notice: string | null;
    id: number | null;
    method: string | null;
  }
  const kitButtons = sectionButtons('payments', ['open']);
  const navigation = sectionNavigation<'open', Ctx>({
    buttons: kitButtons,
    permissions: { open: null },
    // only ids the section writes (positive) are followed
    follow: (button) => ((button.id ?? 0) > 0 ? { id: button.id } : null),
  });
  const machine = setup({ types: { context: {} as Ctx, events: {} as FlowEvent }, actions: { show: () => {}, alert: () => {} } }).createMachine({
    context: { employee: { id: 1, email: 'b@bimuz.uz', fullName: 'B', role: 'buxgalter', roleDisplay: 'Buxgalter', professionality: null, createdAt: '' }, intent: 'open', notice: null, id: null, method: null },
    initial: 'idle',
    on: { BUTTON: navigation.buttons as never },
    states: {
      routing: navigation.routing([{ description: 'open', intents: ['open'], target: 'confirming' }]) as never,
      confirming: confirmOnce<Ctx>({
        description: 'how was it paid',
        screen: () => ({ text: '?' }),
        action: 'paid',
        id: (context) => context.id,
        target: 'done',
        choice: { accepts: (value) => value === 'cash' || value === 'bank_transfer', into: 'method' },
      }) as never,
      idle: {},
      done: {},
    },
  });
  const press = (actor: ReturnType<typeof createActor<typeof machine>>, button: ButtonData) => actor.send({ type: 'BUTTON', button });

  it('treat a navigation button whose data the section did not write as out of date', () => {
    const actor = createActor(machine).start();
    press(actor, { section: 'payments', action: 'open', id: 0 });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.intent).toBe('stale');
    press(actor, { section: 'payments', action: 'open', id: 7 });
    expect(actor.getSnapshot().value).toBe('confirming');
  });

  it('take only an answer the confirmation offers, for its own record, and keep it', () => {
    const actor = createActor(machine).start();
    press(actor, { section: 'payments', action: 'open', id: 7 });
    press(actor, { section: 'payments', action: 'paid', id: 7, value: 'card' });
    press(actor, { section: 'payments', action: 'paid', id: 8, value: 'cash' });
    expect(actor.getSnapshot().value).toBe('confirming');
    press(actor, { section: 'payments', action: 'paid', id: 7, value: 'bank_transfer' });
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.method).toBe('bank_transfer');
  });
});

describe('record navigation', () => {
  interface Ctx {
    employee: Employee;
    intent: Intent<'list' | 'open' | 'new' | 'lesson'>;
    notice: string | null;
    page: number;
    search: string | null;
    recordId: number | null;
    lessonId: number | null;
    fresh: boolean;
  }
  const kitButtons = sectionButtons('groups', ['list', 'open', 'new', 'lesson']);
  const records = recordNavigation<'list' | 'open' | 'new' | 'lesson', Ctx>({
    buttons: kitButtons,
    id: 'recordId',
    opened: { fresh: true },
    own: {
      lesson: {
        follow: (button) => ((button.id ?? 0) > 0 ? { lessonId: button.id ?? null } : null),
        press: (context) => kitButtons.to('lesson', context.lessonId ?? 0),
      },
    },
  });
  const base = { employee: {} as Employee, notice: null, page: 1, search: null, recordId: null, lessonId: null, fresh: false };

  it('follows a list page with its search, a new record, a record by id, and an action of its own', () => {
    expect(records.follow({ section: 'groups', action: 'list', id: 0, value: '  Ali  ' })).toEqual({ page: 1, search: 'Ali' });
    expect(records.follow({ section: 'groups', action: 'list', id: 3 })).toEqual({ page: 3, search: null });
    expect(records.follow({ section: 'groups', action: 'new' })).toEqual({});
    expect(records.follow({ section: 'groups', action: 'open', id: 12 })).toEqual({ recordId: 12, fresh: true });
    expect(records.follow({ section: 'groups', action: 'lesson', id: 5 })).toEqual({ lessonId: 5 });
    expect(records.follow({ section: 'groups', action: 'lesson', id: 0 })).toBeNull();
  });

  it('reads no search where the list has none', () => {
    const plain = recordNavigation<'list' | 'open' | 'new' | 'lesson', Ctx>({ buttons: kitButtons, id: 'recordId', search: false });
    expect(plain.follow({ section: 'groups', action: 'list', id: 2, value: 'Ali' })).toEqual({ page: 2 });
  });

  it('repeats the navigation that failed with the same button, and nothing after a refused one', () => {
    expect(records.retryOf({ ...base, intent: 'list', page: 2, search: 'Ali' })).toEqual({ section: 'groups', action: 'list', id: 2, value: 'Ali' });
    expect(records.retryOf({ ...base, intent: 'new' })).toEqual({ section: 'groups', action: 'new' });
    expect(records.retryOf({ ...base, intent: 'open', recordId: 12 })).toEqual({ section: 'groups', action: 'open', id: 12 });
    expect(records.retryOf({ ...base, intent: 'lesson', lessonId: 5 })).toEqual({ section: 'groups', action: 'lesson', id: 5 });
    expect(records.retryOf({ ...base, intent: 'forbidden' })).toBeNull();
    expect(records.retryOf({ ...base, intent: 'stale' })).toBeNull();
  });

  it('offers no retry after a failure repeating cannot help', () => {
    const context: Ctx = { ...base, intent: 'open', recordId: 12 };
    expect(records.retryAfter({ kind: 'server', message: 'down' }, context)).toEqual({ section: 'groups', action: 'open', id: 12 });
    expect(records.retryAfter({ kind: 'notFound', message: 'gone' }, context)).toBeNull();
    const strict = recordNavigation<'list' | 'open' | 'new' | 'lesson', Ctx>({ buttons: kitButtons, id: 'recordId', final: ['notFound', 'forbidden'] });
    expect(strict.retryAfter({ kind: 'forbidden', message: 'no' }, context)).toBeNull();
    expect(strict.retryAfter({ kind: 'server', message: 'down' }, context)).not.toBeNull();
  });
});

describe('removing a record', () => {
  interface Ctx {
    recordId: number | null;
    record: string | null;
    notice: string | null;
  }
  const removingWith = (answer: () => Promise<void>) =>
    setup({
      types: { context: {} as Ctx, events: {} as FlowEvent },
      actions: { show: () => {} },
      actors: { deleteRecord: fromPromise(async ({ input }: { input: { id: number } }) => (input.id === 7 ? answer() : Promise.reject(new Error('wrong id')))) },
    }).createMachine({
      context: { recordId: 7, record: 'Ali', notice: null },
      initial: 'removing',
      states: {
        removing: removingRecord<Ctx, 'deleteRecord'>({
          src: 'deleteRecord',
          what: 'the record',
          id: (context) => context.recordId ?? 0,
          deleted: (context) => `deleted ${context.record}`,
          forget: ['record', 'recordId'],
          target: 'list',
          failure: (error) => ({ text: String(error) }),
          failed: 'idle',
        }) as never,
        list: {},
        idle: {},
      },
    });
  const settled = async (answer: () => Promise<void>) => {
    const actor = createActor(removingWith(answer)).start();
    for (let turn = 0; turn < 100 && (actor.getSnapshot().value as string) === 'removing'; turn += 1) await nextTurn();
    return actor.getSnapshot();
  };

  it('goes to the list saying so, the record forgotten, once deleted or when someone else deleted it first', async () => {
    const deleted = await settled(async () => {});
    expect(deleted.value).toBe('list');
    expect(deleted.context).toEqual({ recordId: null, record: null, notice: 'deleted Ali' });
    const gone = await settled(() => Promise.reject({ kind: 'notFound', message: 'Topilmadi <b>' }));
    expect(gone.value).toBe('list');
    expect(gone.context.record).toBeNull();
    expect(gone.context.notice).toContain('Topilmadi &lt;b&gt;');
  });

  it('keeps the record and rests on the failure otherwise', async () => {
    const failed = await settled(() => Promise.reject({ kind: 'server', message: 'down' }));
    expect(failed.value).toBe('idle');
    expect(failed.context).toEqual({ recordId: 7, record: 'Ali', notice: null });
  });
});

describe('the field-picking edit', () => {
  interface Record {
    id: number;
    name: string;
    isActive: boolean;
  }
  interface Ctx {
    field: 'name' | null;
    patch: Partial<Record> | null;
    failure: string | null;
    record: Record;
  }
  const edit = fieldEdit<'name', Partial<Record>, Ctx>({
    fields: (context) => ({ text: `fields ${context.failure ?? ''}` }),
    value: (context, reason) => ({ text: `value ${reason ?? ''}` }),
    check: (context, text) => (text.trim().length > 1 ? { ok: true, value: text.trim() } : { ok: false, reason: 'too short' }),
  });
  const sent: Partial<Record>[] = [];
  const shown: string[] = [];
  const editing = (answer: (patch: Partial<Record>) => Promise<Record>) =>
    setup({
      types: { context: {} as Ctx, events: {} as FlowEvent },
      actions: { show: (_: unknown, screen: { text: string }) => void shown.push(screen.text), alert: () => {}, ...edit.actions },
      actors: { update: fromPromise(async ({ input }: { input: { id: number; patch: Partial<Record> } }) => (sent.push(input.patch), answer(input.patch))) },
    }).createMachine({
      context: { field: null, patch: null, failure: null, record: { id: 5, name: 'Ali', isActive: true } },
      initial: 'choosingField',
      states: {
        choosingField: edit.choosingField('the fields', [edit.picked('the name', (field) => field === 'name', 'askingValue'), edit.picked('block', (field) => field === 'active', 'confirmingActive')]) as never,
        askingValue: edit.askingValue({ description: 'the new name' }) as never,
        confirmingActive: edit.confirmingActive({ description: 'blocking', confirmed: 'confirmed', screen: () => ({ text: '?' }), record: (context) => context.record }) as never,
        mayEdit: { always: 'saving' },
        saving: edit.saving({ src: 'update', id: (context) => context.record.id, record: 'record' }) as never,
        saved: { type: 'final' },
      },
    });
  const field = (value: string): FlowEvent => ({ type: 'BUTTON', button: { section: 'x', action: 'field', value } });
  const settle = async (actor: { getSnapshot(): { value: unknown } }) => {
    for (let turn = 0; turn < 100 && actor.getSnapshot().value === 'saving'; turn += 1) await nextTurn();
  };

  it('asks the field picked, refuses a value its check refuses, and saves a valid one as the patch', async () => {
    sent.length = 0;
    shown.length = 0;
    const actor = createActor(editing(async (patch) => ({ id: 5, name: 'Ali', isActive: true, ...patch }))).start();
    actor.send(field('name'));
    expect(actor.getSnapshot().value).toBe('askingValue');
    actor.send({ type: 'TEXT', text: 'x' });
    expect(actor.getSnapshot().value).toBe('askingValue');
    expect(shown.at(-1)).toBe('value too short');
    actor.send({ type: 'TEXT', text: ' Vali ' });
    await settle(actor);
    expect(actor.getSnapshot().status).toBe('done');
    expect(sent).toEqual([{ name: 'Vali' }]);
    expect(actor.getSnapshot().context.record.name).toBe('Vali');
  });

  it('switches the activity only with the confirmation of this record, and returns to the fields with the reason of a failed save', async () => {
    sent.length = 0;
    shown.length = 0;
    const actor = createActor(editing(() => Promise.reject({ kind: 'server', message: 'down' }))).start();
    actor.send(field('active'));
    actor.send({ type: 'BUTTON', button: { section: 'x', action: 'active_ok', id: 6 } });
    expect(actor.getSnapshot().value).toBe('confirmingActive');
    actor.send({ type: 'BUTTON', button: { section: 'x', action: 'active_ok', id: 5 } });
    await settle(actor);
    expect(sent).toEqual([{ isActive: false }]);
    expect(actor.getSnapshot().value).toBe('choosingField');
    expect(actor.getSnapshot().context.patch).toBeNull();
    expect(shown.at(-1)).toBe('fields down');
    actor.send({ type: 'BUTTON', button: { section: 'x', action: 'fields' } });
    expect(actor.getSnapshot().value).toBe('choosingField');
  });
});
