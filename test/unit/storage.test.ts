import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryStore } from '../../storage/memory.js';
import { RedisStore, chatKeys, parseChatState } from '../../storage/redis.js';
import { RECENT_UPDATES, type Session, type Store } from '../../storage/types.js';

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

/** Redis Cluster's slot of a key: CRC16 (XModem) of its hash tag, or of the whole key, mod 16384. */
function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  const tagged = close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(tagged)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

const holder = (token: string) => ({ token });

/** The one contract both stores must keep. */
describe.each(stores)('%s store', (_name, make) => {
  const store = make();
  afterAll(() => store.close());

  it('stores an update and, the lock being free, hands it over with the chat and the session', async () => {
    await store.setSession(1, session);
    const first = await store.receive(1, 100, 'u100', holder('a'));
    expect(first).toMatchObject({ status: 'taken', entry: { payload: 'u100', attempts: 0 }, snapshot: null, session });
    expect(await store.receive(1, 101, 'u101', holder('b'))).toEqual({ status: 'queued' });
    if (first.status !== 'taken') throw new Error('not taken');
    const next = await store.finish(1, holder('a'), first.entry, 'snap-1');
    // the queued update comes next, to the same holder, with the snapshot just written
    expect(next).toMatchObject({ status: 'taken', entry: { payload: 'u101', attempts: 0 }, snapshot: 'snap-1', session });
    if (next.status !== 'taken') throw new Error('not taken');
    expect(await store.finish(1, holder('a'), next.entry, undefined)).toEqual({ status: 'done' });
    expect(await store.readSnapshot(1)).toBe('snap-1');
  });

  it('refuses an update id it holds or processed recently', async () => {
    const first = await store.receive(3, 50, 'x', holder('a'));
    expect(await store.receive(3, 50, 'x', holder('b'))).toEqual({ status: 'duplicate' });
    if (first.status !== 'taken') throw new Error('not taken');
    await store.finish(3, holder('a'), first.entry, 's');
    expect(await store.receive(3, 50, 'x', holder('c'))).toEqual({ status: 'duplicate' });
    // a later update, and an earlier one arriving late, are both new
    for (const id of [52, 51]) {
      const taken = await store.receive(3, id, `u${id}`, holder(`t${id}`));
      if (taken.status !== 'taken') throw new Error(`${id} not taken`);
      await store.finish(3, holder(`t${id}`), taken.entry, 's');
    }
  });

  it('remembers only the recent update ids', async () => {
    for (let id = 1; id <= RECENT_UPDATES + 4; id += 1) {
      const taken = await store.receive(4, id, 'p', holder(`t${id}`));
      if (taken.status !== 'taken') throw new Error('not taken');
      await store.finish(4, holder(`t${id}`), taken.entry, 's');
    }
    expect((await store.receive(4, RECENT_UPDATES + 4, 'p', holder('x'))).status).toBe('duplicate');
    const old = await store.receive(4, 1, 'p', holder('y'));
    expect(old.status).toBe('taken');
    if (old.status === 'taken') await store.finish(4, holder('y'), old.entry, undefined);
  });

  it('writes nothing for a holder whose lock expired, and gives its entry to the next holder as a retry', async () => {
    const mine = await store.receive(5, 1, 'first', holder('mine'));
    if (mine.status !== 'taken') throw new Error('not taken');
    await new Promise((resolve) => setTimeout(resolve, 250));
    const theirs = await store.take(5, holder('theirs'));
    expect(theirs).toMatchObject({ status: 'taken', entry: { id: mine.entry.id, payload: 'first', attempts: 1 } });
    expect(await store.finish(5, holder('mine'), mine.entry, 'stale')).toEqual({ status: 'lost' });
    expect(await store.finish(5, holder('theirs'), mine.entry, 'fresh')).toEqual({ status: 'done' });
    expect(await store.readSnapshot(5)).toBe('fresh');
    expect(await store.take(5, holder('later'))).toEqual({ status: 'empty' });
  });

  it('finishes after its lock was renewed, and after it lapsed with nobody taking the chat', async () => {
    const renewed = await store.receive(10, 1, 'p', holder('r'));
    if (renewed.status !== 'taken') throw new Error('not taken');
    expect(await store.renew(10, 'r')).toBe(true);
    expect(await store.finish(10, holder('r'), renewed.entry, 'after-renewal')).toEqual({ status: 'done' });
    expect(await store.readSnapshot(10)).toBe('after-renewal');
    const lapsed = await store.receive(10, 2, 'q', holder('l'));
    expect(lapsed).toMatchObject({ status: 'taken', snapshot: 'after-renewal' });
    if (lapsed.status !== 'taken') throw new Error('not taken');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await store.finish(10, holder('l'), lapsed.entry, 'after-lapse')).toEqual({ status: 'done' });
    expect(await store.readSnapshot(10)).toBe('after-lapse');
    expect(await store.take(10, holder('later'))).toEqual({ status: 'empty' });
  });

  it('renews only its own lock', async () => {
    const taken = await store.receive(6, 1, 'p', holder('owner'));
    if (taken.status !== 'taken') throw new Error('not taken');
    expect(await store.renew(6, 'intruder')).toBe(false);
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await store.renew(6, 'owner')).toBe(true);
    }
    // 300 ms after it was taken, a 200 ms lock renewed is still held
    expect((await store.receive(6, 2, 'q', holder('next'))).status).toBe('queued');
    const next = await store.finish(6, holder('owner'), taken.entry, undefined);
    expect(next).toMatchObject({ status: 'taken', entry: { payload: 'q' } });
    if (next.status === 'taken') await store.finish(6, holder('owner'), next.entry, undefined);
  });

  it('finds a chat left with entries by a holder that died, and takes it up', async () => {
    const dead = await store.receive(7, 1, 'a', holder('dead'));
    await store.receive(7, 2, 'b', holder('x'));
    if (dead.status !== 'taken') throw new Error('not taken');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await store.due(100)).toContain(7);
    const taken = await store.take(7, holder('rescuer'));
    expect(taken).toMatchObject({ status: 'taken', entry: { payload: 'a', attempts: 1 } });
    if (taken.status !== 'taken') throw new Error('not taken');
    const next = await store.finish(7, holder('rescuer'), taken.entry, 's');
    expect(next).toMatchObject({ status: 'taken', entry: { payload: 'b', attempts: 0 } });
    if (next.status === 'taken') expect(await store.finish(7, holder('rescuer'), next.entry, 's')).toEqual({ status: 'done' });
    await store.reschedule(7, null);
    expect(await store.due(100)).not.toContain(7);
  });

  it('deletes a snapshot finished as null, and forgets one on request', async () => {
    for (const [id, snapshot] of [[1, 'something'], [2, null]] as const) {
      const taken = await store.receive(8, id, 'p', holder(`t${id}`));
      if (taken.status !== 'taken') throw new Error('not taken');
      await store.finish(8, holder(`t${id}`), taken.entry, snapshot);
    }
    expect(await store.readSnapshot(8)).toBeNull();
    const taken = await store.receive(8, 3, 'p', holder('t3'));
    if (taken.status === 'taken') await store.finish(8, holder('t3'), taken.entry, 'again');
    await store.forgetSnapshot(8);
    expect(await store.readSnapshot(8)).toBeNull();
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

describe('memory store', () => {
  it('drops expired entries without being asked for them (issue 14)', async () => {
    let now = 0;
    const store = new MemoryStore({ sessionTtlSeconds: 10, snapshotTtlSeconds: 10 }, () => now);
    await store.setSession(1, session);
    const taken = await store.receive(1, 1, 'p', holder('t'));
    if (taken.status === 'taken') await store.finish(1, holder('t'), taken.entry, 's');
    expect(store.size).toBe(2);
    now = 11_000;
    store.sweep();
    expect(store.size).toBe(0);
    await store.close();
  });
});

describe('redis store', () => {
  it("gives sessions, snapshots and inboxes a time to live, and keeps a chat's keys in one hash slot", async () => {
    const { Redis } = await import('ioredis');
    const prefix = `test:${randomUUID()}:`;
    const store = new RedisStore(inject('redisUrl'), { prefix, sessionTtlSeconds: 100, snapshotTtlSeconds: 50 });
    const raw = new Redis(inject('redisUrl'));
    await store.setSession(1, session);
    const taken = await store.receive(1, 1, 'p', holder('t'));
    if (taken.status === 'taken') await store.finish(1, holder('t'), taken.entry, 's');
    const [chat, sessionKey, queue] = chatKeys(prefix, 1).map((key) => `${prefix}${key}`);
    const sessionTtl = await raw.ttl(sessionKey!);
    const chatTtl = await raw.ttl(chat!);
    expect(sessionTtl).toBeGreaterThan(90);
    expect(sessionTtl).toBeLessThanOrEqual(100);
    expect(chatTtl).toBeGreaterThan(40);
    expect(chatTtl).toBeLessThanOrEqual(50);
    // nothing queued, nothing in hand, the lock free
    expect(await raw.exists(queue!)).toBe(0);
    expect(parseChatState((await raw.getBuffer(chat!))!)).toMatchObject({ header: ['-', '0', '0', '-', '0', '0', '1', '1'], update: '', snapshot: 's' });
    // the session keeps the plain name a login has always written
    expect(sessionKey).toBe(`${prefix}session:1`);
    const slots = new Set([chat!, queue!, sessionKey!].map(keySlot));
    expect(slots.size).toBe(1);
    expect(keySlot(`${prefix}${chatKeys(prefix, 2)[0]}`)).not.toBe(keySlot(chat!));
    raw.disconnect();
    await store.close();
  });

  describe('a chat as this process left it', () => {
    /** Commands Redis ran (inside scripts too), by name, while `act` ran. */
    async function commandsDuring(act: () => Promise<unknown>): Promise<Record<string, number>> {
      const { Redis: Client } = await import('ioredis');
      const raw = new Client(inject('redisUrl'));
      const count = async () => {
        const info = await raw.info('commandstats');
        return Object.fromEntries([...info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)].map(([, name, calls]) => [name!, Number(calls)]));
      };
      const before = await count();
      await act();
      const after = await count();
      raw.disconnect();
      return Object.fromEntries(Object.entries(after).map(([name, calls]) => [name, calls - (before[name] ?? 0)]).filter(([name, calls]) => Number(calls) > 0 && name !== 'info'));
    }

    it('takes its next update in with one command less: no read of the chat or the session before the write', async () => {
      const store = new RedisStore(inject('redisUrl'), { prefix: `test:${randomUUID()}:` });
      await store.setSession(1, session);
      const first = await store.receive(1, 1, 'p1', holder('t1'));
      if (first.status !== 'taken') throw new Error('not taken');
      expect(await store.finish(1, holder('t1'), first.entry, 'snapshot 1')).toEqual({ status: 'done' });
      let second: Awaited<ReturnType<RedisStore['receive']>> | undefined;
      const used = await commandsDuring(async () => (second = await store.receive(1, 2, 'p2', holder('t2'))));
      expect(second).toMatchObject({ status: 'taken', entry: { payload: 'p2', attempts: 0 }, snapshot: 'snapshot 1', session });
      // one script: its SET … GET alone (the due note was sent with the first update)
      expect(used).toEqual({ evalsha: 1, set: 1 });
      if (second?.status !== 'taken') throw new Error('not taken');
      expect(await store.finish(1, holder('t2'), second.entry, 'snapshot 2')).toEqual({ status: 'done' });
      expect(await store.readSnapshot(1)).toBe('snapshot 2');
      await store.close();
    });

    it('sees that another process wrote the chat since, puts it back, and reads chat and session as usual', async () => {
      const prefix = `test:${randomUUID()}:`;
      const a = new RedisStore(inject('redisUrl'), { prefix });
      const b = new RedisStore(inject('redisUrl'), { prefix });
      await a.setSession(1, session);
      const first = await a.receive(1, 1, 'p1', holder('a1'));
      if (first.status !== 'taken') throw new Error('not taken');
      await a.finish(1, holder('a1'), first.entry, 'by a');
      // the next update goes to the other process, which renews the session and saves its snapshot
      const renewed: Session = { ...session, access: 'a2', checkedAt: 2 };
      const other = await b.receive(1, 2, 'p2', holder('b1'));
      if (other.status !== 'taken') throw new Error('not taken');
      expect(other.snapshot).toBe('by a');
      await b.setSession(1, renewed);
      await b.finish(1, holder('b1'), other.entry, 'by b');
      // back to the first: what it knew is out of date
      const third = await a.receive(1, 3, 'p3', holder('a2'));
      expect(third).toMatchObject({ status: 'taken', entry: { payload: 'p3', attempts: 0 }, snapshot: 'by b', session: renewed });
      // a duplicate of an update the other process took is still refused
      expect(await a.receive(1, 2, 'p2', holder('a3'))).toEqual({ status: 'duplicate' });
      await a.close();
      await b.close();
    });

    it('queues an update behind the one in hand even when it last knew the chat idle', async () => {
      const prefix = `test:${randomUUID()}:`;
      const a = new RedisStore(inject('redisUrl'), { prefix });
      const b = new RedisStore(inject('redisUrl'), { prefix });
      const first = await a.receive(1, 1, 'p1', holder('a1'));
      if (first.status !== 'taken') throw new Error('not taken');
      await a.finish(1, holder('a1'), first.entry, 'by a');
      // another process holds the chat now
      expect(await b.receive(1, 2, 'p2', holder('b1'))).toMatchObject({ status: 'taken' });
      expect(await a.receive(1, 3, 'p3', holder('a2'))).toEqual({ status: 'queued' });
      await a.close();
      await b.close();
    });
  });
});
