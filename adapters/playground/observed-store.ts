import type { FinishResult, Holder, InboxEntry, ReceiveResult, Session, Store, TakeResult, Taken } from '../../storage/types.js';

/** What the playground learns from the runtime's transactions on a chat. */
export interface StoreObserver {
  /** an update of the chat was taken up (from its inbox, under its lock) */
  began(chatId: number): void;
  /** the update was handled: the chat's persisted actor tree (null when the chat starts afresh), or undefined when nothing was saved */
  ended(chatId: number, updateId: number | null, snapshot: string | null | undefined): void;
}

/**
 * A store that tells the playground when an update of a chat begins and ends, and what the runtime
 * saved for it, so that the page can follow the chat's state without touching the runtime.
 */
export class ObservedStore implements Store {
  /** the update id of the entry each chat's holder is working on */
  private readonly current = new Map<number, number>();

  constructor(
    private readonly inner: Store,
    private readonly observer: StoreObserver,
  ) {}

  private taken<T extends { status: string }>(chatId: number, result: T): T {
    if (result.status === 'taken') {
      const payload = (result as unknown as Taken).entry.payload;
      this.current.set(chatId, (JSON.parse(payload) as { updateId: number }).updateId);
      this.observer.began(chatId);
    }
    return result;
  }

  async receive(chatId: number, updateId: number, payload: string, holder: Holder): Promise<ReceiveResult> {
    return this.taken(chatId, await this.inner.receive(chatId, updateId, payload, holder));
  }

  async take(chatId: number, holder: Holder): Promise<TakeResult> {
    return this.taken(chatId, await this.inner.take(chatId, holder));
  }

  async finish(chatId: number, holder: Holder, entry: InboxEntry, snapshot: string | null | undefined): Promise<FinishResult> {
    const result = await this.inner.finish(chatId, holder, entry, snapshot);
    this.observer.ended(chatId, this.current.get(chatId) ?? null, result.status === 'lost' ? undefined : snapshot);
    this.current.delete(chatId);
    return this.taken(chatId, result);
  }

  renew(chatId: number, token: string): Promise<boolean> {
    return this.inner.renew(chatId, token);
  }

  due(limit: number): Promise<number[]> {
    return this.inner.due(limit);
  }

  reschedule(chatId: number, at: number | null): Promise<void> {
    return this.inner.reschedule(chatId, at);
  }

  readSnapshot(chatId: number): Promise<string | null> {
    return this.inner.readSnapshot(chatId);
  }

  forgetSnapshot(chatId: number): Promise<void> {
    return this.inner.forgetSnapshot(chatId);
  }

  getSession(userId: number): Promise<Session | null> {
    return this.inner.getSession(userId);
  }

  setSession(userId: number, session: Session): Promise<void> {
    return this.inner.setSession(userId, session);
  }

  deleteSession(userId: number): Promise<void> {
    return this.inner.deleteSession(userId);
  }

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  async pending(): Promise<number> {
    return this.inner.pending();
  }

  async loginBlockedUntil(userId: number, max: number, windowMs: number, now: number): Promise<number | null> {
    return this.inner.loginBlockedUntil(userId, max, windowMs, now);
  }

  async recordLoginFailure(userId: number, windowMs: number, now: number): Promise<void> {
    return this.inner.recordLoginFailure(userId, windowMs, now);
  }

  async resetLoginFailures(userId: number): Promise<void> {
    return this.inner.resetLoginFailures(userId);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
