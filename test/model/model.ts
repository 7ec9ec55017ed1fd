/**
 * The bot as a graph for @xstate/graph: one vertex per conversation state of a chat (the chat
 * machine and whatever flows run inside it), one edge per thing a person can do there. A step is
 * exactly what the runtime does with one update (adapters/runtime.ts): restore the persisted actor
 * tree, maybe end the session or read the profile again, send the event, let every backend call
 * finish, end the session on a 'session' failure or re-read the profile after a 403, persist.
 * Backend calls are answered from the BackendWorld's cache, within the step but after the event
 * itself was taken in, as the runtime's answers come (so an alert said after a backend call is a
 * message, not the pressed button's answer); effects are delivered to a small model of the chat's
 * messages, so that the model knows which buttons a person can press.
 */
import { createActor, fromCallback, type AnyActorLogic, type AnyStateMachine } from 'xstate';
import type { Effect } from '../../adapters/effects.js';
import { backendCallName, type BackendCallName } from '../../machines/backend.js';
import type { PersonEvent } from '../../machines/events.js';
import type { ButtonData } from '../../machines/ui/callback.js';
import type { Screen } from '../../machines/ui/screen.js';
import type { Employee } from '../../api/types.js';
import { actorTree, isMachine, transitionKey, type TreeNode } from '../../scripts/flows/catalog.js';
import type { BackendWorld, Conditions, Outcome, WorldChange } from './world.js';

/** What happens around the person's action in one step: the world, and the runtime's reasons to act first. */
export interface StepSetting {
  /** changes to the backend's data just before the step (another employee deleted a record, changed a role) */
  change?: WorldChange[];
  /** conditions during the step only */
  conditions?: Conditions;
  /** the role was confirmed long ago: the runtime reads the profile before the event */
  staleProfile?: boolean;
  /** the session is gone from Redis: the runtime ends the chat's login instead of handling the event */
  sessionLost?: boolean;
  /** the chat's saved state is gone (expired, or unusable after a deploy) while the session lives on */
  snapshotLost?: boolean;
  /** for BUTTON: the bot message carrying it (0 = the bot's first message in the chat) */
  message?: number;
  /** for BUTTON: data the message's keyboard does not carry (a modified client; Telegram passes it on) */
  forged?: boolean;
  /** the button's label, for people reading a path */
  label?: string;
}

export type ModelEvent = PersonEvent & StepSetting;

/** One bot message that shows inline buttons, by its position among the bot's messages. */
export interface ModelMessage {
  ordinal: number;
  buttons: { label: string; data: ButtonData }[][];
}

/** What one step did: for coverage, for the checks, and for people reading a failing path. */
export interface StepTrace {
  /** `machineId␟stateNodeId` of every state active at some point of the step */
  states: string[];
  /** `machineId␟transitionKey` of every transition taken */
  transitions: string[];
  effects: Effect[];
  /** backend calls made, with 'ok', the failure's kind, or 'unknown' (not answered yet) */
  calls: { call: BackendCallName; input: unknown; outcome: string }[];
  /** an actor stopped with an error (the runtime would show "try again" and start afresh) */
  error: string | null;
  /**
   * how many of `effects` were there before any backend answer arrived: the runtime answers a
   * pressed button with the first alert among these; a later alert is a message of its own
   */
  beforeAnswers: number;
}

export interface ModelState {
  /** the persisted chat actor tree, as JSON (what the runtime stores in Redis) */
  chat: string | null;
  world: WorldChange[];
  /** bot messages that still show buttons, oldest first */
  messages: ModelMessage[];
  botMessages: number;
  trace: StepTrace;
  /** a backend answer this step needed is not in the cache yet (set to a unique number) */
  unresolved: number | null;
}

const SEP = '\u241f';
export const coverageKey = (machineId: string, key: string) => `${machineId}${SEP}${key}`;
export const splitCoverageKey = (entry: string) => entry.split(SEP) as [string, string];

const emptyTrace = (): StepTrace => ({ states: [], transitions: [], effects: [], calls: [], error: null, beforeAnswers: 0 });

export const initialModelState = (): ModelState => ({ chat: null, world: [], messages: [], botMessages: 0, trace: emptyTrace(), unresolved: null });

export type { TreeNode } from '../../scripts/flows/catalog.js';

/** The machines running in a persisted tree, the chat first, then its flows depth-first. */
export function treeOf(root: AnyStateMachine, chat: string | null): TreeNode[] {
  return chat ? actorTree(root, JSON.parse(chat)) : [];
}

export function employeeOf(root: AnyStateMachine, state: ModelState): Employee | null {
  const chat = treeOf(root, state.chat)[0];
  return (chat?.context.employee as Employee | null | undefined) ?? null;
}

/** The step being computed; machines call back into it from effects and backend actors. */
class StepRun {
  world: WorldChange[];
  readonly trace = emptyTrace();
  missing = false;
  sessionFailed = false;
  /** how many effects there were when the session was first found expired: later ones are dropped */
  sessionExpiredAt: number | null = null;
  forbidden = false;
  email: () => string | null = () => null;
  /** backend answers not delivered yet: as in the runtime, they arrive after the event's own step */
  private readonly answers: (() => void)[] = [];

