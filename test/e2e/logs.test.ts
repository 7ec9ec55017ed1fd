import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FetchError } from 'ofetch';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, memoryLogger } from '../../adapters/log.js';
import { Harness } from '../harness/driver.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A whole session at the debug level (login with a wrong password first, a token refresh, a
 * backend failure, a new student and its one-time password, logout) with every log line kept:
 * none may carry the password, the tokens or the student's password; nothing goes to the console.
 */
describe('logs of a whole session', () => {
  const { log, lines } = memoryLogger('debug');
  let h: Harness;
  const consoleCalls: unknown[][] = [];
  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args));
    }
    h = await Harness.start({ log });
  });
  afterAll(async () => {
    await h.stop();
    vi.restoreAllMocks();
  });

  it('carries no password, token or one-time password, and nothing goes to the console', async () => {
    const secrets: string[] = [];
    const me = h.chat();
    const email = 'administrator@bimuz.local';
    const wrong = 'Wrong-Marked-Secret-7431';
    await me.send('/start');
    await me.send(email);
    await me.send(wrong);
    secrets.push(wrong);
    const password = h.backend.passwordOf(email);
    await me.send(email);
    await me.send(password);
    secrets.push(password);
    expect(me.screen()).toContain('Xush kelibsiz');
    const first = (await h.bot.store.getSession(me.id))!;
    secrets.push(first.access, first.refresh);

    // the access token expires: the next call refreshes the pair
    h.backend.expireAccessTokens();
    await me.send('👥 Talabalar');
    expect(me.screen()).toContain('Sahifa');
    const second = (await h.bot.store.getSession(me.id))!;
    expect(second.access).not.toBe(first.access);
    secrets.push(second.access, second.refresh);

    // a backend that fails: logged as a warning
    h.backend.down = true;
    await me.send('Qodirov');
    h.backend.down = false;

    await me.press('➕ Yangi talaba');
    for (const text of ['Sirlar Sirbek', 'sirbek.sirlar@gmail.com', '+998 90 765-43-21', 'AB1234567', '02.03.2004']) await me.send(text);
    await me.press('📷 Instagram');
    await me.press("⏭ O'tkazib yuborish");
    await me.press('✅ Saqlash');
    const student = h.backend.db.students.find((s) => s.email === 'sirbek.sirlar@gmail.com')!;
    expect(me.screen()).toContain(student.password);
    secrets.push(student.password);
    await me.send('❌ Chiqish');
    await h.settle();

    expect(lines.length).toBeGreaterThan(20);
    const levels = new Set(lines.map((line) => (JSON.parse(line) as { level: string }).level));
    expect(levels).toContain('debug');
    expect(levels).toContain('warn');
    const leaks = secrets.flatMap((secret) => lines.filter((line) => line.includes(secret)).map((line) => `${secret.slice(0, 6)}…: ${line}`));
    expect(leaks).toEqual([]);
    expect(consoleCalls).toEqual([]);
    // the figures for the report
    process.stdout.write(`log scan: ${lines.length} lines, ${secrets.length} secrets, 0 found\n`);
  });
});

describe('the logger', () => {
  const collect = (secrets: string[] = []) => {
    const lines: string[] = [];
    const log = createLogger('debug', { destination: { write: (line: string) => void lines.push(line) }, secrets });
    return { log, lines };
  };

  it("writes an ioredis error without the command's arguments (they hold the session)", () => {
    const { log, lines } = collect();
    const error = Object.assign(new Error('Connection is closed.'), {
      command: { name: 'set', args: ['bimuz:session:1', '{"access":"secret-access-123456","refresh":"secret-refresh-123456"}'] },
    });
    log.error('Redis is unreachable', error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Connection is closed.');
    expect(lines[0]).not.toContain('secret-access-123456');
    expect(lines[0]).not.toContain('secret-refresh');
  });

  it("writes an ofetch error without the request's headers and body", () => {
    const { log, lines } = collect();
    const error = new FetchError('[POST] "http://api/auth/login/": 400 Bad Request');
    Object.assign(error, { options: { headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl' }, body: { password: 'hunter2-hunter2' } }, data: { password: 'hunter2-hunter2' } });
    log.warn('backend failed', error);
    expect(lines[0]).toContain('400 Bad Request');
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('redacts fields named like secrets and scrubs the configured secrets, JWTs, Bearer headers and bot tokens from every line', () => {
    const token = '123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOpp';
    const { log, lines } = collect([token, 'webhook-secret-value-42']);
    log.info('request', { password: 'p4ssw0rd!', headers: { authorization: 'Bearer abc' }, body: { a: 1 } });
    log.warn(`fetch https://api.telegram.org/bot${token}/sendMessage failed; secret webhook-secret-value-42`);
    log.warn('refused', new Error('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl and Bearer abc.def.ghi expired'));
    log.info('redis at redis://:redis-pass-99@redis:6379/0');
    const text = lines.join('');
    for (const secret of ['p4ssw0rd!', 'Bearer abc"', token, 'AAbbCCdd', 'webhook-secret-value-42', 'eyJhbGciOiJIUzI1NiJ9', 'abc.def.ghi', 'redis-pass-99']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('honours the level', () => {
    const { log, lines } = collect();
    const quiet = createLogger('warn', { destination: { write: (line: string) => void lines.push(line) } });
    quiet.info('not written');
    quiet.debug('not written');
    quiet.warn('written');
    log.debug('written too');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['written', 'written too']);
  });

  it('is the only way out: no console.* in the bot outside its entry point', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && /\bconsole\.(log|info|warn|error|debug|trace)\(/.test(readFileSync(path, 'utf8'))) offenders.push(path.slice(root.length));
      }
    };
    for (const dir of ['adapters', 'api', 'storage', 'machines']) walk(join(root, dir));
    expect(offenders).toEqual([]);
  });
});
