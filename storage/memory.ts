import {
  RECENT_UPDATES,
  defaultStoreOptions,
  type BeginResult,
  type Session,
  type Store,
  type StoreOptions,
} from './types.js';

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/**
 * The same contract as RedisStore, in process memory: for running the bot with no Redis configured
 * (one process only; everything is lost on restart).
 */
export class MemoryStore implements Store {
  private readonly chats = new Map<number, Expiring<{ snapshot: string | null; recent: number[] }>>();
  private readonly locks = new Map<number, Expiring<string>>();
  private readonly sessions = new Map<number, Expiring<Session>>();
  private readonly options: StoreOptions;

  constructor(options: Partial<StoreOptions> = {}, private readonly now: () => number = Date.now) {
    this.options = { ...defaultStoreOptions, ...options };
  }

  private live<K, T>(map: Map<K, Expiring<T>>, key: K): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async begin(chatId: number, userId: number, updateId: number, lockToken: string): Promise<BeginResult> {
    const chat = this.live(this.chats, chatId);
    if (chat?.recent.includes(updateId)) return { status: 'duplicate' };
    if (this.live(this.locks, chatId) !== undefined) return { status: 'locked' };
    this.locks.set(chatId, { value: lockToken, expiresAt: this.now() + this.options.lockTtlMs });
    const session = this.live(this.sessions, userId);
    return { status: 'ok', snapshot: chat?.snapshot ?? null, session: session ? structuredClone(session) : null };
  }

  async commit(chatId: number, updateId: number, lockToken: string, snapshot: string | null): Promise<boolean> {
    if (this.live(this.locks, chatId) !== lockToken) return false;
    const recent = [...(this.live(this.chats, chatId)?.recent ?? []), updateId].slice(-RECENT_UPDATES);
    this.chats.set(chatId, { value: { snapshot, recent }, expiresAt: this.now() + this.options.snapshotTtlSeconds * 1000 });
    this.locks.delete(chatId);
    return true;
  }

  async release(chatId: number, lockToken: string): Promise<void> {
    if (this.live(this.locks, chatId) === lockToken) this.locks.delete(chatId);
  }

  async getSession(userId: number): Promise<Session | null> {
    const session = this.live(this.sessions, userId);
    return session ? structuredClone(session) : null;
  }

  async setSession(userId: number, session: Session): Promise<void> {
    this.sessions.set(userId, { value: structuredClone(session), expiresAt: this.now() + this.options.sessionTtlSeconds * 1000 });
  }

  async deleteSession(userId: number): Promise<void> {
    this.sessions.delete(userId);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