  constructor(
    private readonly backend: BackendWorld,
    world: WorldChange[],
    private readonly conditions: Conditions,
  ) {
    this.world = [...world];
  }

  call(call: BackendCallName, input: unknown): Outcome | undefined {
    const email = call === 'login' ? null : this.email();
    const outcome = this.backend.lookup({ call, input, email, world: this.world, conditions: this.conditions });
    if (!outcome) {
      this.missing = true;
      this.trace.calls.push({ call, input, outcome: 'unknown' });
      return undefined;
    }
    this.trace.calls.push({ call, input, outcome: outcome.ok ? 'ok' : outcome.failure.kind });
    if (!outcome.ok && outcome.unexpected) this.trace.error ??= `backend call ${call} threw ${outcome.unexpected}`;
    if (outcome.ok && outcome.changedData && email !== null) this.world.push({ kind: 'call', call, input, email });
    if (!outcome.ok && outcome.failure.kind === 'session') {
      this.sessionFailed = true;
      this.sessionExpiredAt ??= this.trace.effects.length;
    }
    if (!outcome.ok && outcome.failure.kind === 'forbidden') this.forbidden = true;
    return outcome;
  }

  answerLater(deliver: () => void): void {
    this.answers.push(deliver);
  }

  /** Delivers the answers, and those of the calls they lead to, until no call is pending (the runtime's settle). */
  settle(): void {
    for (let answer = this.answers.shift(); answer; answer = this.answers.shift()) answer();
  }
}

let running: StepRun | null = null;
const current = (): StepRun => {
  if (!running) throw new Error('a model machine ran outside a model step');
  return running;
};

/** The machine tree with effects recorded into the running step and backend calls answered from the world. */
function provideModel(machine: AnyStateMachine): AnyStateMachine {
  const actors: Record<string, unknown> = {};
  for (const [name, logic] of Object.entries(machine.implementations.actors)) {
    if (isMachine(logic)) {
      actors[name] = provideModel(logic);
      continue;
    }
    actors[name] = fromCallback(({ input, self, sendBack }) => {
      const run = current();
      const outcome = run.call(backendCallName(logic) ?? (name as BackendCallName), input);
      // an unanswered call stays pending; the step is marked unresolved and retried later
      if (!outcome) return;
      run.answerLater(() => {
        if (outcome.ok) sendBack({ type: `xstate.done.actor.${self.id}`, output: outcome.output });
        else sendBack({ type: `xstate.error.actor.${self.id}`, error: outcome.failure });
      });
    });
  }
  const push = (effect: Effect) => current().trace.effects.push(effect);
  return machine.provide({
    actions: {
      show: (_: unknown, screen: Screen) => push({ type: 'show', screen }),
      alert: (_: unknown, text: string) => push({ type: 'alert', text }),
      deleteMessage: () => push({ type: 'deleteMessage' }),
    },
    actors,
  } as never) as AnyStateMachine;
}

const personEvent = (event: ModelEvent): PersonEvent => {
  const { change: _change, conditions: _conditions, staleProfile: _stale, sessionLost: _lost, snapshotLost: _gone, message: _message, label: _label, forged: _forged, ...person } = event;
  return person as PersonEvent;
};

/**
 * What the runtime and the Telegram sink do with a step's effects (adapters/runtime.ts,
 * adapters/telegram.ts): the first alert said before any backend answer answers a pressed button;
 * the first screen after a pressed button edits that button's message unless it changes the reply
 * keyboard or must be fresh; everything else is a new message.
 */
function deliver(state: ModelState, trace: StepTrace, pressed: number | undefined): Pick<ModelState, 'messages' | 'botMessages'> {
  const messages = state.messages.map((message) => ({ ...message }));
  let count = state.botMessages;
  let editable = pressed;
  const answer = pressed === undefined ? -1 : trace.effects.slice(0, trace.beforeAnswers).findIndex((effect) => effect.type === 'alert');
  const buttonsOf = (screen: Screen) =>
    (screen.buttons ?? []).map((row) => row.flatMap((button) => ('data' in button ? [{ label: button.label, data: button.data }] : [])));
  const put = (ordinal: number, screen: Screen) => {
    const index = messages.findIndex((message) => message.ordinal === ordinal);
    if (index >= 0) messages.splice(index, 1);
    const buttons = buttonsOf(screen);
    if (buttons.some((row) => row.length > 0)) messages.push({ ordinal, buttons });
    messages.sort((a, b) => a.ordinal - b.ordinal);
  };
  for (const [index, effect] of trace.effects.entries()) {
    if (index === answer) continue;
    if (effect.type === 'show' && editable !== undefined && !effect.screen.keyboard && !effect.screen.fresh) {
      put(editable, effect.screen);
    } else if (effect.type === 'show') {
      put(count, effect.screen);
      count += 1;
    } else if (effect.type === 'alert') {
      count += 1;
    }
    if (effect.type === 'show') editable = undefined;
  }
  // a person scrolls back a little, not through the whole history: keep the newest few
  return { messages: messages.slice(-4), botMessages: count };
}

