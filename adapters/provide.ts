import { fromPromise, type ActorSystem, type AnyStateMachine } from 'xstate';

type AnyActorSystem = ActorSystem<any>;
import { asFailure, backendCallName, type BackendCallName, type BackendCalls, type Failure } from '../machines/backend.js';
import { isMachine } from '../machines/flow.js';
import type { Screen } from '../machines/ui/screen.js';
import type { Employee } from '../api/types.js';
import type { UserApi } from '../api/client.js';
import { BackendError } from '../api/errors.js';
import type { Effect } from './effects.js';

/**
 * Everything one update's actors need, found through the actor system (one system per update,
 * shared by the chat machine and its flows), so machines stay free of I/O and of per-chat state.
 */
export interface UpdateScope {
  api: UserApi;
  now: number;
  effects: Effect[];
  /** backend calls under way */
  pending: number;
  /** index in `effects` at which the session was found expired (later effects are dropped) */
  sessionExpiredAt: number | null;
  /** the backend answered 403: the role may have changed */
  forbidden: boolean;
  /**
   * The person's decision this update carries: a write that creates something looks for it first
   * when the update is replayed (its first processing may have created it before a crash).
   */
  decision?: { key: string; replayed: boolean; receivedAt: number; seed: string };
  /** the person's profile once read in this update (see readProfile) */
  profile?: Promise<Employee>;
  /** called when a backend call starts (the adapter shows "typing…") */
  onCallStart: () => void;
  /** called when a backend call settles */
  onCallEnd: () => void;
  /** called once no backend call of the update is pending any more */
  onSettled?: () => void;
  /** the operator's log (an unexpected failure of a backend call) */
  log?: (message: string, error?: unknown) => void;
}

const scopes = new WeakMap<AnyActorSystem, UpdateScope>();

export function bindScope(system: AnyActorSystem, scope: UpdateScope): void {
  scopes.set(system, scope);
}

/** Forgets the update's scope once the update is over (a kept actor must not hold its secrets). */
export function unbindScope(system: AnyActorSystem): void {
  scopes.delete(system);
}

function scopeOf(system: AnyActorSystem): UpdateScope {
  const scope = scopes.get(system);
  if (!scope) throw new Error('no update scope bound to this actor system');
  return scope;
}

export type BackendImplementations = {
  [K in BackendCallName]: (input: BackendCalls[K]['input'], scope: UpdateScope) => Promise<BackendCalls[K]['output']>;
};

function toFailure(error: unknown): Failure {
  return error instanceof BackendError ? error.toFailure() : asFailure(error);
}

function backendActor(name: string, implementation: (input: unknown, scope: UpdateScope) => Promise<unknown>) {
  return fromPromise(async ({ input, system }: { input: unknown; system: AnyActorSystem }) => {
    const scope = scopeOf(system);
    scope.pending += 1;
    scope.onCallStart();
    try {
      return await implementation(input, scope);
    } catch (error) {
      const failure = toFailure(error);
      if (failure.kind === 'session' && scope.sessionExpiredAt === null) scope.sessionExpiredAt = scope.effects.length;
      if (failure.kind === 'forbidden') scope.forbidden = true;
      if (!(error instanceof BackendError)) scope.log?.(`backend call ${name} failed`, error);
      throw failure;
    } finally {
      scope.pending -= 1;
      scope.onCallEnd();
    }
  });
}

const effectActions = {
  show: ({ system }: { system: AnyActorSystem }, screen: Screen) => {
    scopeOf(system).effects.push({ type: 'show', screen });
  },
  alert: ({ system }: { system: AnyActorSystem }, text: string) => {
    scopeOf(system).effects.push({ type: 'alert', text });
  },
  deleteMessage: ({ system }: { system: AnyActorSystem }) => {
    scopeOf(system).effects.push({ type: 'deleteMessage' });
  },
};

/**
 * Gives a machine and, recursively, every flow machine it invokes the real effects and backend
 * calls. A new flow joins by being named in its parent's `setup({ actors })`; a backend call is
 * found by the name given to `backendCall`, so a misnamed call does not compile.
 */
export function provideAll<T extends AnyStateMachine>(machine: T, backend: BackendImplementations): T {
  const actors: Record<string, unknown> = {};
  for (const [name, logic] of Object.entries(machine.implementations.actors)) {
    if (isMachine(logic)) actors[name] = provideAll(logic, backend);
    else {
      // matched by the name given to backendCall (type-checked there), not by the key in setup
      const call = backendCallName(logic);
      if (call && call in backend) actors[name] = backendActor(call, backend[call] as (input: unknown, scope: UpdateScope) => Promise<unknown>);
    }
  }
  return machine.provide({ actions: effectActions, actors } as never) as T;
}
