import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createActor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import type { BimuzApi } from '../api/client.js';
import { BackendError } from '../api/errors.js';
import type { ChatEvent, PersonEvent } from '../machines/events.js';
import { screens } from '../machines/ui/screens.js';
import { t } from '../machines/ui/texts.js';
import type { Session, Store } from '../storage/types.js';
import { readProfile } from './backend.js';
import type { Effect, EffectSink, Origin } from './effects.js';
import { DEFAULT_LIVE_CHATS, LiveActors, type LiveActor } from './live-actors.js';
import { bindScope, type UpdateScope } from './provide.js';
import { unwrapSnapshot, wrapSnapshot } from './snapshot.js';

export interface IncomingUpdate {
  updateId: number;
  userId: number;
  origin: Origin;
  event: PersonEvent;
}

export interface RuntimeOptions {
  /** the chat machine with real effects and backend calls (see provideAll) */
  machine: AnyStateMachine;
  store: Store;
  api: BimuzApi;
  sink: EffectSink;
  /** how old a confirmed role may be before the backend's profile is read again */
  profileMaxAgeMs?: number;
  /** how long to wait for a chat's lock held by another process */
  lockWaitMs?: number;
  /** how long a backend call may take before the person is shown "typing…" */
  typingDelayMs?: number;
  /** how many chats' actors stay alive between updates (0: every update restores from Redis) */
  liveChats?: number;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Carries one update through the chat machine as one transaction: take the chat's lock and read
 * its snapshot and session (one Redis round trip), send the event, run until no backend call is
 * pending, deliver the effects in order, then write the snapshot and release the lock (one round
 * trip). Updates of one chat are handled one after another; different chats run in parallel.
 */
export class ChatRuntime {
  private readonly queues = new Map<number, Promise<void>>();
  private readonly live: LiveActors;
  private readonly profileMaxAgeMs: number;
  private readonly lockWaitMs: number;
  private readonly typingDelayMs: number;
  private readonly now: () => number;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(private readonly options: RuntimeOptions) {
    this.profileMaxAgeMs = options.profileMaxAgeMs ?? 5 * 60_000;
    this.lockWaitMs = options.lockWaitMs ?? 70_000;
    this.typingDelayMs = options.typingDelayMs ?? 300;
    this.live = new LiveActors(options.liveChats ?? DEFAULT_LIVE_CHATS);
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  }

  /** Resolves when the update has been handled (or found to be a duplicate). Never rejects. */
  handle(update: IncomingUpdate): Promise<void> {
    const chatId = update.origin.chatId;
    const previous = this.queues.get(chatId) ?? Promise.resolve();
    const current = previous.then(() => this.process(update)).catch((error: unknown) => this.log(`update ${update.updateId} failed`, error));
    this.queues.set(chatId, current);
    void current.finally(() => {
      if (this.queues.get(chatId) === current) this.queues.delete(chatId);
    });
    return current;
  }

  /** Resolves when every update received so far has been handled. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /** Waits for the updates under way, then stops the chats' actors kept alive. */
  async stop(): Promise<void> {
    await this.idle();
    this.live.clear();
  }

  /** How many chats' actors are alive between updates. */
  get liveChats(): number {
    return this.live.size;
  }

  private async process(update: IncomingUpdate): Promise<void> {
    const { store } = this.options;
    const chatId = update.origin.chatId;
    const lockToken = randomUUID();
    const began = await this.begin(chatId, update, lockToken);
    if (!began) return;
    let snapshot: string | null;
    try {
      snapshot = await this.run(update, began.snapshot, began.session);
    } catch (error) {
      this.log(`chat ${chatId}: update ${update.updateId} could not be processed`, error);
      await this.options.sink.deliver(update.origin, [{ type: 'show', screen: screens.failure(t.retryLater) }]).catch(() => {});
      await store.release(chatId, lockToken);
      return;
    }
    if (!(await store.commit(chatId, update.updateId, lockToken, snapshot))) {
      this.log(`chat ${chatId}: lock expired while update ${update.updateId} was processed; its state was not saved`);
    }
  }

