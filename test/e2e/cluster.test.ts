import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatKeys } from '../../storage/redis.js';
import { Harness } from '../harness/driver.js';
import { hasRedisCli, startCluster, type RunningCluster } from '../harness/redis-cluster.js';

const cli = hasRedisCli();
if (!cli) process.stderr.write('cluster test skipped: redis-cli is not installed (Debian: apt-get install redis-tools; .ci/run installs it)\n');

/**
 * The bot on a real Redis Cluster of three masters: every script touches one hash slot (the
 * chat's hash tag), nothing sends one pipeline over several slots, and the conversation survives
 * a restart as on one Redis.
 */
describe.skipIf(!cli)('on a Redis Cluster (three masters on loopback)', () => {
  let cluster: RunningCluster;
  let h: Harness;
  beforeAll(async () => {
    cluster = await startCluster();
    h = await Harness.start({ redisUrl: cluster.url, sessionKey: 'cd'.repeat(32) });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await cluster?.stop();
  });

  it('logs in, creates a student through the wizard with a restart in the middle, and spreads chats over the masters', async () => {
    const people = [h.chat(), h.chat(), h.chat(), h.chat()];
    for (const person of people) await person.login('administrator');
    const me = people[0]!;
    await me.send('👥 Talabalar');
    await me.press('➕ Yangi talaba');
    for (const text of ['Klasterov Sinov', 'klaster.sinov@gmail.com', '+998 90 111-22-33']) await me.send(text);
    expect(me.screen()).toContain('4/7');
    await h.restart();
    for (const text of ['AC1122334', '03.04.2005']) await me.send(text);
    await me.press('📷 Instagram');
    await me.press("⏭ O'tkazib yuborish");
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain("Klasterov Sinov talabalar ro'yxatiga qo'shildi");
    expect(h.backend.db.students.filter((s) => s.email === 'klaster.sinov@gmail.com')).toHaveLength(1);
    expect(h.telegram.errors()).toEqual([]);

    // the chats' keys live on the masters that own their slots
    const reader = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
    try {
      await new Promise((resolve) => reader.once('ready', resolve));
      const masters = reader.nodes('master');
      expect(masters).toHaveLength(3);
      const counts = await Promise.all(masters.map((node) => node.dbsize()));
      expect(counts.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
      const [chat, session] = chatKeys(h.redisPrefix, me.id);
      expect(await reader.exists(h.redisPrefix + session)).toBe(1);
      expect(await reader.exists(h.redisPrefix + chat)).toBe(1);
    } finally {
      reader.disconnect();
    }
    const ready = await fetch(`http://127.0.0.1:${h.bot.port()}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', redis: 'ok', backend: 'ok' });
    const metrics = await (await fetch(`http://127.0.0.1:${h.bot.port()}/metrics`)).text();
    expect(metrics).toMatch(/^bimuz_inbox_pending 0$/m);
    // the recovery sweep reads the eight due sets, each in a slot of its own
    expect(Array.isArray(await h.bot.store.due(50))).toBe(true);
    expect(await h.bot.runtime.recover()).toBe(0);
  });
});
