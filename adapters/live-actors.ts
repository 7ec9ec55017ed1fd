import type { AnyActorRef } from 'xstate';

/** How many chats' actors a process keeps alive between updates unless LIVE_CHATS says otherwise. */
export const DEFAULT_LIVE_CHATS = 500;
/** The most LIVE_CHATS may ask for: about 18 KB each, at most some 36 MB of the 96 MB heap. */
export const MAX_LIVE_CHATS = 2000;

/** A chat's actor kept running after its update, with the snapshot that update saved. */
export interface LiveActor {
  actor: AnyActorRef;
  /** the wrapped snapshot written to Redis when the actor was kept */
  saved: string;
  /** the error the actor reported during the current update, if any */
  failure: { error?: unknown };
}

/**
 * The most recently used chats' actors, so that a chat's next update need not rebuild its actor
 * from the snapshot. Redis stays the truth: an actor is reused only when the snapshot Redis holds
 * is, byte for byte, the one this process saved from it; after another replica handled the chat,
 * or after a lost commit, the snapshots differ and the actor is rebuilt from Redis as usual.
 */
export class LiveActors {
  private readonly entries = new Map<number, LiveActor>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * Takes the chat's actor out of the cache if it is in the state `snapshot` describes; a stale
   * one is stopped. The caller puts it back with `keep` once the update has been saved.
   */
  take(chatId: number, snapshot: string | null): LiveActor | undefined {
    const entry = this.entries.get(chatId);
    if (!entry) return undefined;
    this.entries.delete(chatId);
    if (snapshot !== null && entry.saved === snapshot) return entry;
    entry.actor.stop();
    return undefined;
  }

  /** Keeps the chat's actor as the most recently used; the least recently used beyond capacity is stopped. */
  keep(chatId: number, entry: LiveActor): void {
    if (this.capacity === 0) {
      entry.actor.stop();
      return;
    }
    this.entries.delete(chatId);
    this.entries.set(chatId, entry);
    if (this.entries.size > this.capacity) {
      const [oldestId, oldest] = this.entries.entries().next().value as [number, LiveActor];
      this.entries.delete(oldestId);
      oldest.actor.stop();
    }
  }

  clear(): void {
    for (const entry of this.entries.values()) entry.actor.stop();
    this.entries.clear();
  }
}
