import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryStore } from '../../storage/memory.js';
import { RedisStore } from '../../storage/redis.js';
import type { Session, Store } from '../../storage/types.js';

const session: Session = {
  access: 'a1',
  refresh: 'r1',
  checkedAt: 1,
  employee: { id: 7, email: 'x@bimuz.uz', fullName: 'X', role: 'mentor', roleDisplay: 'Mentor', professionality: null, createdAt: '' },
};

const stores: [string, () => Store][] = [
  ['memory', () => new MemoryStore({ lockTtlMs: 200 })],
  ['redis', () => new RedisStore(inject('redisUrl'), { prefix: `test:${randomUUID()}:`, lockTtlMs: 200 })],
];

/** The one contract both stores must keep. */
describe.each(stores)('%s store', (_name, make) => {
  const store = make();
  afterAll(() => store.close());

  it('reads nothing for a new chat and takes its lock', async () => {
    expect(await store.begin(1, 1, 100, 'tok')).toEqual({ status: 'ok', snapshot: null, session: null });
    expect(await store.begin(1, 1, 101, 'other')).toEqual({ status: 'locked' });
    expect(await store.commit(1, 100, 'tok', '{"s":1}')).toBe(true);
  });

  it('returns the committed snapshot and the session together', async () => {
    await store.setSession(2, session);
    await store.begin(2, 2, 1, 'a');
    await store.commit(2, 1, 'a', 'snap-2');
    expect(await store.begin(2, 2, 2, 'b')).toEqual({ status: 'ok', snapshot: 'snap-2', session });
    await store.release(2, 'b');
  });

  it('refuses an update it has already processed, without taking the lock', async () => {
    await store.begin(3, 3, 50, 'a');
    await store.commit(3, 50, 'a', 'x');
    expect(await store.begin(3, 3, 50, 'b')).toEqual({ status: 'duplicate' });
    expect((await store.begin(3, 3, 51, 'c')).status).toBe('ok');
    await store.release(3, 'c');
  });

  it('remembers only the recent update ids', async () => {
    for (let id = 1; id <= 20; id += 1) {
      await store.begin(4, 4, id, `t${id}`);
      await store.commit(4, id, `t${id}`, 's');
    }
    expect((await store.begin(4, 4, 20, 'x')).status).toBe('duplicate');
    expect((await store.begin(4, 4, 1, 'y')).status).toBe('ok');
    await store.release(4, 'y');
  });

  it('does not write when the lock is no longer held', async () => {
    await store.begin(5, 5, 1, 'mine');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await store.begin(5, 5, 2, 'theirs')).status).toBe('ok');
    expect(await store.commit(5, 1, 'mine', 'stale')).toBe(false);
    expect(await store.commit(5, 2, 'theirs', 'fresh')).toBe(true);
    const read = await store.begin(5, 5, 3, 'z');
    expect(read).toMatchObject({ status: 'ok', snapshot: 'fresh' });
    await store.release(5, 'z');
  });

  it('releases only its own lock', async () => {
    await store.begin(6, 6, 1, 'owner');
    await store.release(6, 'intruder');
    expect((await store.begin(6, 6, 2, 'next')).status).toBe('locked');
    await store.release(6, 'owner');
    expect((await store.begin(6, 6, 2, 'next')).status).toBe('ok');
    await store.release(6, 'next');
  });

  it('deletes a snapshot committed as null', async () => {
    await store.begin(8, 8, 1, 'a');
    await store.commit(8, 1, 'a', 'something');
    await store.begin(8, 8, 2, 'b');
    await store.commit(8, 2, 'b', null);
    expect(await store.begin(8, 8, 3, 'c')).toMatchObject({ status: 'ok', snapshot: null });
    await store.release(8, 'c');
  });

  it('stores, replaces and deletes sessions', async () => {
    expect(await store.getSession(9)).toBeNull();
    await store.setSession(9, session);
    await store.setSession(9, { ...session, access: 'a2' });
    expect((await store.getSession(9))?.access).toBe('a2');
    await store.deleteSession(9);
    expect(await store.getSession(9)).toBeNull();
    expect(await store.ping()).toBe(true);
  });
});

describe('redis store', () => {
  it('gives sessions and snapshots a time to live', async () => {
    const { Redis } = await import('ioredis');
    const prefix = `test:${randomUUID()}:`;
    const store = new RedisStore(inject('redisUrl'), { prefix, sessionTtlSeconds: 100, snapshotTtlSeconds: 50 });
    const raw = new Redis(inject('redisUrl'));
    await store.setSession(1, session);
    await store.begin(1, 1, 1, 't');
    await store.commit(1, 1, 't', 's');
    const sessionTtl = await raw.ttl(`${prefix}session:1`);
    const chatTtl = await raw.ttl(`${prefix}chat:1`);
    expect(sessionTtl).toBeGreaterThan(90);
    expect(sessionTtl).toBeLessThanOrEqual(100);
    expect(chatTtl).toBeGreaterThan(40);
    expect(chatTtl).toBeLessThanOrEqual(50);
    expect(await raw.exists(`${prefix}lock:1`)).toBe(0);
    raw.disconnect();
    await store.close();
  });
});
