import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, type Person } from '../harness/driver.js';

/**
 * At most five failed logins per Telegram user in 15 minutes, counted in Redis (a restart, or
 * another replica, sees the same count); a success forgets the failures.
 */
describe('login throttling', () => {
  let h: Harness;
  let clock = Date.now();
  beforeAll(async () => {
    h = await Harness.start({ now: () => clock });
  });
  afterAll(() => h.stop());

  const email = 'mentor@bimuz.local';
  const logins = () => h.backend.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/auth/login/')).length;
  const attempt = async (me: Person, password: string) => {
    await me.send(email);
    await me.send(password);
  };

  it('refuses the sixth attempt within 15 minutes without asking the backend, across a restart, and lets the person in after', async () => {
    const me = h.chat();
    await me.send('/start');
    // three failures, then a success: the count starts again
    for (let i = 0; i < 3; i += 1) await attempt(me, `wrong-${i}`);
    await attempt(me, h.backend.passwordOf(email));
    expect(me.screen()).toContain('Xush kelibsiz');
    await me.send('❌ Chiqish');
    await me.send('/start');
    // four failures and the right password: only four count since the success
    for (let i = 0; i < 4; i += 1) await attempt(me, `wrong-again-${i}`);
    await attempt(me, h.backend.passwordOf(email));
    expect(me.screen()).toContain('Xush kelibsiz');
    await me.send('❌ Chiqish');
    await me.send('/start');

    for (let i = 0; i < 5; i += 1) {
      await attempt(me, `wrong-third-${i}`);
      expect(me.screen()).toContain("Noto'g'ri email yoki parol.");
      clock += 60_000;
    }
    const before = logins();
    await attempt(me, h.backend.passwordOf(email));
    // the first of the five failures was 5 minutes ago: 10 minutes to wait
    expect(me.screen()).toContain("Kirish uchun urinishlar juda ko'p bo'ldi. 10 daqiqadan so'ng qayta urinib ko'ring.");
    expect(me.screen()).toContain('email manzilingizni yuboring');
    expect(logins()).toBe(before);

    // another person is not affected
    const other = h.chat();
    await other.login('administrator');
    const withOther = before + 1;
    expect(logins()).toBe(withOther);

    // the count is in Redis: a new process refuses too
    await h.restart();
    clock += 9 * 60_000;
    await attempt(me, h.backend.passwordOf(email));
    expect(me.screen()).toContain("1 daqiqadan so'ng qayta urinib ko'ring.");
    expect(logins()).toBe(withOther);

    // 15 minutes after the first failure of the five, one more attempt is allowed
    clock += 60_000;
    await attempt(me, h.backend.passwordOf(email));
    expect(me.screen()).toContain('Xush kelibsiz');
    expect(logins()).toBe(withOther + 1);
  });
});
