import type { AnyActorRef, AnyStateMachine, StateValue } from 'xstate';

/**
 * Persisted snapshots are wrapped with a format version and checked against the machines before
 * they are restored: a snapshot naming a state or a flow that no longer exists (after a deploy)
 * would otherwise put the actor into an error status. Such a chat starts afresh instead.
 */
export const SNAPSHOT_FORMAT = 1;

interface PersistedActor {
  status?: string;
  value?: StateValue;
  children?: Record<string, { src?: unknown; snapshot?: PersistedActor }>;
}

function valueFits(node: AnyStateMachine['root'], value: StateValue): boolean {
  if (typeof value === 'string') return value in node.states;
  return Object.entries(value).every(([key, child]) => {
    const next = node.states[key];
    return next !== undefined && (child === undefined || valueFits(next, child as StateValue));
  });
}

export function fitsMachine(machine: AnyStateMachine, persisted: unknown): boolean {
  if (!persisted || typeof persisted !== 'object') return false;
  const snapshot = persisted as PersistedActor;
  if (snapshot.status !== 'active' || snapshot.value === undefined || !valueFits(machine.root, snapshot.value)) return false;
  for (const child of Object.values(snapshot.children ?? {})) {
    if (typeof child.src !== 'string') continue;
    const logic = machine.implementations.actors[child.src];
    if (!logic) return false;
    if ('root' in logic && !fitsMachine(logic as AnyStateMachine, child.snapshot)) return false;
  }
  return true;
}

/**
 * The JSON of a machine's own part of its persisted snapshot (everything but its children), by
 * snapshot. xstate makes a new snapshot object whenever a machine's state or context changes, so
 * an actor that did not move keeps its JSON: in a wizard only the innermost flow moves, and the
 * flows above it (a section with its list of 20 rows) are not walked and written out again.
 */
const ownJson = new WeakMap<object, string>();

interface ActorInternals {
  logic: { getPersistedSnapshot(snapshot: unknown): unknown };
  src: unknown;
  systemId?: string;
  _syncSnapshot?: unknown;
}

/** JSON of `actor.getPersistedSnapshot()`: the same document, its unchanged parts not made again. */
export function persistedJson(actor: AnyActorRef): string {
  const snapshot = actor.getSnapshot() as { machine?: unknown; children?: Record<string, AnyActorRef> };
  if (!snapshot || typeof snapshot !== 'object' || !('machine' in snapshot)) return JSON.stringify(actor.getPersistedSnapshot());
  let own = ownJson.get(snapshot);
  if (own === undefined) {
    // xstate's own persistence of this machine alone (its children are written below)
    const { children: _, ...rest } = (actor as unknown as ActorInternals).logic.getPersistedSnapshot({ ...snapshot, children: {} }) as Record<string, unknown>;
    own = JSON.stringify(rest);
    ownJson.set(snapshot, own);
  }
  let children = '';
  for (const id in snapshot.children) {
    const child = snapshot.children[id]!;
    children += `${children ? ',' : ''}${JSON.stringify(id)}:{"snapshot":${persistedJson(child)}${aboutChild(child)}}`;
  }
  return `${own.slice(0, -1)},"children":{${children}}}`;
}

/** What a parent's persisted snapshot says of a child besides its snapshot: the same as long as the child lives. */
const childJson = new WeakMap<AnyActorRef, string>();

function aboutChild(child: AnyActorRef): string {
  let about = childJson.get(child);
  if (about === undefined) {
    const { src, systemId, _syncSnapshot } = child as unknown as ActorInternals;
    const json = JSON.stringify({ src, systemId, syncSnapshot: _syncSnapshot });
    about = json === '{}' ? '' : `,${json.slice(1, -1)}`;
    childJson.set(child, about);
  }
  return about;
}

/** What the runtime saves of a running chat actor: its persisted snapshot with the format's version. */
export function saveSnapshot(actor: AnyActorRef): string {
  return `{"f":${SNAPSHOT_FORMAT},"s":${persistedJson(actor)}}`;
}

export function unwrapSnapshot(machine: AnyStateMachine, raw: string | null): unknown | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { f?: number; s?: unknown };
    return parsed.f === SNAPSHOT_FORMAT && fitsMachine(machine, parsed.s) ? parsed.s : null;
  } catch {
    return null;
  }
}