  private async begin(chatId: number, update: IncomingUpdate, lockToken: string) {
    const deadline = this.now() + this.lockWaitMs;
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.options.store.begin(chatId, update.userId, update.updateId, lockToken);
      if (result.status === 'ok') return result;
      if (result.status === 'duplicate') return null;
      if (this.now() > deadline) {
        this.log(`chat ${chatId}: lock not free after ${this.lockWaitMs} ms; update ${update.updateId} dropped`);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(10 * attempt, 200)));
    }
  }

  /** Runs the event and delivers its effects; returns the snapshot to save. */
  private async run(update: IncomingUpdate, rawSnapshot: string | null, session: Session | null): Promise<string | null> {
    const { api, sink } = this.options;
    const origin = update.origin;
    // "typing…" only when the backend is slow enough for a person to wonder; a fast answer needs none
    let typing: NodeJS.Timeout | 'shown' | null = null;
    const scope: UpdateScope = {
      api: api.as(update.userId, session),
      now: this.now(),
      effects: [],
      pending: 0,
      sessionExpiredAt: null,
      forbidden: false,
      onCallStart: () => {
        typing ??= setTimeout(() => {
          typing = 'shown';
          void sink.typing(origin.chatId).catch(() => {});
        }, this.typingDelayMs);
      },
      onCallEnd: () => {},
    };
    try {
      return await this.runEvent(update, rawSnapshot, session, scope);
    } finally {
      if (typing !== null && typing !== 'shown') clearTimeout(typing);
    }
  }

  private async runEvent(update: IncomingUpdate, rawSnapshot: string | null, session: Session | null, scope: UpdateScope): Promise<string | null> {
    const { sink } = this.options;
    const origin = update.origin;
    const kept = this.live.take(origin.chatId, rawSnapshot);
    const { actor, failure } = kept ? this.resume(kept, scope) : this.restore(rawSnapshot, session, scope);

    const loggedInWithoutSession = loggedIn(actor) && !session;
    if (loggedInWithoutSession) {
      // the session expired in Redis or was removed: the person's event cannot be acted on
      actor.send({ type: 'SESSION_EXPIRED' });
    } else {
      if (session && loggedIn(actor) && scope.now - session.checkedAt > this.profileMaxAgeMs) {
        const expired = await this.refreshProfile(actor, scope);
        if (expired) return this.finish(actor, scope, origin, failure);
      }
      actor.send(update.event);
    }

    if (origin.callback) {
      const alert = scope.effects.find((effect): effect is Extract<Effect, { type: 'alert' }> => effect.type === 'alert');
      await sink.answerButton(origin.callback.id, alert?.text).catch((error: unknown) => this.log('answerCallbackQuery failed', error));
      if (alert) scope.effects.splice(scope.effects.indexOf(alert), 1);
    }
    await settle(scope);

    if (scope.sessionExpiredAt !== null) {
      scope.effects.length = scope.sessionExpiredAt;
      actor.send({ type: 'SESSION_EXPIRED' });
    } else if (scope.forbidden && loggedIn(actor)) {
      await this.refreshProfile(actor, scope);
    }
    return this.finish(actor, scope, origin, failure);
  }

  /** Gives a kept actor this update's scope. */
  private resume(kept: LiveActor, scope: UpdateScope): LiveActor {
    kept.failure.error = undefined;
    bindScope(kept.actor.system, scope);
    return kept;
  }

  /** Builds the chat's actor from its snapshot in Redis (or afresh) and starts it. */
  private restore(rawSnapshot: string | null, session: Session | null, scope: UpdateScope): Omit<LiveActor, 'saved'> {
    const { machine } = this.options;
    const persisted = unwrapSnapshot(machine, rawSnapshot);
    const actor = createActor(machine, persisted ? { snapshot: persisted as never } : { input: { employee: session?.employee ?? null } });
    const failure: LiveActor['failure'] = {};
    actor.subscribe({ error: (error) => (failure.error = error) });
    bindScope(actor.system, scope);
    actor.start();
    if (rawSnapshot && !persisted) scope.effects.push({ type: 'show', screen: screens.hint(t.botUpdated) });
    return { actor, failure };
  }

  private async finish(actor: AnyActorRef, scope: UpdateScope, origin: Origin, failure: LiveActor['failure']): Promise<string | null> {
    await settle(scope);
    if (failure.error !== undefined || actor.getSnapshot().status !== 'active') {
      this.log(`chat ${origin.chatId}: the machine stopped with an error; the chat starts afresh`, failure.error);
      actor.stop();
      await this.options.sink.deliver(origin, [...scope.effects, { type: 'show', screen: screens.failure(t.retryLater) }]);
      return null;
    }
    const saved = wrapSnapshot(actor.getPersistedSnapshot());
    this.live.keep(origin.chatId, { actor, saved, failure });
    await this.options.sink.deliver(origin, scope.effects);
    return saved;
  }

  /** Reads the role again; returns true when the session turned out to be over. */
  private async refreshProfile(actor: AnyActorRef, scope: UpdateScope): Promise<boolean> {
    try {
      const employee = await readProfile(scope);
      actor.send({ type: 'PROFILE', employee } satisfies ChatEvent);
      return false;
    } catch (error) {
      if (error instanceof BackendError && error.kind === 'session') {
        actor.send({ type: 'SESSION_EXPIRED' } satisfies ChatEvent);
        return true;
      }
      return false; // the backend is unreachable: keep the role we have
    }
  }
}

function loggedIn(actor: AnyActorRef): boolean {
  return (actor.getSnapshot() as { context: { employee: unknown } }).context.employee != null;
}

/**
 * Waits until no backend call is pending and the machines have taken in every result (a result
 * reaches its machine one turn after the call settles, and may start another call).
 */
async function settle(scope: UpdateScope): Promise<void> {
  // a backend call starts synchronously within send(): none pending now means none will come
  if (scope.pending === 0) return;
  for (;;) {
    await nextTurn();
    if (scope.pending === 0) return;
    await new Promise<void>((resolve) => {
      scope.onCallEnd = resolve;
    });
  }
}
