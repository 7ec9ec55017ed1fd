/**
 * Paths through the bot, generated with @xstate/graph from the machines themselves.
 *
 * 1. Traverse, once per section: `getAdjacencyMap` over the chat model (model.ts), with the events
 *    of events.ts plus the generic ones below, the main menu offering that section only (and the
 *    profile, logout), bounded by `serializeState` (state values + the few context fields that
 *    matter) and `limit`. Backend answers missing from the cache are produced between traversals
 *    until none is missing; the answers are shared by the sections' traversals.
 * 2. Shortest paths: the traversal's own breadth-first tree gives the shortest way to every vertex
 *    of a section's graph; for each state and transition the shortest of all graphs is kept.
 * 3. Selection, per machine: for every state node, the shortest path that reaches it; for every
 *    transition, the shortest path to an edge that takes it (shortest path to the edge's source +
 *    the edge's event); for every edge the model finds broken (no answer, an error), that edge.
 *    Paths that are a prefix of another selected path are dropped.
 * 4. With MODEL_TESTS=full, also a bounded set of simple paths per machine: depth-first over the
 *    same adjacency map, no vertex twice, at most `SIMPLE.maxDepth` steps past the flow's entry
 *    and `SIMPLE.maxPaths` paths (@xstate/graph's getSimplePaths enumerates every simple path,
 *    which cannot be capped and does not finish on a graph of this size).
 */
import { createHash } from 'node:crypto';
import { adjacencyMapToArray, getAdjacencyMap, type AdjacencyMap } from '@xstate/graph';
import type { AnyStateMachine, StateValue } from 'xstate';
import type { BackendCallName } from '../../machines/backend.js';
import { chatMachine } from '../../machines/chat.js';
import { sections } from '../../machines/sections.js';
import { discoverFlows, isMachine, stateNodesOf, transitionsOf, type Flow } from '../../scripts/flows/catalog.js';
import { humanise, stateLabel, transitionLabel } from '../../scripts/flows/labels.js';
import { flowEvents, recordOf, samples, text, photo, type FlowView, type PressableButton } from './events.js';
import { ChatModel, coverageKey, employeeOf, treeOf, type ModelEvent, type ModelState } from './model.js';
import { BackendWorld } from './world.js';

export const SIMPLE = { maxDepth: 8, maxPaths: 25 };
/** A safety net only: the state key must keep the graph far below it. */
const TRAVERSAL_LIMIT = 400_000;
const MAX_ROUNDS = 60;

export interface PathStep {
  event: ModelEvent;
  /** the model's state after the event */
  state: ModelState;
}

export interface ModelPath {
  /** stable across runs while the machines do not change: pass it to `-t` to run this path alone */
  id: string;
  kind: 'state' | 'transition' | 'broken' | 'simple';
  /** the flow machine the path was generated for */
  machine: string;
  /** what the path is for, in words */
  goal: string;
  steps: PathStep[];
  /** the way out tried after the path (/cancel, /menu or a main-menu button): it must leave any running flow */
  exit: PathStep;
}

export interface MachineUniverse {
  flow: Flow;
  states: string[];
  transitions: string[];
}

export interface ModelGraph {
  model: ChatModel;
  machines: MachineUniverse[];
  paths: ModelPath[];
  /** coverage keys the traversal reached at all (what replays can cover at best) */
  reachable: Set<string>;
  stats: { vertices: number; edges: number; rounds: number; answers: number; ms: number };
  keyOf(state: ModelState): string;
  treeKeyOf(chat: string | null): string;
  /** human names of coverage keys (state and transition labels), for goals and reports */
  labelOf(key: string): string;
}

function matchesValue(value: StateValue, path: string[]): boolean {
  if (path.length === 0) return true;
  const [head, ...rest] = path;
  if (typeof value === 'string') return rest.length === 0 && value === head;
  const child = value[head!];
  return child !== undefined && matchesValue(child as StateValue, rest);
}

