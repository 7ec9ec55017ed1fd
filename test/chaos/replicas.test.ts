import { randomInt, randomUUID } from 'node:crypto';
import type { Update } from 'node-telegram-bot-api';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RedisStore } from '../../storage/redis.js';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { ReplicaSet } from '../harness/replica-set.js';
import { TelegramEmulator } from '../harness/telegram-emulator.js';
import { loginAndCreate, makeUpdate, type Step } from './wizard.js';

const TOKEN = '123456789:REPLICAS-token_for-the-emulator-only';
const long = process.env.CHAOS === 'long';
const CHATS = long ? 200 : 50;
const REPLICAS = 3;
/** the random plan's seed: set SEED to run a failed plan again */
const SEED = Number(process.env.SEED ?? randomInt(2 ** 31));

/** A small seeded generator, so that both runs follow one plan and a failure can be repeated. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return (((x ^ (x >>> 14)) >>> 0) % below);
  };
}

/**
 * One phase of a person's conversation: the steps are made in this order (their update ids
 * increase), and Telegram delivers them in `order`; `twice` names the steps delivered again.
 */
interface Phase {
  steps: Step[];
  order: number[];
  twice: { step: number; replica: number; late: boolean }[];
  replicas: number[];
}

/**
 * What a person does: the login, two menu items sent one right after the other, the students'
 * list paged twice in a row, and the student wizard. Each phase is a random plan: which replica
 * each post reaches, whether a burst arrives out of order, which updates come twice (at once, to
 * another replica, or late, in the next phase).
 */
function planFor(backend: BackendSimulator, chatId: number, random: (below: number) => number): Phase[] {
  const { steps } = loginAndCreate(backend, chatId);
  const next = { press: 'Keyingi ➡️', expect: '' };
  const bursts: Step[][] = [
    [steps[0]!],
    [steps[1]!],
    [steps[2]!],
    [{ send: '👤 Profil', expect: '' }, steps[3]!],
    [steps[3]!],
    [next, next],
    ...steps.slice(4).map((step) => [step]),
  ];
  return bursts.map((burst) => {
    const order = burst.map((_, i) => i);
    if (burst.length > 1 && random(2) === 0) order.reverse();
    const twice = burst.flatMap((_, step) => (random(5) === 0 ? [{ step, replica: random(REPLICAS), late: random(2) === 0 }] : []));
    return { steps: burst, order, twice, replicas: burst.map(() => random(REPLICAS)) };
  });
}

/** A chat's screens as a person reads them: every bot message still shown, with its buttons. */
function transcript(telegram: TelegramEmulator, chatId: number): string[] {
  return telegram
    .visibleMessages(chatId)
    .filter((m) => m.from === 'bot')
    .map((m) => `${m.plain ?? ''} [${(m.inline_keyboard ?? []).flat().map((b) => b.text).join(' | ')}]`)
    // a new student's one-time password is drawn afresh in each run
    .map((screen) => screen.replace(/(Parol: )\S+/g, '$1<password>'));
}

/**
 * Bot processes behind one "Telegram" (this test), in webhook mode on loopback, sharing one Redis.
 * The same random plan runs twice: on one process, and on three, each post going to a replica of
 * its own. Every chat must end exactly as it did on one process, with every student created once.
 */
