import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginAndCreate, makeUpdate, type Step } from '../chaos/wizard.js';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { ReplicaSet } from '../harness/replica-set.js';
import { TelegramEmulator } from '../harness/telegram-emulator.js';

const TOKEN = '123456789:SHUTDOWN-token_for-the-emulator-only';

/**
 * A bot process in webhook mode (test/harness/bot-process.ts) gets SIGTERM, as in a deploy, while
 * it is in the middle of a person's wizard: the save, whose backend call is slow, is under way. It
 * must finish that update and answer it, refuse the updates that come meanwhile (Telegram keeps
 * them and delivers them again), close Redis and exit 0; the next process carries on with the
 * same chat and the refused update, so nothing is lost.
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
      // a loaded machine may take seconds for one update; the test is about finishing, not about the bound
      shutdownTimeoutMs: 60_000,
    });
    await replicas.start(1);
  }, 60_000);
  afterAll(async () => {
    await replicas?.stop();
    await telegram.close();
    await backend.close();
  });

  const chatId = 880_000 + Math.floor(Math.random() * 100_000);
  const shows = (text: string) => telegram.visibleMessages(chatId).some((m) => m.from === 'bot' && (m.plain ?? '').includes(text));
  const answeredBy = (step: Step) =>
    telegram.waitFor(chatId, (messages) => messages.filter((m) => m.from === 'bot').slice(-3).some((m) => (m.plain ?? '').includes(step.expect)), 30_000);

  it('finishes the update under way, refuses new ones, exits 0, and the next process loses nothing', async () => {
    const { steps, email } = loginAndCreate(backend, chatId);
    const save = steps.length - 1;
    for (const step of steps.slice(0, save)) {
      await replicas.deliver(await makeUpdate(telegram, chatId, step), 0);
      await answeredBy(step);
    }
    // the save's POST takes a second: SIGTERM comes while it is under way
    backend.latencyMs = 1000;
    expect(await replicas.post(0, await makeUpdate(telegram, chatId, steps[save]!))).toBe(200);
    const exitCode = replicas.terminate(0);
    // once the process is stopping, an update is refused (503; no connection once it has closed)
    for (;;) {
      const ready = await replicas.get(0, '/readyz');
      if (ready.status === 0 || (ready.status === 503 && (ready.body as { status?: string }).status === 'stopping')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    backend.latencyMs = 0;
    const menu = await makeUpdate(telegram, chatId, { send: '/menu', expect: '' });
    expect([0, 503]).toContain(await replicas.post(0, menu));

    expect(await exitCode).toBe(0);
    // the save was answered by the stopping process itself, before it exited
    expect(shows(steps[save]!.expect)).toBe(true);
    expect(shows('Asosiy menyu')).toBe(false);

    // the next process: Telegram delivers the refused update again, and the chat goes on
    await replicas.replace(0);
    await replicas.deliver(menu, 0);
    await answeredBy({ send: '/menu', expect: 'Asosiy menyu' });
    const list = { send: '👥 Talabalar', expect: 'Sahifa' };
    await replicas.deliver(await makeUpdate(telegram, chatId, list), 0);
    await answeredBy(list);

    const creations = backend.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/auth/students/'));
    expect(creations.map((r) => (r.body as { email?: string } | undefined)?.email)).toEqual([email]);
    expect(telegram.errors()).toEqual([]);
    expect(replicas.stderr).not.toMatch(/"level":"error"/);
  }, 120_000);
});
