import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';
import { BimuzApi } from '../../api/client.js';
import { profile } from '../../api/auth.js';
import { RedisStore } from '../../storage/redis.js';

describe('session', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  const sessionOf = (id: number) => h.bot.store.getSession(id);

  it('refreshes an expired access token once and stores the rotated pair', async () => {
    const me = h.chat();
    await me.login('administrator');
    const before = (await sessionOf(me.id))!;
    h.backend.expireAccessTokens();
    h.backend.resetLog();
    await me.send('👤 Profil');
    expect(me.screen()).toContain('administrator@bimuz.local');
    expect(h.backend.requests.filter((r: { path: string; status: number }) => r.path.endsWith('/token/refresh/'))).toHaveLength(1);
    const after = (await sessionOf(me.id))!;
    expect(after.access).not.toBe(before.access);
    expect(after.refresh).not.toBe(before.refresh);
  });

  it('shares one refresh between two parallel requests of one person', async () => {
    const me = h.chat();
    await me.login('direktor');
    h.backend.expireAccessTokens();
    h.backend.resetLog();
    const store = new RedisStore((h.bot.config.REDIS_URL as string), { prefix: h.redisPrefix });
    const api = new BimuzApi({ baseUrl: h.bot.config.API_BASE_URL, timeoutMs: 3000, sessions: store });
    const session = await store.getSession(me.id);
    const client = api.as(me.id, session);
    const [a, b] = await Promise.all([profile(client, Date.now()), profile(client, Date.now())]);
    expect(a.email).toBe('direktor@bimuz.local');
    expect(b.email).toBe('direktor@bimuz.local');
    expect(h.backend.requests.filter((r: { path: string; status: number }) => r.path.endsWith('/token/refresh/'))).toHaveLength(1);
    expect(h.backend.requests.filter((r: { path: string; status: number }) => r.path.endsWith('/profile/') && r.status === 200)).toHaveLength(2);
    await store.close();
  });

  it('returns to the login with a message when the refresh fails', async () => {
    const me = h.chat();
    await me.login('mentor');
    h.backend.expireAccessTokens();
    h.backend.expireRefreshTokens();
    await me.send('👤 Profil');
    expect(me.screen()).toContain('Sessiyangiz tugadi');
    expect(me.screen()).toContain('email manzilingizni yuboring');
    expect(await sessionOf(me.id)).toBeNull();
    expect(me.keyboard()).toEqual([]);
    await me.send('mentor@bimuz.local');
    expect(me.screen()).toContain('Parolingizni yuboring');
  });

  it('checks the session again at /start and shows the menu', async () => {
    const me = h.chat();
    await me.login('assistent');
    h.backend.resetLog();
    await me.send('/start');
    expect(h.backend.requests.map((r) => r.path)).toContain('/api/v1/auth/profile/');
    expect(me.screen()).toContain('Asosiy menyu');
  });

  it('reads the profile once when /start comes after the role is due to be checked again', async () => {
    const me = h.chat();
    await me.login('administrator');
    const session = (await sessionOf(me.id))!;
    await h.bot.store.setSession(me.id, { ...session, checkedAt: 0 });
    h.backend.resetLog();
    await me.send('/start');
    expect(me.screen()).toContain('Asosiy menyu');
    expect(h.backend.requests.filter((r) => r.path.endsWith('/profile/'))).toHaveLength(1);
    expect((await sessionOf(me.id))!.checkedAt).toBeGreaterThan(0);
  });

  it('logs out: the session goes and the keyboard is removed', async () => {
    const me = h.chat();
    await me.login('sotuv_agenti');
    await me.send('❌ Chiqish');
    expect(me.screen()).toContain('Tizimdan chiqdingiz');
    expect(me.keyboard()).toEqual([]);
    expect(await sessionOf(me.id)).toBeNull();
    await me.send('👤 Profil');
    expect(me.screen()).toContain('tizimga kirmagansiz');
  });
});
