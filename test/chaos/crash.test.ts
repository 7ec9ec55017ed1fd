import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { ReplicaSet } from '../harness/replica-set.js';
import { TelegramEmulator } from '../harness/telegram-emulator.js';
import { answered, loginAndCreate, loginAndCreateGroup, makeUpdate, type Step } from './wizard.js';

const TOKEN = '123456789:CHAOS-token_for-the-emulator-only';
const long = process.env.CHAOS === 'long';
/** kills at least; the long run (`npm run test:chaos`) asks for 100 */
const KILLS = long ? 100 : 2;
const CHATS_PER_ROUND = long ? 12 : 5;

/**
 * Three bot processes behind one "Telegram" (this test), SIGKILLed one at a time at random
 * moments while people go through the login and the student or group wizard, and started again.
 * Telegram posts an unacknowledged update again, to another replica, as it does. Every update must
 * be answered, every wizard must end with its student or group created once, with the answers given.
 */
describe('crashes', () => {
  const telegram = new TelegramEmulator({ token: TOKEN });
  const backend = new BackendSimulator();
  let replicas: ReplicaSet;
  const figures = { kills: 0, updates: 0, posts: 0, lost: 0, duplicatedWrites: 0, replayed: 0, students: 0, groups: 0 };

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

  /** What a person made, to be found once: a student by email or a group by its price. */
  type Made = { kind: 'student'; email: string } | { kind: 'group'; price: number };

  async function person(chatId: number): Promise<{ made: Made; lost: number }> {
    // every other person creates a group, whose create has no unique field to be found by
    let steps: Step[];
    let made: Made;
    if (chatId % 2 === 0) {
      const wizard = loginAndCreate(backend, chatId);
      steps = wizard.steps;
      made = { kind: 'student', email: wizard.email };
    } else {
      const wizard = loginAndCreateGroup(backend, chatId);
      steps = wizard.steps;
      made = { kind: 'group', price: wizard.price };
    }
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
        if (Date.now() > deadline) return { made, lost: 1 };
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    return { made, lost: 0 };
  }

  /** How many POSTs the backend got for what the person made, and how many such objects it holds. */
  function count(made: Made): { posts: number; objects: number } {
    if (made.kind === 'student') {
      const posts = backend.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/auth/students/' && (r.body as { email?: string } | undefined)?.email === made.email);
      return { posts: posts.length, objects: backend.db.students.filter((s) => s.email === made.email).length };
    }
    const price = String(made.price);
    const posts = backend.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/education/groups/' && (r.body as { price?: string } | undefined)?.price === price);
    return { posts: posts.length, objects: backend.db.groups.filter((g) => Number(g.price) === made.price).length };
  }

  it(`keeps every answer and creates every student and group once through ${KILLS}+ kills`, async () => {
    let nextChat = 31_000_000 + randomInt(1_000_000) * 10;
    let running = true;
    const killer = (async () => {
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, 200 + randomInt(1200)));
        if (running) await replicas.crash(randomInt(replicas.size));
      }
    })();
    const everything: Made[] = [];
    while (replicas.kills < KILLS) {
      const results = await Promise.all(Array.from({ length: CHATS_PER_ROUND }, () => person((nextChat += 1))));
      for (const result of results) {
        everything.push(result.made);
        figures.lost += result.lost;
      }
    }
    running = false;
    await killer;
    figures.kills = replicas.kills;
    figures.replayed = (replicas.stderr.match(/ replayed \(attempt/g) ?? []).length;
    for (const made of everything) {
      const { posts, objects } = count(made);
      figures.duplicatedWrites += Math.max(0, posts - 1);
      figures[made.kind === 'student' ? 'students' : 'groups'] += objects;
      expect(objects, JSON.stringify(made)).toBe(1);
    }
    expect(figures.lost).toBe(0);
    expect(figures.duplicatedWrites).toBe(0);
    expect(figures.kills).toBeGreaterThanOrEqual(KILLS);
  }, long ? 3_600_000 : 300_000);
});
