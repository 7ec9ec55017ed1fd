import {
  RECENT_UPDATES,
  defaultStoreOptions,
  type FinishResult,
  type Holder,
  type InboxEntry,
  type ReceiveResult,
  type Session,
  type Store,
  type StoreOptions,
  type TakeResult,
} from './types.js';

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

interface Chat {
  snapshot: string | null;
  recent: number[];
  inbox: { id: string; payload: string; deliveries: number }[];
}

/**
 * The same contract as RedisStore, in process memory: for running the bot with no Redis configured
 * (one process only; everything is lost on restart). Expired entries are swept every minute, not
 * only when read (issue 14), so chats that never come back do not stay in memory.
 */
export class MemoryStore implements Store {
  private readonly chats = new Map<number, Expiring<Chat>>();
  private readonly locks = new Map<number, Expiring<string>>();
  private readonly sessions = new Map<number, Expiring<Session>>();
  private readonly loginFailures = new Map<number, number[]>();
  private readonly options: StoreOptions;
  private readonly sweeper: NodeJS.Timeout;
  private nextEntry = 1;

  constructor(options: Partial<StoreOptions> = {}, private readonly now: () => number = Date.now) {
    this.options = { ...defaultStoreOptions, ...options };
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Drops every expired entry. */
  sweep(): void {
    const now = this.now();
    for (const map of [this.chats, this.locks, this.sessions] as Map<number, Expiring<unknown>>[]) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
    }
  }

  /** How many entries are held (tests of the sweep). */
  get size(): number {
    return this.chats.size + this.locks.size + this.sessions.size;
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

  private chat(chatId: number): Chat {
    let chat = this.live(this.chats, chatId);
    if (!chat) {
      chat = { snapshot: null, recent: [], inbox: [] };
      this.chats.set(chatId, { value: chat, expiresAt: this.now() + this.options.snapshotTtlSeconds * 1000 });
    }
    return chat;
  }

  private lock(chatId: number, token: string): boolean {
    if (this.live(this.locks, chatId) !== undefined) return false;
    this.locks.set(chatId, { value: token, expiresAt: this.now() + this.options.lockTtlMs });
    return true;
  }

  private lockedUntil(chatId: number): number {
    return this.locks.get(chatId)?.expiresAt ?? this.now();
  }

  private takeFirst(chatId: number, chat: Chat) {
    const first = chat.inbox[0];
    if (!first) return undefined;
    first.deliveries += 1;
    const session = this.live(this.sessions, chatId);
    return {
      status: 'taken' as const,
      entry: { id: first.id, payload: first.payload, attempts: first.deliveries - 1 },
      snapshot: chat.snapshot,
      session: session ? structuredClone(session) : null,
    };
  }

  async receive(chatId: number, updateId: number, payload: string, holder: Holder): Promise<ReceiveResult> {
    const chat = this.chat(chatId);
    if (chat.recent.includes(updateId)) return { status: 'duplicate' };
    chat.recent = [...chat.recent, updateId].slice(-RECENT_UPDATES);
    chat.inbox.push({ id: String(this.nextEntry++), payload, deliveries: 0 });
    if (!this.lock(chatId, holder.token)) return { status: 'queued' };
    return this.takeFirst(chatId, chat)!;
  }

  async take(chatId: number, holder: Holder): Promise<TakeResult> {
    const chat = this.live(this.chats, chatId);
    if (!chat || chat.inbox.length === 0) return { status: 'empty' };
    if (!this.lock(chatId, holder.token)) return { status: 'locked', until: this.lockedUntil(chatId) };
    return this.takeFirst(chatId, chat)!;
  }

  async finish(chatId: number, holder: Holder, entry: InboxEntry, snapshot: string | null | undefined): Promise<FinishResult> {
    // a lock that lapsed is still ours while nobody else has taken the chat
    if (this.locks.get(chatId)?.value !== holder.token) return { status: 'lost' };
    const chat = this.chat(chatId);
    if (snapshot !== undefined) chat.snapshot = snapshot;
    chat.inbox = chat.inbox.filter((queued) => queued.id !== entry.id);
    const next = this.takeFirst(chatId, chat);
    if (next) {
      this.locks.set(chatId, { value: holder.token, expiresAt: this.now() + this.options.lockTtlMs });
      return next;
    }
    this.locks.delete(chatId);
    this.chats.set(chatId, { value: chat, expiresAt: this.now() + this.options.snapshotTtlSeconds * 1000 });
    return { status: 'done' };
  }

  async renew(chatId: number, token: string): Promise<boolean> {
    if (this.locks.get(chatId)?.value !== token) return false;
    this.locks.set(chatId, { value: token, expiresAt: this.now() + this.options.lockTtlMs });
    return true;
  }

  async due(limit: number): Promise<number[]> {
    const due: number[] = [];
    for (const [chatId] of this.chats) {
      const chat = this.live(this.chats, chatId);
      if (chat && chat.inbox.length > 0 && this.live(this.locks, chatId) === undefined) due.push(chatId);
      if (due.length >= limit) break;
    }
    return due;
  }

  async reschedule(): Promise<void> {}

  async readSnapshot(chatId: number): Promise<string | null> {
    return this.live(this.chats, chatId)?.snapshot ?? null;
  }

  async forgetSnapshot(chatId: number): Promise<void> {
    const chat = this.live(this.chats, chatId);
    if (chat) chat.snapshot = null;
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

  async pending(): Promise<number> {
    let count = 0;
    for (const [chatId] of this.chats) count += this.live(this.chats, chatId)?.inbox.length ?? 0;
    return count;
  }

  async loginBlockedUntil(userId: number, max: number, windowMs: number, now: number): Promise<number | null> {
    const failures = (this.loginFailures.get(userId) ?? []).filter((at) => at > now - windowMs);
    this.loginFailures.set(userId, failures);
    return failures.length >= max ? failures[failures.length - max]! + windowMs : null;
  }

  async recordLoginFailure(userId: number, windowMs: number, now: number): Promise<void> {
    this.loginFailures.set(userId, [...(this.loginFailures.get(userId) ?? []).filter((at) => at > now - windowMs), now]);
  }

  async resetLoginFailures(userId: number): Promise<void> {
    this.loginFailures.delete(userId);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}
