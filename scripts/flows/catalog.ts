/**
 * Finds every flow machine by walking the actor implementations from the chat machine down, and
 * lists each machine's states and transitions in one stable order. The diagrams and the
 * model-based tests both start here, so a new flow appears in both as soon as a parent names it
 * in its `setup({ actors })`: there is no list to keep up to date.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition, StateValue } from 'xstate';
import { backendCallName } from '../../machines/backend.js';
import { chatMachine } from '../../machines/chat.js';
import { isMachine } from '../../machines/flow.js';

export { isMachine };

export interface Invocation {
  /** the invoking flow's machine id */
  flow: string;
  /** the name the parent gives the actor in `setup({ actors })` */
  src: string;
  /** ids of the parent's state nodes that invoke it */
  states: string[];
}

export interface Flow {
  /** the machine's id: unique; names the diagram file and the tests */
  id: string;
  machine: AnyStateMachine;
  /** where the flow is started from (empty for the chat machine) */
  invokedBy: Invocation[];
  /** flows this one invokes, by machine id */
  childFlows: string[];
  /** backend calls this one invokes, by name (see machines/backend.ts) */
  backendCalls: string[];
}

/** Every state node below the root, parents before children, in document order. */
export function stateNodesOf(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const visit = (node: AnyStateNode) => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      nodes.push(child);
      visit(child);
    }
  };
  visit(machine.root);
  return nodes;
}

/** The `src` names a state node invokes (string sources only: machines name their actors). */
export function invokedSources(node: AnyStateNode): { id: string; src: string }[] {
  return node.invoke.flatMap((invoke) => (typeof invoke.src === 'string' ? [{ id: invoke.id, src: invoke.src }] : []));
}

export interface TransitionInfo {
  /** stable across `machine.provide()`: source state id, event type, position among its siblings */
  key: string;
  source: AnyStateNode;
  /** '' for an eventless (`always`) transition */
  eventType: string;
  /** the transitions for the same source and event, in the order xstate tries them */
  siblings: readonly AnyTransitionDefinition[];
  index: number;
  definition: AnyTransitionDefinition;
}

export function transitionKey(definition: AnyTransitionDefinition): string {
  const source = definition.source;
  const siblings = definition.eventType === '' ? (source.always ?? []) : (source.transitions.get(definition.eventType) ?? []);
  return `${source.id}|${definition.eventType}|${siblings.indexOf(definition)}`;
}

/** Every transition of the machine (root included), in document order. */
export function transitionsOf(machine: AnyStateMachine): TransitionInfo[] {
  const result: TransitionInfo[] = [];
  for (const source of [machine.root, ...stateNodesOf(machine)]) {
    const groups: [string, readonly AnyTransitionDefinition[]][] = [...source.transitions.entries()];
    if (source.always?.length) groups.push(['', source.always]);
    for (const [eventType, siblings] of groups) {
      siblings.forEach((definition, index) => {
        result.push({ key: `${source.id}|${eventType}|${index}`, source, eventType, siblings, index, definition });
      });
    }
  }
  return result;
}

/**
 * All flows reachable from the root machine, the root first, then depth-first in the order the
 * parents name their actors. A machine named by several parents appears once, with each parent.
 */
export function discoverFlows(root: AnyStateMachine = chatMachine as unknown as AnyStateMachine): Flow[] {
  const flows = new Map<string, Flow>();
  const visit = (machine: AnyStateMachine, invokedBy: Invocation | null) => {
    const known = flows.get(machine.id);
    if (known) {
      // the id names the diagram file and the tests: two different machines must not share it
      if (known.machine.config !== machine.config) {
        throw new Error(`two different machines have the id '${machine.id}': give one of them another id`);
      }
      if (invokedBy) known.invokedBy.push(invokedBy);
      return;
    }
    const flow: Flow = { id: machine.id, machine, invokedBy: invokedBy ? [invokedBy] : [], childFlows: [], backendCalls: [] };
    flows.set(machine.id, flow);
    const nodes = stateNodesOf(machine);
    const children: [string, AnyStateMachine][] = [];
    for (const [src, logic] of Object.entries(machine.implementations.actors)) {
      if (isMachine(logic)) children.push([src, logic]);
      else flow.backendCalls.push(backendCallName(logic) ?? src);
    }
    for (const [src, child] of children) {
      flow.childFlows.push(child.id);
      const states = nodes.filter((node) => invokedSources(node).some((invoke) => invoke.src === src)).map((node) => node.id);
      visit(child, { flow: machine.id, src, states });
    }
  };
  visit(root, null);
  return [...flows.values()];
}

/** One machine's part of a persisted actor tree. */
export interface TreeNode {
  machine: AnyStateMachine;
  value: StateValue;
  context: Record<string, unknown>;
}

interface PersistedActor {
  value?: StateValue;
  context?: Record<string, unknown>;
  children?: Record<string, { src?: unknown; snapshot?: PersistedActor }>;
}

/**
 * The machines running in a persisted actor tree (what the runtime stores for a chat), the root
 * first, then its flows depth-first: the last one is the innermost flow the chat is in.
 */
export function actorTree(root: AnyStateMachine, persisted: unknown): TreeNode[] {
  if (!persisted || typeof persisted !== 'object') return [];
  const nodes: TreeNode[] = [];
  const visit = (machine: AnyStateMachine, snapshot: PersistedActor) => {
    nodes.push({ machine, value: snapshot.value ?? {}, context: snapshot.context ?? {} });
    for (const child of Object.values(snapshot.children ?? {})) {
      const logic = typeof child.src === 'string' ? machine.implementations.actors[child.src] : undefined;
      if (isMachine(logic) && child.snapshot) visit(logic, child.snapshot);
    }
  };
  visit(root, persisted as PersistedActor);
  return nodes;
}

/** The state nodes a state value names, parents before children (a parallel state names several). */
export function activeStateNodes(machine: AnyStateMachine, value: StateValue): AnyStateNode[] {
  const active: AnyStateNode[] = [];
  const visit = (node: AnyStateNode, at: StateValue) => {
    const entries: [string, StateValue | undefined][] = typeof at === 'string' ? [[at, undefined]] : Object.entries(at);
    for (const [key, below] of entries) {
      const child = node.states[key] as AnyStateNode | undefined;
      if (!child) continue;
      active.push(child);
      if (below !== undefined) visit(child, below);
    }
  };
  visit(machine.root, value);
  return active;
}
