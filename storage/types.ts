import type { Employee } from '../api/types.js';

/**
 * What the runtime keeps per chat and per person, behind one small interface with a Redis and an
 * in-memory implementation. The same contract test suite runs against both (storage.test.ts).
 */

/** Tokens and the employee they belong to; kept per Telegram user, never in machine context. */
export interface Session {
  access: string;
  refresh: string;
  employee: Employee;
  /** epoch ms of the last confirmation of the role by the backend's profile */
  checkedAt: number;
}

/** An update as the chat's inbox holds it until it has been processed. */
export interface InboxEntry {
  /** the entry's id in the chat's inbox (acknowledged by `finish`) */
  id: string;
  /** the update, as the adapter serialized it */
  payload: string;
  /**
   * how many times the entry was taken before: 0 the first time; more when a process took it and
   * died (or lost the chat's lock) before finishing it, so its effects may have happened already
   */
  attempts: number;
  /** the store's mark of the chat as this entry was taken: finishing costs less if it is unchanged */
  version?: string;
}

/** The chat's lock is ours and this entry is next: process it, then `finish`. */
export interface Taken {
  status: 'taken';
  entry: InboxEntry;
  snapshot: string | null;
  session: Session | null;
}

export type ReceiveResult =
  | Taken
  /** already in the inbox, or processed recently */
  | { status: 'duplicate' }
  /** stored; the process holding the chat's lock takes it after the entries before it */
  | { status: 'queued' };

export type TakeResult =
  | Taken
  /** another holder has the chat until `until` (epoch ms) unless it renews the lock */
  | { status: 'locked'; until: number }
  | { status: 'empty' };

export type FinishResult =
  | Taken
  /** the inbox is empty and the lock was released */
  | { status: 'done' }
  /** the lock was no longer ours: nothing was written */
  | { status: 'lost' };

/** Who holds a chat's lock: a random token per chain of updates. */
export interface Holder {
  token: string;
}

export interface ChatStore {
  /**
   * One round trip: store the update in the chat's inbox (an update id stored or processed
   * recently is refused as a duplicate); when the chat's lock is free, take it and the first
   * entry of the inbox, with the chat's snapshot and the person's session.
   */
  receive(chatId: number, updateId: number, payload: string, holder: Holder): Promise<ReceiveResult>;
  /** Takes the chat's lock and its first entry, if the lock is free and there is one (recovery). */
  take(chatId: number, holder: Holder): Promise<TakeResult>;
  /**
   * One round trip, only while the lock is ours: write the snapshot (null deletes it, undefined
   * leaves it), acknowledge the entry, and either hand over the next entry (keeping the lock) or
   * release the lock.
   */
  finish(chatId: number, holder: Holder, entry: InboxEntry, snapshot: string | null | undefined): Promise<FinishResult>;
  /** Extends the lock while an update runs; false when it is no longer ours. */
  renew(chatId: number, token: string): Promise<boolean>;
  /**
   * Chats whose inbox may hold entries nobody is processing (their last update arrived more than
   * a lock's lifetime ago), for recovery after a process died. At most `limit`.
   */
  due(limit: number): Promise<number[]>;
  /** Checks the chat again at `at` (epoch ms; it was busy), or forgets it (null: it was empty). */
  reschedule(chatId: number, at: number | null): Promise<void>;
  /** The chat's saved snapshot (for tests and operators; the runtime reads it with its lock). */
  readSnapshot(chatId: number): Promise<string | null>;
  /** Deletes the chat's saved snapshot: its next update starts the conversation afresh. */
  forgetSnapshot(chatId: number): Promise<void>;
}

export interface SessionStore extends LoginThrottleStore {
  getSession(userId: number): Promise<Session | null>;
  /** Writes the session and (re)starts its time to live, atomically. */
  setSession(userId: number, session: Session): Promise<void>;
  deleteSession(userId: number): Promise<void>;
}

/** Failed logins per Telegram user in a sliding window, shared by every process. */
export interface LoginThrottleStore {
  /**
   * When the person may try again (epoch ms), if they have failed `max` times within the last
   * `windowMs`; null when they may try now.
   */
  loginBlockedUntil(userId: number, max: number, windowMs: number, now: number): Promise<number | null>;
  /** Notes a failed login at `now` (forgotten after `windowMs`). */
  recordLoginFailure(userId: number, windowMs: number, now: number): Promise<void>;
  /** A successful login forgets the failures. */
  resetLoginFailures(userId: number): Promise<void>;
}

export interface Store extends ChatStore, SessionStore {
  /** true when the store answers (health checks) */
  ping(): Promise<boolean>;
  /** How many updates the chats' inboxes hold that are not finished yet (metrics). */
  pending(): Promise<number>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** how long a chat's snapshot lives without activity */
  snapshotTtlSeconds: number;
  /** how long a session lives; extended on every token refresh */
  sessionTtlSeconds: number;
  /** a lock not renewed for this long is considered abandoned by a crashed process */
  lockTtlMs: number;
}

/** How many recent update ids a chat remembers for de-duplication of late arrivals. */
export const RECENT_UPDATES = 16;

export const defaultStoreOptions: StoreOptions = {
  snapshotTtlSeconds: 30 * 24 * 3600,
  sessionTtlSeconds: 7 * 24 * 3600,
  lockTtlMs: 10_000,
};
