import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { ReplicaSet } from '../harness/replica-set.js';
import { TelegramEmulator } from '../harness/telegram-emulator.js';
import { answered, loginAndCreate, makeUpdate } from './wizard.js';

const TOKEN = '123456789:CHAOS-token_for-the-emulator-only';
const long = process.env.CHAOS === 'long';
/** kills at least; the long run (`npm run test:chaos`) asks for 100 */
const KILLS = long ? 100 : 2;
const CHATS_PER_ROUND = long ? 12 : 5;

/**
 * Three bot processes behind one "Telegram" (this test), SIGKILLed one at a time at random
 * moments while people go through the login and the student wizard, and started again. Telegram
 * posts an unacknowledged update again, to another replica, as it does. Every update must be
 * answered, every wizard must end with its student created once, with the answers given.
 */
describe('crashes', () => {
  const telegram = new TelegramEmulator({ token: TOKEN });
  const backend = new BackendSimulator();
  let replicas: ReplicaSet;
  const figures = { kills: 0, updates: 0, posts: 0, lost: 0, duplicatedWrites: 0, replayed: 0 };

  beforeAll(async () => {
    replicas = new ReplicaSet({
      token: TOKEN,
      redisUrl: inject('redisUrl'),
      redisPrefix: `chaos:${randomUUID()}:`,
      telegramRoot: await telegram.listen(),
      backendUrl: await backend.listen(),
      lockTtlMs: 1500,
    });
    telegram.holdUpdates = true;
    await replicas.start(3);
  }, 120_000);
  afterAll(async () => {
    await replicas?.stop();
    await telegram.close();
    await backend.close();
    console.log(`crashes: ${JSON.stringify(figures)}`);
  });

  async function person(chatId: number): Promise<{ email: string; lost: number }> {
    const { steps, email } = loginAndCreate(backend, chatId);
    for (const step of steps) {
      const update = await makeUpdate(telegram, chatId, step);
      figures.updates += 1;
      const first = randomInt(replicas.size);
      const posts = await replicas.deliver(update, first);
      figures.posts += posts;
      // Telegram sometimes delivers an update twice
      if (randomInt(10) === 0) {
        const again = await replicas.deliver(update, first + 1);
        figures.posts += again;
      }
      const deadline = Date.now() + 60_000;
      while (!answered(telegram, chatId, step)) {
        if (Date.now() > deadline) return { email, lost: 1 };
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    return { email, lost: 0 };
  }

  it(`keeps every answer and creates every student once through ${KILLS}+ kills`, async () => {
    let nextChat = 31_000_000 + randomInt(1_000_000) * 10;
    let running = true;
    const killer = (async () => {
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, 200 + randomInt(1200)));
        if (running) await replicas.crash(randomInt(replicas.size));
      }
    })();
    const emails: string[] = [];
    while (replicas.kills < KILLS) {
      const results = await Promise.all(Array.from({ length: CHATS_PER_ROUND }, () => person((nextChat += 1))));
      for (const result of results) {
        emails.push(result.email);
        figures.lost += result.lost;
      }
    }
    running = false;
    await killer;
    figures.kills = replicas.kills;
    figures.replayed = (replicas.stderr.match(/ replayed \(attempt/g) ?? []).length;
    for (const email of emails) {
      const posts = backend.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/auth/students/' && (r.body as { email?: string } | undefined)?.email === email);
      figures.duplicatedWrites += Math.max(0, posts.length - 1);
      expect(backend.db.students.filter((s) => s.email === email), email).toHaveLength(1);
    }
    expect(figures.lost).toBe(0);
    expect(figures.duplicatedWrites).toBe(0);
    expect(figures.kills).toBeGreaterThanOrEqual(KILLS);
  }, long ? 3_600_000 : 300_000);
});
