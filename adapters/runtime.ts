import { createHmac, randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createActor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import type { BimuzApi } from '../api/client.js';
import { BackendError } from '../api/errors.js';
import type { ChatEvent, PersonEvent } from '../machines/events.js';
import { receiverOf } from '../machines/flow.js';
import { screens } from '../machines/ui/screens.js';
import { t } from '../machines/ui/texts.js';
import type { Holder, InboxEntry, Session, Store, Taken } from '../storage/types.js';
import { readProfile } from './backend.js';
import type { Effect, EffectSink, Origin } from './effects.js';
import { DEFAULT_LIVE_CHATS, LiveActors, type LiveActor } from './live-actors.js';
import { bindScope, unbindScope, type UpdateScope } from './provide.js';
import { saveSnapshot, unwrapSnapshot } from './snapshot.js';

export interface IncomingUpdate {
  updateId: number;
  userId: number;
  origin: Origin;
  event: PersonEvent;
  /** epoch ms when the update was stored (a replayed write looks for its object from then on) */
  receivedAt?: number;
}

export interface RuntimeOptions {
  /** the chat machine with real effects and backend calls (see provideAll) */
  machine: AnyStateMachine;
  store: Store;
  api: BimuzApi;
  sink: EffectSink;
  /** how old a confirmed role may be before the backend's profile is read again */
  profileMaxAgeMs?: number;
  /** how long a backend call may take before the person is shown "typing…" */
  typingDelayMs?: number;
  /** how many chats' actors stay alive between updates (0: every update restores from Redis) */
  liveChats?: number;
  /** the chat lock's lifetime (it is renewed at a third of it while an update runs) */
  lockTtlMs?: number;
  /** how often to look for chats whose updates a process that died left unfinished */
  recoveryIntervalMs?: number;
  /**
   * a secret shared by the replicas (the bot token), from which a decision's secret seed is derived
   * (a new student's password, the same when the decision is replayed)
   */
  secret?: string;
  /** this process's name (a decision's seed is derived from it when no secret is given) */
  consumer?: string;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
  metrics?: RuntimeMetrics;
}

/** What the runtime reports for the operator's metrics. */
export interface RuntimeMetrics {
  /** an update was processed (its event's kind) in so many seconds */
  processed(kind: string, seconds: number): void;
  /** an update found its chat's lock taken and waits in the inbox */
  lockWait(): void;
  error(kind: string): void;
}

/** An update taken this many times without being finished is dropped with an apology (a poison update). */
const MAX_ATTEMPTS = 5;

/** What the process that stored an update may wait for. */
export interface Receipt {
  /** resolves when this process has handled the update (at once when another process has it) */
  handled: Promise<void>;
}

/** Set when the chat's lock turns out to be lost: the holder then neither sends nor commits. */
interface Fence {
  lost: boolean;
}

/**
 * Carries updates through the chat machine. `receive` stores an update in its chat's inbox in
 * Redis; the process that then holds the chat's lock takes the chat's entries one after another
 * in order, and each is one transaction: run the event until no backend call is pending, deliver
 * the effects, then write the snapshot, acknowledge the entry and take the next (one round trip).
 * The lock is renewed while an update runs and fences it: a holder that lost it stops. Entries
 * left by a process that died are taken up by the recovery sweep of any process (see docs/adr/006-inbox.md).
 */
export class ChatRuntime {
  /** chats whose updates this process is working through */
  private readonly chains = new Map<number, Promise<void>>();
  /** the updates this process stored and took in the same step, by their inbox entry */
  private readonly received = new WeakMap<InboxEntry, IncomingUpdate>();
  private readonly live: LiveActors;
  private readonly profileMaxAgeMs: number;
  private readonly typingDelayMs: number;
  private readonly lockTtlMs: number;
  private readonly consumer: string;
  private readonly now: () => number;
  private readonly log: (message: string, error?: unknown) => void;
  private recovery: NodeJS.Timeout | null = null;
  private recovering = false;

  constructor(private readonly options: RuntimeOptions) {
    this.profileMaxAgeMs = options.profileMaxAgeMs ?? 5 * 60_000;
    this.typingDelayMs = options.typingDelayMs ?? 300;
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
    this.live = new LiveActors(options.liveChats ?? DEFAULT_LIVE_CHATS);
    this.consumer = options.consumer ?? randomUUID();
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
  }

  /**
   * Stores the update in its chat's inbox; resolves once it is stored (the moment to acknowledge
   * it to Telegram) and rejects when the store cannot be reached. Processing goes on after that.
   */
  async receive(update: IncomingUpdate): Promise<Receipt> {
    const chatId = update.origin.chatId;
    const holder = { token: randomUUID() };
    const stored = { ...update, receivedAt: update.receivedAt ?? this.now() };
    const result = await this.options.store.receive(chatId, update.updateId, JSON.stringify(stored), holder);
    if (result.status === 'taken') {
      // this very update, taken at once: no need to read back what was just written
      if (result.entry.attempts === 0 && result.entry.id === String(update.updateId)) this.received.set(result.entry, stored);
      return { handled: this.startChain(chatId, holder, result) };
    }
    // queued behind an update this process is working on: the chain takes it next
    if (result.status === 'queued') {
      this.options.metrics?.lockWait();
      return { handled: this.chains.get(chatId) ?? Promise.resolve() };
    }
    return { handled: Promise.resolve() };
  }

  /** Stores the update and resolves when this process has handled it (tests and benchmarks). */
  async handle(update: IncomingUpdate): Promise<void> {
    const receipt = await this.receive(update);
    await receipt.handled;
  }

  /** Starts looking for chats left unfinished by a process that died, every `recoveryIntervalMs`. */
  startRecovery(): void {
    if (this.recovery) return;
    const interval = this.options.recoveryIntervalMs ?? Math.max(100, Math.floor(this.lockTtlMs / 2));
    this.recovery = setInterval(() => void this.recover(), interval);
    this.recovery.unref();
  }

  /** One recovery sweep: take up chats whose inbox holds entries nobody is working on. */
  async recover(): Promise<number> {
    if (this.recovering) return 0;
    this.recovering = true;
    let taken = 0;
    try {
      const { store } = this.options;
      for (const chatId of await store.due(50)) {
        if (this.chains.has(chatId)) continue;
        const holder = { token: randomUUID() };
        const result = await store.take(chatId, holder);
        if (result.status === 'taken') {
          taken += 1;
          void this.startChain(chatId, holder, result);
        }
        // a chat still locked is looked at again when its lock lapses, unless renewed meanwhile
        await store.reschedule(chatId, result.status === 'empty' ? null : result.status === 'locked' ? result.until : this.now() + this.lockTtlMs);
      }
    } catch (error) {
      this.options.metrics?.error('recovery');
      this.log('recovery sweep failed', error);
    } finally {
      this.recovering = false;
    }
    return taken;
  }

  /** Resolves when every update this process has taken has been handled. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /**
   * Stops the recovery sweep, waits for the updates under way (at most `timeoutMs`), then stops
   * the kept actors. Resolves false when updates were still under way at the timeout: they stay
   * in their inboxes, and another process (or the next one) takes them up once their lock expires.
   */
  async stop(timeoutMs = Infinity): Promise<boolean> {
    if (this.recovery) clearInterval(this.recovery);
    this.recovery = null;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      this.idle().then(() => true),
      ...(Number.isFinite(timeoutMs) ? [new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))] : []),
    ]);
    clearTimeout(timer);
    this.live.clear();
    return finished;
  }

  /** How many chats this process is working through now. */
  get busyChats(): number {
    return this.chains.size;
  }

  /** How many chats' actors are alive between updates. */
  get liveChats(): number {
    return this.live.size;
  }

  private startChain(chatId: number, holder: Holder, taken: Taken): Promise<void> {
    const chain = this.runChain(chatId, holder, taken).catch((error: unknown) => this.log(`chat ${chatId}: updates could not be finished`, error));
    this.chains.set(chatId, chain);
    void chain.finally(() => {
      if (this.chains.get(chatId) === chain) this.chains.delete(chatId);
    });
    return chain;
  }

  /** Works through the chat's inbox while the lock is ours, renewing it meanwhile. */
  private async runChain(chatId: number, holder: Holder, first: Taken): Promise<void> {
    const { store } = this.options;
    const fence: Fence = { lost: false };
    const renewal = setInterval(() => {
      store.renew(chatId, holder.token).then(
        (ours) => {
          if (!ours) fence.lost = true;
        },
        // Redis unreachable: the lock may outlive this; finish will tell
        (error: unknown) => {
          this.options.metrics?.error('lock_renewal');
          this.log(`chat ${chatId}: the lock could not be renewed`, error);
        },
      );
    }, Math.max(50, Math.floor(this.lockTtlMs / 3)));
    try {
      let taken: Taken | null = first;
      while (taken) {
        const snapshot = await this.processEntry(chatId, taken, fence);
        if (fence.lost) {
          this.options.metrics?.error('lock_lost');
          this.log(`chat ${chatId}: the lock was lost while entry ${taken.entry.id} was processed; another process takes it up`);
          return;
        }
        const result = await store.finish(chatId, holder, taken.entry, snapshot);
        if (result.status === 'lost') {
          this.options.metrics?.error('lock_lost');
          this.log(`chat ${chatId}: the lock expired before entry ${taken.entry.id} was saved; it will be processed again`);
          return;
        }
        taken = result.status === 'taken' ? result : null;
      }
    } finally {
      clearInterval(renewal);
    }
  }

  /** Processes one entry; returns the snapshot to save (undefined: keep the one saved). */
  private async processEntry(chatId: number, taken: Taken, fence: Fence): Promise<string | null | undefined> {
    let update: IncomingUpdate;
    try {
      update = this.received.get(taken.entry) ?? (JSON.parse(taken.entry.payload) as IncomingUpdate);
    } catch (error) {
      this.options.metrics?.error('unreadable_entry');
      this.log(`chat ${chatId}: inbox entry ${taken.entry.id} is unreadable; dropped`, error);
      return undefined;
    }
    if (taken.entry.attempts > 0) {
      this.log(`chat ${chatId}: update ${update.updateId} replayed (attempt ${taken.entry.attempts + 1}): the process that took it stopped before finishing it`);
    }
    if (taken.entry.attempts >= MAX_ATTEMPTS) {
      this.options.metrics?.error('poison_update');
      this.log(`chat ${chatId}: update ${update.updateId} was taken ${taken.entry.attempts} times without finishing; dropped`);
      await this.options.sink.deliver(update.origin, [{ type: 'show', screen: screens.failure(t.retryLater) }]).catch(() => {});
      return undefined;
    }
    const started = performance.now();
    const kind = typeof update.event?.type === 'string' ? update.event.type.toLowerCase() : 'unknown';
    try {
      return await this.run(update, taken, fence);
    } catch (error) {
      this.options.metrics?.error('update_failed');
      this.log(`chat ${chatId}: update ${update.updateId} could not be processed`, error);
      if (!fence.lost) await this.options.sink.deliver(update.origin, [{ type: 'show', screen: screens.failure(t.retryLater) }]).catch(() => {});
      return undefined;
    } finally {
      this.options.metrics?.processed(kind, (performance.now() - started) / 1000);
    }
  }

  /** Runs the event and delivers its effects; returns the snapshot to save. */
  private async run(update: IncomingUpdate, taken: Taken, fence: Fence): Promise<string | null> {
    const { api, sink } = this.options;
    const { snapshot: rawSnapshot, session } = taken;
    const origin = update.origin;
    // "typing…" only when the backend is slow enough for a person to wonder; a fast answer needs none
    let typing: NodeJS.Timeout | 'shown' | null = null;
    const secret = this.options.secret ?? this.consumer;
    const scope: UpdateScope = {
      api: api.as(update.userId, session),
      now: this.now(),
      effects: [],
      pending: 0,
      sessionExpiredAt: null,
      forbidden: false,
      decision: {
        key: `${origin.chatId}:${update.updateId}`,
        replayed: taken.entry.attempts > 0,
        receivedAt: update.receivedAt ?? this.now(),
        // derived when a decision asks for it (a new student's password), not on every update
        get seed() {
          return createHmac('sha256', secret).update(`${origin.chatId}:${update.updateId}`).digest('hex');
        },
      },
      onCallStart: () => {
        typing ??= setTimeout(() => {
          if (scope.pending === 0) return void (typing = null);
          typing = 'shown';
          void sink.typing(origin.chatId).catch(() => {});
        }, this.typingDelayMs);
      },
      onCallEnd: () => {},
      log: this.log,
      // every backend call is over: a "typing…" not shown yet would come after the answer
      onSettled: () => {
        if (typing !== null && typing !== 'shown') clearTimeout(typing);
        typing = 'shown';
      },
    };
    try {
      return await this.runEvent(update, rawSnapshot, session, scope, fence);
    } finally {
      if (typing !== null && typing !== 'shown') clearTimeout(typing);
    }
  }

  private async runEvent(update: IncomingUpdate, rawSnapshot: string | null, session: Session | null, scope: UpdateScope, fence: Fence): Promise<string | null> {
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
        if (expired) return this.finish(actor, scope, origin, failure, fence);
      }
      // straight to the flow that acts on it: the machines above would only hand it on
      receiverOf(actor, update.event).send(update.event);
    }

    // issue 14: a password's message goes as soon as it is read, not after the login call returns
    const deletions = scope.effects.filter((effect) => effect.type === 'deleteMessage');
    let deleting: Promise<void> = Promise.resolve();
    if (deletions.length > 0 && !fence.lost) {
      scope.effects = scope.effects.filter((effect) => effect.type !== 'deleteMessage');
      deleting = sink.deliver(origin, deletions);
    }

    if (origin.callback) {
      const alert = scope.effects.find((effect): effect is Extract<Effect, { type: 'alert' }> => effect.type === 'alert');
      await sink.answerButton(origin.callback.id, alert?.text).catch((error: unknown) => this.log('answerCallbackQuery failed', error));
      if (alert) scope.effects.splice(scope.effects.indexOf(alert), 1);
    }
    await settle(scope);
    await deleting;

    if (scope.sessionExpiredAt !== null) {
      scope.effects.length = scope.sessionExpiredAt;
      actor.send({ type: 'SESSION_EXPIRED' });
    } else if (scope.forbidden && loggedIn(actor)) {
      await this.refreshProfile(actor, scope);
    }
    return this.finish(actor, scope, origin, failure, fence);
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

  private async finish(actor: AnyActorRef, scope: UpdateScope, origin: Origin, failure: LiveActor['failure'], fence: Fence): Promise<string | null> {
    await settle(scope);
    scope.onSettled?.();
    // the kept actor must not hold this update's tokens and screens (a new student's password)
    unbindScope(actor.system);
    if (failure.error !== undefined || actor.getSnapshot().status !== 'active') {
      this.options.metrics?.error('machine_stopped');
      this.log(`chat ${origin.chatId}: the machine stopped with an error; the chat starts afresh`, failure.error);
      actor.stop();
      if (!fence.lost) await this.options.sink.deliver(origin, [...scope.effects, { type: 'show', screen: screens.failure(t.retryLater) }]);
      return null;
    }
    const saved = saveSnapshot(actor);
    if (fence.lost) {
      actor.stop();
      return saved;
    }
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
  // a backend call starts synchronously within send(): none pending now means none will come. Even
  // then the caller's await matters: a call that has just ended sends its result to its machine a
  // microtask later, and that comes before the caller's next step (skipping the await broke this)
  if (scope.pending === 0) return;
  for (;;) {
    await nextTurn();
    if (scope.pending === 0) return;
    await new Promise<void>((resolve) => {
      scope.onCallEnd = resolve;
    });
  }
}
