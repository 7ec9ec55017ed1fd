import type { BeginResult, Session, Store } from '../../storage/types.js';

/** What the playground learns from the runtime's transactions on a chat. */
export interface StoreObserver {
  /** an update of the chat was taken up (its lock taken) */
  began(chatId: number): void;
  /** the update was handled: the chat's persisted actor tree (null when the chat starts afresh), or undefined when nothing was saved */
  ended(chatId: number, updateId: number | null, snapshot: string | null | undefined): void;
}

/**
 * A store that tells the playground when an update of a chat begins and ends, and what the runtime
 * saved for it, so that the page can follow the chat's state without touching the runtime.
 */
export class ObservedStore implements Store {
  constructor(
    private readonly inner: Store,
    private readonly observer: StoreObserver,
  ) {}

  async begin(chatId: number, userId: number, updateId: number, lockToken: string): Promise<BeginResult> {
    const result = await this.inner.begin(chatId, userId, updateId, lockToken);
    if (result.status === 'ok') this.observer.began(chatId);
    return result;
  }

  async commit(chatId: number, updateId: number, lockToken: string, snapshot: string | null): Promise<boolean> {
    const saved = await this.inner.commit(chatId, updateId, lockToken, snapshot);
    this.observer.ended(chatId, updateId, saved ? snapshot : undefined);
    return saved;
  }

  async release(chatId: number, lockToken: string): Promise<void> {
    await this.inner.release(chatId, lockToken);
    this.observer.ended(chatId, null, undefined);
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

  close(): Promise<void> {
    return this.inner.close();
  }
}
