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

export type BeginResult =
  | { status: 'ok'; snapshot: string | null; session: Session | null }
  | { status: 'duplicate' }
  | { status: 'locked' };

export interface ChatStore {
  /**
   * One round trip: refuse an update already processed for this chat, take the chat's lock, and
   * read the chat's snapshot and the person's session.
   */
  begin(chatId: number, userId: number, updateId: number, lockToken: string): Promise<BeginResult>;
  /**
   * One round trip: write the snapshot (null deletes it), remember the update as processed and
   * release the lock. Returns false when the lock was no longer ours (nothing is written then).
   */
  commit(chatId: number, updateId: number, lockToken: string, snapshot: string | null): Promise<boolean>;
  /** Releases the lock without writing (an update that failed before it could be committed). */
  release(chatId: number, lockToken: string): Promise<void>;
}

export interface SessionStore {
  getSession(userId: number): Promise<Session | null>;
  /** Writes the session and (re)starts its time to live, atomically. */
  setSession(userId: number, session: Session): Promise<void>;
  deleteSession(userId: number): Promise<void>;
}

export interface Store extends ChatStore, SessionStore {
  /** true when the store answers (health checks) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** how long a chat's snapshot lives without activity */
  snapshotTtlSeconds: number;
  /** how long a session lives; extended on every token refresh */
  sessionTtlSeconds: number;
  /** a lock held longer than this is considered abandoned by a crashed process */
  lockTtlMs: number;
}

/** How many recent update ids a chat remembers for de-duplication. */
export const RECENT_UPDATES = 16;

export const defaultStoreOptions: StoreOptions = {
  snapshotTtlSeconds: 30 * 24 * 3600,
  sessionTtlSeconds: 7 * 24 * 3600,
  lockTtlMs: 60_000,
};
