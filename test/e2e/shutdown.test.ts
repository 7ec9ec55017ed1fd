import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginAndCreate, makeUpdate, type Step } from '../chaos/wizard.js';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { ReplicaSet } from '../harness/replica-set.js';
import { TelegramEmulator } from '../harness/telegram-emulator.js';

const TOKEN = '123456789:SHUTDOWN-token_for-the-emulator-only';

/**
 * Two bot processes in webhook mode share one Redis; one of them gets SIGTERM (a deploy) while it
 * is in the middle of a person's update, whose backend call is slow. It must finish that update,
 * refuse new ones (Telegram then delivers them to the other replica), close Redis and exit 0; the
 * person's wizard goes on on the other replica and on a new process, with no update lost.
 */
describe('graceful shutdown', () => {
  const telegram = new TelegramEmulator({ token: TOKEN });
  const backend = new BackendSimulator();
  let replicas: ReplicaSet;
  beforeAll(async () => {
    replicas = new ReplicaSet({
      token: TOKEN,
      redisUrl: inject('redisUrl'),
      redisPrefix: `shutdown:${randomUUID()}:`,
      telegramRoot: await telegram.listen(),
      backendUrl: await backend.listen(),
      lockTtlMs: 10_000,
    });
    await replicas.start(2);
  }, 60_000);
  afterAll(async () => {
    await replicas?.stop();
    await telegram.close();
    await backend.close();
  });

  const chatId = 880_000 + Math.floor(Math.random() * 100_000);
  const answeredBy = (step: Step) =>
    telegram.waitFor(chatId, (messages) => messages.filter((m) => m.from === 'bot').slice(-3).some((m) => (m.plain ?? '').includes(step.expect)), 15_000);

  it('finishes the update under way, takes no new one, exits 0, and loses nothing', async () => {
    const { steps, email } = loginAndCreate(backend, chatId);
    const save = steps.length - 1;
    for (const step of steps.slice(0, save)) {
      await replicas.deliver(await makeUpdate(telegram, chatId, step), 0);
      await answeredBy(step);
    }
    // the save's POST takes a second: SIGTERM comes while it is under way on replica 0
    backend.latencyMs = 1000;
    await replicas.deliver(await makeUpdate(telegram, chatId, steps[save]!), 0);
    const exitCode = replicas.terminate(0);
    // an update sent to the stopping replica is refused there and taken by the other one
    backend.latencyMs = 0;
    const menu = await makeUpdate(telegram, chatId, { send: '/menu', expect: '' });
    const posts = await replicas.deliver(menu, 0);
    expect(await exitCode).toBe(0);
    // answered by the stopping process itself before it exited (another process could take the
    // update up only after its lock's 10 s)
    const answer = steps[save]!.expect;
    expect(telegram.visibleMessages(chatId).some((m) => m.from === 'bot' && (m.plain ?? '').includes(answer))).toBe(true);
    // refused by replica 0 (503, or no connection once it had closed), acknowledged by replica 1
    expect(posts).toBe(2);
    await answeredBy({ send: '/menu', expect: 'Asosiy menyu' });

    // a new process in the stopped one's place carries on with the same chat
    await replicas.replace(0);
    const list = { send: '👥 Talabalar', expect: 'Sahifa' };
    await replicas.deliver(await makeUpdate(telegram, chatId, list), 0);
    await answeredBy(list);

    const creations = backend.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/auth/students/'));
    expect(creations.map((r) => (r.body as { email?: string } | undefined)?.email)).toEqual([email]);
    // every update the person sent was answered: the save (replica 0 finished it), /menu (replica 1)
    const texts = telegram.visibleMessages(chatId).filter((m) => m.from === 'bot').map((m) => m.plain ?? '');
    expect(texts.some((text) => text.includes("ro'yxatiga qo'shildi"))).toBe(true);
    expect(telegram.errors()).toEqual([]);
    expect(replicas.stderr).not.toMatch(/"level":"error"/);
  }, 90_000);
});
