import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from 'xstate';
import { LiveActors, type LiveActor } from '../../adapters/live-actors.js';

function entry(saved: string) {
  const stopped = { value: false };
  const actor = { stop: () => void (stopped.value = true) } as unknown as AnyActorRef;
  return { live: { actor, saved, failure: {} } satisfies LiveActor, stopped };
}

describe('live actors', () => {
  it('gives back an actor only for the snapshot it was saved with', () => {
    const cache = new LiveActors(10);
    const a = entry('{"s":1}');
    cache.keep(1, a.live);
    expect(cache.take(1, '{"s":1}')).toBe(a.live);
    expect(cache.size).toBe(0); // taken out until it is kept again
    expect(a.stopped.value).toBe(false);
  });

  it('stops an actor whose chat was saved by someone else, or whose snapshot is gone', () => {
    const cache = new LiveActors(10);
    const a = entry('{"s":1}');
    cache.keep(1, a.live);
    expect(cache.take(1, '{"s":2}')).toBeUndefined();
    expect(a.stopped.value).toBe(true);
    const b = entry('{"s":1}');
    cache.keep(2, b.live);
    expect(cache.take(2, null)).toBeUndefined();
    expect(b.stopped.value).toBe(true);
    expect(cache.size).toBe(0);
  });

  it('keeps the most recently used chats and stops the rest', () => {
    const cache = new LiveActors(2);
    const [a, b, c] = [entry('a'), entry('b'), entry('c')];
    cache.keep(1, a.live);
    cache.keep(2, b.live);
    cache.keep(1, cache.take(1, 'a')!); // chat 1 used again
    cache.keep(3, c.live);
    expect(b.stopped.value).toBe(true);
    expect([a.stopped.value, c.stopped.value]).toEqual([false, false]);
    expect(cache.size).toBe(2);
    cache.clear();
    expect([a.stopped.value, c.stopped.value]).toEqual([true, true]);
  });

  it('keeps nothing when its capacity is 0', () => {
    const cache = new LiveActors(0);
    const a = entry('a');
    cache.keep(1, a.live);
    expect(a.stopped.value).toBe(true);
    expect(cache.take(1, 'a')).toBeUndefined();
  });
});