let unresolvedCounter = 0;

export class ChatModel {
  readonly machine: AnyStateMachine;
  private readonly memo = new WeakMap<ModelState, Map<string, ModelState>>();
  /** one initial state object, so that the memo carries over from one traversal to the next */
  private readonly initial = initialModelState();

  constructor(
    readonly root: AnyStateMachine,
    readonly backend: BackendWorld,
  ) {
    this.machine = provideModel(root);
  }

  /** The logic @xstate/graph traverses. */
  logic(): AnyActorLogic {
    return {
      config: {},
      transition: (state: ModelState, event: ModelEvent) => this.step(state, event),
      getInitialSnapshot: () => this.initial,
    } as unknown as AnyActorLogic;
  }

  step(state: ModelState, event: ModelEvent): ModelState {
    if (state.unresolved !== null) return state;
    const eventKey = JSON.stringify(event);
    const known = this.memo.get(state)?.get(eventKey);
    if (known) return known;
    const next = this.compute(state, event);
    // a step still waiting for a backend answer is computed again once the answer is there
    if (next.unresolved !== null) return next;
    const steps = this.memo.get(state) ?? new Map<string, ModelState>();
    steps.set(eventKey, next);
    this.memo.set(state, steps);
    return next;
  }

  private compute(state: ModelState, event: ModelEvent): ModelState {
    const run = new StepRun(this.backend, [...state.world, ...(event.change ?? [])], event.conditions ?? {});
    const trace = run.trace;
    const states = new Set<string>();
    const transitions = new Set<string>();
    const inspect = (inspection: unknown) => {
      const e = inspection as { type: string; actorRef?: { logic?: unknown }; snapshot?: { _nodes?: { id: string; parent?: unknown }[] }; _transitions?: never[] };
      const logic = e.actorRef?.logic;
      if (!isMachine(logic)) return;
      for (const node of e.snapshot?._nodes ?? []) if (node.parent) states.add(coverageKey(logic.id, node.id));
      if (e.type === '@xstate.microstep') {
        for (const definition of e._transitions ?? []) {
          transitions.add(coverageKey(logic.id, transitionKey(definition)));
          // a transient state (left by an eventless transition in the same step) shows up only as a source
          for (let node = (definition as { source: { id: string; parent?: unknown } }).source; node.parent; node = node.parent as typeof node) {
            states.add(coverageKey(logic.id, node.id));
          }
        }
      }
    };

    running = run;
    let chat: string | null = null;
    try {
      const persisted = state.chat && !event.snapshotLost ? (JSON.parse(state.chat) as object) : null;
      // without a saved state the runtime starts the chat with the session's employee, if any
      const employee = event.snapshotLost ? employeeOf(this.root, state) : null;
      const actor = createActor(this.machine, persisted ? { snapshot: persisted as never, inspect } : { input: { employee }, inspect });
      actor.subscribe({ error: (error) => (trace.error = String(error)) });
      run.email = () => (actor.getSnapshot().context as { employee?: Employee | null }).employee?.email ?? null;
      actor.start();
      let settled = false;
      const settle = () => {
        trace.beforeAnswers = trace.effects.length;
        settled = true;
        run.settle();
      };
      const loggedIn = () => run.email() !== null;
      const refreshProfile = (): boolean => {
        const outcome = run.call('fetchProfile', undefined);
        if (outcome?.ok) actor.send({ type: 'PROFILE', employee: outcome.output as Employee });
        if (outcome && !outcome.ok && outcome.failure.kind === 'session') {
          actor.send({ type: 'SESSION_EXPIRED' });
          return true;
        }
        return false;
      };
      if (event.sessionLost && loggedIn()) {
        actor.send({ type: 'SESSION_EXPIRED' });
        settle();
      } else if (!(event.staleProfile && loggedIn() && refreshProfile())) {
        actor.send(personEvent(event));
        settle();
        if (run.sessionFailed) {
          // the runtime drops what the flow said after the session turned out to be over
          trace.effects.length = run.sessionExpiredAt ?? trace.effects.length;
          actor.send({ type: 'SESSION_EXPIRED' });
        }
        else if (run.forbidden && loggedIn()) refreshProfile();
      }
      if (!settled) trace.beforeAnswers = trace.effects.length;
      if (actor.getSnapshot().status !== 'active') trace.error ??= `the chat actor is ${actor.getSnapshot().status}`;
      chat = trace.error ? null : JSON.stringify(actor.getPersistedSnapshot());
      actor.stop();
    } catch (error) {
      trace.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } finally {
      running = null;
    }
    trace.states = [...states].sort();
    trace.transitions = [...transitions].sort();
    if (run.missing) {
      unresolvedCounter += 1;
      return { ...state, trace, unresolved: unresolvedCounter };
    }
    const pressed = event.type === 'BUTTON' ? event.message : undefined;
    return { chat, world: run.world, ...deliver(state, trace, pressed), trace, unresolved: null };
  }
}