async function run(processes: number, chats: number[], seed: number) {
  const telegram = new TelegramEmulator({ token: TOKEN });
  telegram.holdUpdates = true;
  const backend = new BackendSimulator();
  backend.addStudents(45);
  const redisPrefix = `replicas:${randomUUID()}:`;
  const replicas = new ReplicaSet({
    token: TOKEN,
    redisUrl: inject('redisUrl'),
    redisPrefix,
    telegramRoot: await telegram.listen(),
    backendUrl: await backend.listen(),
    lockTtlMs: 5000,
    // the two runs must see the same answers: on a busy machine a backend call may take seconds,
    // and one run's timeout would be a screen the other run does not show
    apiTimeoutMs: 30_000,
  });
  const store = new RedisStore(inject('redisUrl'), { prefix: redisPrefix });
  const figures = { updates: 0, posts: 0, duplicates: 0, reordered: 0 };
  try {
    await replicas.start(processes);
    const random = generator(seed);
    const plans = new Map(chats.map((chatId) => [chatId, planFor(backend, chatId, random)]));
    const phases = Math.max(...[...plans.values()].map((plan) => plan.length));
    const late: { chatId: number; update: Update; replica: number }[] = [];
    for (let p = 0; p < phases; p += 1) {
      const lateNow = late.splice(0);
      await Promise.all(
        chats.map(async (chatId) => {
          const phase = plans.get(chatId)![p];
          if (!phase) return;
          // the person makes the phase's updates in order; Telegram hands them over in its own
          const updates: Update[] = [];
          for (const step of phase.steps) updates.push(await makeUpdate(telegram, chatId, step));
          figures.updates += updates.length;
          if (phase.order[0] !== 0) figures.reordered += 1;
          for (const { update, replica } of lateNow.filter((l) => l.chatId === chatId)) {
            const posts = await replicas.deliver(update, replica % processes);
            figures.posts += posts;
          }
          for (const i of phase.order) {
            const again = phase.twice.find((t) => t.step === i);
            const first = replicas.deliver(updates[i]!, phase.replicas[i]! % processes);
            if (again && !again.late) {
              figures.duplicates += 1;
              const [a, b] = await Promise.all([first, replicas.deliver(updates[i]!, again.replica % processes)]);
              figures.posts += a + b;
            } else {
              const posts = await first;
              figures.posts += posts;
              if (again) {
                figures.duplicates += 1;
                late.push({ chatId, update: updates[i]!, replica: again.replica });
              }
            }
          }
        }),
      );
      // every stored update handled (its screens are sent before it is finished) before the next phase
      const deadline = Date.now() + 60_000;
      while ((await store.pending()) > 0) {
        if (Date.now() > deadline) throw new Error(`phase ${p}: updates left unfinished`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return {
      figures,
      // a press on a page's button already followed re-shows that page: Telegram refuses the edit
      // that changes nothing, and the bot takes it as done
      errors: telegram.errors().filter((e) => !e.description.includes('message is not modified')),
      transcripts: new Map(chats.map((chatId) => [chatId, transcript(telegram, chatId)])),
      students: new Map(chats.map((chatId) => [chatId, backend.db.students.filter((s) => s.email === `chaos.${chatId}@gmail.com`).length])),
      posts: new Map(
        chats.map((chatId) => [
          chatId,
          backend.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/auth/students/' && (r.body as { email?: string }).email === `chaos.${chatId}@gmail.com`).length,
        ]),
      ),
      stderr: replicas.stderr,
    };
  } finally {
    await replicas.stop();
    await store.close();
    await telegram.close();
    await backend.close();
  }
}

describe('replicas', () => {
  const results: Record<string, unknown> = {};
  afterAll(() => console.log(`replicas (seed ${SEED}): ${JSON.stringify(results)}`));

  it(`ends ${CHATS} chats on ${REPLICAS} processes as on one, through duplicated and reordered deliveries`, async () => {
    const base = 41_000_000 + randomInt(1_000_000) * 1000;
    const chats = Array.from({ length: CHATS }, (_, i) => base + i);
    const single = await run(1, chats, SEED);
    const spread = await run(REPLICAS, chats, SEED);
    Object.assign(results, { chats: CHATS, single: single.figures, spread: spread.figures });
    const { posts: _single, ...plan } = single.figures;
    const { posts: _spread, ...followed } = spread.figures;
    expect(followed).toEqual(plan);
    expect(single.errors).toEqual([]);
    expect(spread.errors).toEqual([]);
    for (const chatId of chats) {
      const screens = spread.transcripts.get(chatId)!;
      expect(screens.at(-1), `chat ${chatId}`).toContain("ro'yxatiga qo'shildi");
      expect(screens, `chat ${chatId}`).toEqual(single.transcripts.get(chatId));
      expect(spread.students.get(chatId), `chat ${chatId}`).toBe(1);
      expect(spread.posts.get(chatId), `chat ${chatId}`).toBe(1);
    }
    expect(spread.stderr).not.toMatch(/could not be finished|dropped/);
  }, long ? 1_800_000 : 300_000);
});
