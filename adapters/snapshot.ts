import type { AnyStateMachine, StateValue } from 'xstate';

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

export function wrapSnapshot(persisted: unknown): string {
  return JSON.stringify({ f: SNAPSHOT_FORMAT, s: persisted });
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
