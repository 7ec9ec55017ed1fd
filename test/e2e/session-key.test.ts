import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SessionCodec } from '../../storage/session-crypto.js';
import type { Session } from '../../storage/types.js';
import { roleName } from '../../machines/ui/employees-screens.js';
import { buttons, t } from '../../machines/ui/texts.js';
import { Harness } from '../harness/driver.js';
import { MENU_LABEL } from './employees-helpers.js';

const employee = { id: 1, email: 'a@b.uz', fullName: 'A B', role: 'administrator', roleDisplay: 'Administrator', professionality: null, createdAt: '2026-01-01' } as unknown as Session['employee'];
const session: Session = { access: 'access-token-value-1', refresh: 'refresh-token-value-1', employee, checkedAt: 1 };

describe('tokens at rest (SESSION_KEY)', () => {
  const key = randomBytes(32).toString('hex');
  const redis = new Redis(inject('redisUrl'));
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ sessionKey: key });
  });
  afterAll(async () => {
    await h.stop();
    redis.disconnect();
  });
  const raw = (userId: number) => redis.get(`${h.redisPrefix}session:${userId}`);

  it('stores the access and refresh tokens encrypted; the bot reads them, also after a restart and a refresh', async () => {
    const me = h.chat();
    await me.login('administrator');
    const tokens = (await h.bot.store.getSession(me.id))!;
    const stored = (await raw(me.id))!;
    expect(stored).not.toContain(tokens.access);
    expect(stored).not.toContain(tokens.refresh);
    expect(JSON.parse(stored)).toMatchObject({ access: expect.stringMatching(/^gcm1:/), refresh: expect.stringMatching(/^gcm1:/), employee: { email: 'administrator@bimuz.local' } });

    await h.restart();
    h.backend.expireAccessTokens();
    await me.send('👥 Talabalar');
    expect(me.screen()).toContain('Sahifa');
    const renewed = (await h.bot.store.getSession(me.id))!;
    expect(renewed.access).not.toBe(tokens.access);
    expect(await raw(me.id)).not.toContain(renewed.access);
  });

  it("seals the chat's snapshot too: a new employee's password typed in the wizard is nowhere in Redis, and the wizard goes on after a restart", async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await me.send(MENU_LABEL);
    await me.press(t.employees.list.create);
    await me.send('sealed.xodim@bimuz.uz');
    await me.send('Sardor');
    await me.send("Qo'chqorov");
    await me.press(roleName('mentor'));
    await me.press(buttons.skip);
    const password = 'Muhrlangan#Parol2027';
    await me.send(password);
    await me.send(password);
    expect(me.screen()).toContain('sealed.xodim@bimuz.uz');
    // every value under the bot's prefix, whatever its type
    const values: string[] = [];
    for (const key of await redis.keys(`${h.redisPrefix}*`)) {
      const type = await redis.type(key);
      if (type === 'string') values.push((await redis.get(key))!);
      else if (type === 'list') values.push(...(await redis.lrange(key, 0, -1)));
      else if (type === 'hash') values.push(...Object.values(await redis.hgetall(key)));
      else if (type === 'zset') values.push(...(await redis.zrange(key, '0', '-1')));
    }
    expect(values.join('\n')).toContain('gcm1:');
    expect(values.join('\n')).not.toContain(password);
    expect(values.join('\n')).not.toContain('sealed.xodim');
    await h.restart();
    await me.press('✅ Saqlash');
    expect(me.screen()).toContain("xodimlar ro'yxatiga qo'shildi");
    expect(h.backend.db.employees.find((e) => e.email === 'sealed.xodim@bimuz.uz')).toBeDefined();
  });

  it('without a key the tokens are stored as they are (what the key protects against)', async () => {
    const plain = await Harness.start();
    try {
      const me = plain.chat();
      await me.login('administrator');
      const tokens = (await plain.bot.store.getSession(me.id))!;
      expect(await redis.get(`${plain.redisPrefix}session:${me.id}`)).toContain(tokens.access);
    } finally {
      await plain.stop();
    }
  });
});

describe('the session codec', () => {
  const codec = new SessionCodec(randomBytes(32));

  it('round-trips, with a new nonce each time', () => {
    const a = codec.encode(7, session);
    expect(codec.decode(7, a)).toEqual(session);
    expect(codec.encode(7, session)).not.toBe(a);
  });

  it("refuses another person's value, a tampered value and another key: the session counts as absent", () => {
    const sealed = codec.encode(7, session);
    expect(codec.decode(8, sealed)).toBeNull();
    const parsed = JSON.parse(sealed) as Session;
    const at = parsed.access.length - 2;
    const flipped = parsed.access.slice(0, at) + (parsed.access[at] === 'A' ? 'B' : 'A') + parsed.access.slice(at + 1);
    expect(codec.decode(7, JSON.stringify({ ...parsed, access: flipped }))).toBeNull();
    expect(new SessionCodec(randomBytes(32)).decode(7, sealed)).toBeNull();
    expect(new SessionCodec().decode(7, sealed)).toBeNull();
  });

  it('reads a session written before the key was set', () => {
    expect(codec.decode(7, new SessionCodec().encode(7, session))).toEqual(session);
  });
});