/**
 * Rows of the same kind (a list's 20 "open" buttons) lead to states that differ only in the
 * record: of each message's buttons with the same section and action that name a record by id,
 * the model presses the first and the last ones (`ROWS_SAMPLED` in all), which bounds the graph
 * without losing a kind of button. Choices (buttons with a value, or without an id) are all pressed. `events.ts` may still name a particular row it needs (`view.buttons` holds them all).
 */
const ROWS_SAMPLED = 2;

function sampledRows(buttons: PressableButton[]): PressableButton[] {
  const byKind = new Map<string, PressableButton[]>();
  for (const button of buttons) {
    // on the newest message a choice (no record id, or a value of its own) is a kind by itself;
    // an older message's buttons are pressed to see them answered as out of date or followed as
    // navigation, for which one of each action is enough
    const choice = button.newest && (button.data.id === undefined || button.data.value !== undefined);
    const kind = choice ? JSON.stringify([button.message, button.data]) : `${button.message}:${button.data.section}:${button.data.action}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), button]);
  }
  const kept = new Set<PressableButton>();
  for (const same of byKind.values()) {
    kept.add(same[0]!);
    if (ROWS_SAMPLED > 1) kept.add(same.at(-1)!);
  }
  return buttons.filter((button) => kept.has(button));
}

/** The buttons a person can press: all of the newest message with buttons, and the one before it. */
function pressable(state: ModelState): PressableButton[] {
  const withButtons = [...state.messages].reverse();
  const buttons: PressableButton[] = [];
  withButtons.slice(0, 2).forEach((message, index) => {
    for (const row of message.buttons) {
      for (const button of row) buttons.push({ data: button.data, label: button.label, message: message.ordinal, newest: index === 0 });
    }
  });
  return buttons;
}

export function createGraphTools(root: AnyStateMachine = chatMachine as unknown as AnyStateMachine) {
  const backend = new BackendWorld();
  const model = new ChatModel(root, backend);
  const flows = discoverFlows(root);

  /** The machines' part of a state's identity; the same for the model's snapshot and the bot's saved one. */
  const treeKeyOf = (chat: string | null): string =>
    JSON.stringify(
      treeOf(root, chat).map((node) => {
        const key = flowEvents[node.machine.id]?.key?.(node.context);
        return key === undefined ? [node.machine.id, node.value] : [node.machine.id, node.value, key];
      }),
    );

  const keyOf = (state: ModelState): string => {
    if (state.unresolved !== null) return `unresolved:${state.unresolved}`;
    if (state.chat === null) return state.trace.error ? `error:${state.trace.error}` : 'new chat';
    const tree = treeKeyOf(state.chat);
    // the buttons still on screen matter too: an old message's button is how stale presses are reached
    // (only which sections they belong to: anything finer multiplies the graph)
    const buttons = [...new Set(pressable(state).filter((button) => !button.newest).map((button) => button.data.section))].sort();
    return `${tree} ${JSON.stringify(buttons)}`;
  };

  const viewsOf = (state: ModelState, focus: string): FlowView[] => {
    const employee = employeeOf(root, state);
    const buttons = pressable(state);
    return treeOf(root, state.chat).map((node) => ({
      flow: node.machine.id,
      value: node.value,
      context: node.context,
      in: (path: string) => matchesValue(node.value, path.split('.')),
      employee,
      buttons,
      lastMessage: state.botMessages - 1,
      seed: backend.seed,
      focus,
    }));
  };

  /** The generic failure variants of an event that calls the backend (see events.ts). */
  const variants = (state: ModelState, event: ModelEvent): ModelEvent[] => {
    const next = model.step(state, event);
    const calls = next.trace.calls;
    if (calls.length === 0) return [];
    const result: ModelEvent[] = [
      // with the backend down the runtime's re-read of a stale profile fails too, and the profile
      // stays stale for the next update, which the model does not follow: not tried with a re-read
      ...(event.staleProfile ? [] : [{ ...event, conditions: { down: true } }]),
      { ...event, conditions: { expired: true } },
    ];
    const employee = employeeOf(root, state);
    const changedData = next.world.length > state.world.length + (event.change?.length ?? 0);
    if (employee && changedData) {
      // demoted to a role that may change nothing: the backend answers 403
      result.push({ ...event, change: [...(event.change ?? []), { kind: 'role', email: employee.email, role: 'assistent' }] });
    }
    const recordOfCall = ({ call, input }: { call: string; input: unknown }) =>
      (recordOf[call as BackendCallName] as ((input: unknown) => { table: 'students' | 'groups' | 'employees'; id: number } | null) | undefined)?.(input) ?? null;
    // the person's own account deleted under them is the session ending, which the expired variant covers
    const own = (record: { table: string; id: number } | null) => record?.table === 'employees' && employee !== null && record.id === employee.id;
    for (const call of calls) {
      const record = recordOfCall(call);
      if (record && !own(record)) result.push({ ...event, change: [...(event.change ?? []), { kind: 'remove', ...record }] });
    }
    // a write after fresh reads in the same step: the reads answer, the write fails, or its record
    // was deleted by someone else in between (today's date is the runtime's, not a request)
    if (changedData && calls.filter(({ call }) => call !== 'today').length >= 2) {
      result.push({ ...event, conditions: { writeFails: 'html502' } });
      const write = next.world.at(-1);
      const record = write?.kind === 'call' ? recordOfCall(write) : null;
      if (record && !own(record)) result.push({ ...event, conditions: { writeFails: 'gone' } });
    }
    // the logout deletes the session from Redis, which may fail
    if (calls.some(({ call }) => call === 'logout')) result.push({ ...event, conditions: { storageDown: true } });
    return result;
  };

  const eventsOf = (state: ModelState, focus: string): ModelEvent[] => {
    if (state.unresolved !== null || (state.chat === null && state.trace.error)) return [];
    const views = viewsOf(state, focus);
    const base: ModelEvent[] = [];
    if (views.length === 0) base.push({ type: 'COMMAND', command: 'start' }, text(samples.chatter));
    for (const view of views) base.push(...(flowEvents[view.flow]?.events?.(view) ?? []));
    // the generic events, for every flow whether or not it has an entry in events.ts
    if (views.length > 1) base.push(text(samples.htmlLike), photo);
    for (const button of sampledRows(views[0]?.buttons ?? [])) {
      base.push({ type: 'BUTTON', button: button.data, message: button.message, label: button.label });
    }
    const unique = new Map<string, ModelEvent>();
    for (const event of base) unique.set(JSON.stringify(event), event);
    // the chat's own commands and menu items fail the same way wherever they are sent: their
    // failures are tried at the main menu, not again inside every state of every flow; an older
    // message's buttons, the same: their failures are tried where they were the newest
    const oldButtons = new Set((views[0]?.buttons ?? []).filter((button) => !button.newest).map((button) => button.message));
    const chatWide = (event: ModelEvent) =>
      (views.length > 1 && (event.type === 'MENU' || event.type === 'COMMAND')) || (event.type === 'BUTTON' && event.message !== undefined && oldButtons.has(event.message));
    for (const event of [...unique.values()]) if (!chatWide(event)) for (const variant of variants(state, event)) unique.set(JSON.stringify(variant), variant);
    return [...unique.values()];
  };

  return { backend, model, flows, keyOf, treeKeyOf, eventsOf, viewsOf };
}

const hashOf = (events: ModelEvent[]) => createHash('sha256').update(JSON.stringify(events)).digest('hex').slice(0, 8);

/** The sections whose graphs are built: every registered one (a graph each, see `buildModelGraph`). */
const everySection = sections.map((section) => section.name as string);

/**
 * The graph is explored once per section: in each, the main menu offers that section and the items
 * that are no section (the profile, logout). One graph with every section holds every section's
 * states combined with every other's older buttons and grows past what a test can traverse; the
 * sections share nothing but the chat and the login, which every graph explores alike. The
 * shortest path to each state and transition is taken from whichever graph has it.
 */
export async function buildModelGraph(options: { full?: boolean; root?: AnyStateMachine; focus?: string[] } = {}): Promise<ModelGraph> {
  const started = Date.now();
  const tools = createGraphTools(options.root);
  const { model, backend, flows, keyOf } = tools;
  const logic = model.logic();
  const machines: MachineUniverse[] = flows.map((flow) => ({
    flow,
    states: stateNodesOf(flow.machine).map((node) => coverageKey(flow.id, node.id)),
    transitions: transitionsOf(flow.machine).map((info) => coverageKey(flow.id, info.key)),
  }));
  // the best edge for every coverage key: the shortest path to its source + its event
  const best = new Map<string, { length: number; steps: PathStep[] }>();
  const reachable = new Set<string>();
  const broken: PathStep[][] = [];
  const brokenSeen = new Set<string>();
  const shortestIn = new Map<string, Map<string, PathStep[]>>();
  let rounds = 0;
  let answers = 0;
  let vertices = 0;
  let edgeCount = 0;

  for (const focus of options.focus ?? everySection) {
    const traversal = { serializeState: (state: ModelState) => keyOf(state), events: (state: ModelState) => tools.eventsOf(state, focus), limit: TRAVERSAL_LIMIT };
    const traverse = () => getAdjacencyMap(logic, traversal as never) as unknown as Adjacency;
    let adjacency = traverse();
    let focusRounds = 1;
    while (backend.pending > 0) {
      if (focusRounds >= MAX_ROUNDS) throw new Error(`${focus}: backend answers still missing after ${MAX_ROUNDS} traversals`);
      const t0 = Date.now();
      answers += await backend.produceMissing();
      if (process.env.MODEL_DEBUG) console.error(`${focus} round ${focusRounds}: ${Object.keys(adjacency).length} vertices, produce ${Date.now() - t0} ms`);
      adjacency = traverse();
      focusRounds += 1;
    }
    rounds += focusRounds;
    const shortest = treePaths(adjacency);
    if (options.full) shortestIn.set(focus, shortest);
    const edges = adjacencyMapToArray(adjacency);
    vertices += Object.keys(adjacency).filter((key) => !key.startsWith('unresolved:')).length;
    edgeCount += edges.length;
    if (process.env.MODEL_DEBUG) console.error(`${focus}: ${Object.keys(adjacency).length} vertices, ${edges.length} edges, ${focusRounds} traversals, ${Date.now() - started} ms so far`);
    for (const edge of edges) {
      const source = edge.state as ModelState;
      const target = edge.nextState as ModelState;
      if (target.unresolved !== null) continue;
      const prefix = shortest.get(keyOf(source));
      if (!prefix) continue;
      const steps = [...prefix, { event: edge.event as ModelEvent, state: target }];
      const answered = target.trace.effects.some((effect) => effect.type === 'show' || effect.type === 'alert');
      if (target.trace.error || !answered) {
        const kind = `${keyOf(source)}|${(edge.event as ModelEvent).type}|${target.trace.error ?? 'silent'}`;
        if (!brokenSeen.has(kind) && broken.length < 30) {
          brokenSeen.add(kind);
          broken.push(steps);
        }
      }
      for (const key of [...target.trace.states, ...target.trace.transitions]) {
        reachable.add(key);
        const known = best.get(key);
        if (!known || steps.length < known.length) best.set(key, { length: steps.length, steps });
      }
    }
  }

  const labels = new Map<string, string>();
  for (const { flow } of machines) {
    const context = { flowTitleBySrc: (src: string) => (isMachine(flow.machine.implementations.actors[src]) ? `the ${humanise(src)}` : undefined) };
    for (const node of stateNodesOf(flow.machine)) labels.set(coverageKey(flow.id, node.id), `“${stateLabel(node)}”`);
    for (const info of transitionsOf(flow.machine)) {
      const where = info.source.parent ? `“${stateLabel(info.source)}”` : `anywhere in ${flow.id}`;
      labels.set(coverageKey(flow.id, info.key), `${where} on ${transitionLabel(info, context)}`);
    }
  }
  const labelOf = (key: string) => labels.get(key) ?? key;

  type Candidate = Omit<ModelPath, 'exit'>;
  const candidates: Candidate[] = [];
  const add = (kind: ModelPath['kind'], machine: string, goal: string, steps: PathStep[]) => {
    candidates.push({ id: hashOf(steps.map((step) => step.event)), kind, machine, goal, steps });
  };
  for (const machine of machines) {
    for (const key of machine.states) {
      const found = best.get(key);
      if (found) add('state', machine.flow.id, `reaches ${labelOf(key)}`, found.steps);
    }
    for (const key of machine.transitions) {
      const found = best.get(key);
      if (found) add('transition', machine.flow.id, `takes ${labelOf(key)}`, found.steps);
    }
  }
  for (const steps of broken) {
    const last = steps.at(-1)!;
    const machine = treeOf(model.root, steps.at(-2)?.state.chat ?? null).at(-1)?.machine.id ?? 'chat';
    add('broken', machine, last.state.trace.error ? `the model stops with an error: ${last.state.trace.error}` : 'the model finds no answer to this step', steps);
  }
  if (options.full) {
    // walking on may need backend answers the traversal never asked for: produce them and walk again
    const walkAll = () => machines.map((machine) => simplePaths(tools, shortestIn, machine.flow.id));
    let walks = walkAll();
    while (backend.pending > 0 && rounds < MAX_ROUNDS * everySection.length) {
      answers += await backend.produceMissing();
      rounds += 1;
      walks = walkAll();
    }
    machines.forEach((machine, index) => {
      for (const steps of walks[index]!) add('simple', machine.flow.id, `a simple path through ${machine.flow.id}`, steps);
    });
  }

  const kept = dropPrefixes(candidates);
  // the ways out need backend answers of their own (a profile read with the path's data)
  const exits = kept.map((path, index) => exitEvent(index, path.steps.at(-1)?.state ?? model.logic().getInitialSnapshot(null as never, undefined)));
  const stepExits = () => kept.map((path, index) => ({ event: exits[index]!, state: model.step(path.steps.at(-1)?.state ?? model.logic().getInitialSnapshot(null as never, undefined), exits[index]!) }));
  let exitSteps = stepExits();
  while (backend.pending > 0) {
    answers += await backend.produceMissing();
    exitSteps = stepExits();
    rounds += 1;
  }
  const paths: ModelPath[] = kept.map((path, index) => ({ ...path, exit: exitSteps[index]! }));
  return {
    model,
    machines,
    paths,
    reachable,
    stats: { vertices, edges: edgeCount, rounds, answers, ms: Date.now() - started },
    keyOf,
    treeKeyOf: tools.treeKeyOf,
    labelOf,
  };
}

/** The ways out a person has from anywhere; each path tries one of them, in turn. */
function exitEvent(index: number, state: ModelState): ModelEvent {
  const chat = state.chat ? (JSON.parse(state.chat) as { context?: { employee?: unknown } }) : null;
  const exits: ModelEvent[] = chat?.context?.employee
    ? [{ type: 'COMMAND', command: 'cancel' }, { type: 'COMMAND', command: 'menu' }, { type: 'MENU', item: 'profile' }]
    : [{ type: 'COMMAND', command: 'cancel' }];
  return exits[index % exits.length]!;
}

/** Keeps one path per event sequence, and no path that is the start of another kept path. */
function dropPrefixes<P extends { steps: PathStep[] }>(paths: P[]): P[] {
  const keyed = paths.map((path) => ({ path, events: path.steps.map((step) => JSON.stringify(step.event)) }));
  const longestFirst = [...keyed].sort((a, b) => b.events.length - a.events.length);
  const kept: typeof keyed = [];
  for (const candidate of longestFirst) {
    const covered = kept.some((other) => candidate.events.every((event, index) => other.events[index] === event));
    if (!covered) kept.push(candidate);
  }
  // back in generation order, so that the test list reads machine by machine
  const order = new Map(paths.map((path, index) => [path, index]));
  return kept.map((entry) => entry.path).sort((a, b) => order.get(a)! - order.get(b)!);
}

type Adjacency = AdjacencyMap<ModelState, ModelEvent>;

/**
 * The shortest path to every vertex, as the traversal found it. getAdjacencyMap visits vertices
 * breadth-first and computes each vertex's edges from the first state object that reached it, so
 * following, for each vertex, the edge that produced that very object gives shortest paths whose
 * every step is consistent with the next. (getShortestPaths would find the same lengths, but its
 * paths carry any state object with the right key, and merged states differ in what the key
 * leaves out: the chat's message numbers, the backend's data.)
 */
function treePaths(adjacency: Adjacency): Map<string, PathStep[]> {
  const representative = new Map<ModelState, string>();
  for (const [key, entry] of Object.entries(adjacency)) representative.set(entry.state, key);
  const parent = new Map<string, { from: string; event: ModelEvent; state: ModelState }>();
  for (const [key, entry] of Object.entries(adjacency)) {
    for (const { event, state } of Object.values(entry.transitions) as { event: ModelEvent; state: ModelState }[]) {
      const target = representative.get(state);
      if (target !== undefined && target !== key && !parent.has(target)) parent.set(target, { from: key, event, state });
    }
  }
  const paths = new Map<string, PathStep[]>();
  const pathTo = (key: string): PathStep[] => {
    const known = paths.get(key);
    if (known) return known;
    const link = parent.get(key);
    const steps = link ? [...pathTo(link.from), { event: link.event, state: link.state }] : [];
    paths.set(key, steps);
    return steps;
  };
  const initial = Object.keys(adjacency)[0];
  for (const key of Object.keys(adjacency)) if (key === initial || parent.has(key)) pathTo(key);
  return paths;
}

/**
 * Bounded simple paths of one flow: from the first vertex where the flow runs, depth-first through
 * vertices where it still runs, never visiting a vertex twice. Each next state is computed from
 * the path's own state (not from a merged vertex), so the path stays consistent step by step.
 */
function simplePaths(tools: ReturnType<typeof createGraphTools>, shortestIn: Map<string, Map<string, PathStep[]>>, flowId: string): PathStep[][] {
  const { keyOf, model, eventsOf } = tools;
  const runs = (state: ModelState) => treeOf(model.root, state.chat).some((node) => node.machine.id === flowId);
  // the first section's graph where the flow runs at all
  let entry: PathStep[] | undefined;
  let focus = '';
  for (const [section, shortest] of shortestIn) {
    entry = [...shortest.values()].filter((steps) => steps.length > 0 && runs(steps.at(-1)!.state)).sort((a, b) => a.length - b.length)[0];
    focus = section;
    if (entry) break;
  }
  if (!entry) return [];
  const start = entry;
  const results: PathStep[][] = [];
  const visited = new Set<string>([keyOf(start.at(-1)!.state)]);
  const walk = (state: ModelState, steps: PathStep[]) => {
    if (results.length >= SIMPLE.maxPaths) return;
    let extended = false;
    if (steps.length < SIMPLE.maxDepth) {
      for (const event of eventsOf(state, focus)) {
        const next = model.step(state, event);
        const nextKey = keyOf(next);
        if (next.unresolved !== null || visited.has(nextKey) || !runs(next)) continue;
        extended = true;
        visited.add(nextKey);
        walk(next, [...steps, { event, state: next }]);
        visited.delete(nextKey);
        if (results.length >= SIMPLE.maxPaths) return;
      }
    }
    if (!extended && steps.length > 0) results.push([...start, ...steps]);
  };
  walk(start.at(-1)!.state, []);
  return results;
}
