import { performance } from 'node:perf_hooks';
import { BimuzBot } from '../../adapters/app.js';
import type { Logger } from '../../adapters/log.js';
import { RedisStore } from '../../storage/redis.js';
import { injectedFakesConfig } from '../../test/harness/config.js';
import { CheapFakes } from './cheap.js';
import { BENCH_TOKEN } from './remote.js';
import { CountingStore } from './rig.js';
import { BENCH_EMAIL, percentile, workload, type Step } from './workload.js';

/**
 * One bot process of the engine-only phase: the throughput test's workload with the cheap fakes of
 * `cheap.ts` in the bot's own process instead of the strict ones in a worker thread. `chats`
 * simulated employees at once, `rounds` waves after two waves of warm-up. Prints one JSON line.
 */
const [redisUrl, prefix, chatsArg, firstChatArg, roundsArg] = process.argv.slice(2);
const chats = Number(chatsArg);
const firstChat = Number(firstChatArg);
const rounds = Number(roundsArg ?? 1);

const fakes = new CheapFakes();
// the cheap fakes check nothing: an error the bot logs is the sign that the run went wrong
let firstError: string | null = null;
const log: Logger = {
  debug() {},
  info() {},
  warn() {},
  error: (message, error) => void (firstError ??= `${message}${error instanceof Error ? `: ${error.message}` : ''}`),
};
const store = new CountingStore(new RedisStore(redisUrl!, { prefix }));
const bot = new BimuzBot(injectedFakesConfig(BENCH_TOKEN, redisUrl!), {
  store,
  log,
  telegramFetch: fakes.telegramFetch,
  backendFetch: fakes.backendFetch,
});
const password = fakes.passwordOf(BENCH_EMAIL);

async function runChat(chatId: number, steps: Step[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const [index, step] of steps.entries()) {
    const update = fakes.update(chatId, index, step);
    const start = performance.now();
    await bot.handleUpdate(update);
    latencies.push(performance.now() - start);
  }
  return latencies;
}

const wave = (first: number) => Promise.all(Array.from({ length: chats }, (_, i) => runChat(first + i, workload(password, first + i))));

// one chat learns the buttons' data and records the backend's answers; two waves warm the JIT up
await runChat(firstChat - 1, workload(password, firstChat - 1));
fakes.stopLearning();
for (let w = 0; w < 2; w += 1) await wave(firstChat + (rounds + w) * chats);

const roundTripsBefore = store.roundTrips;
const callsBefore = { ...fakes.calls };
const cpuBefore = process.cpuUsage();
const loadBefore = performance.eventLoopUtilization();
const start = performance.now();
const latencies: number[] = [];
for (let round = 0; round < rounds; round += 1) latencies.push(...(await wave(firstChat + round * chats)).flat());
const elapsedMs = performance.now() - start;
const cpu = process.cpuUsage(cpuBefore);
if (firstError) {
  console.error(`the bot logged an error: ${firstError}`);
  process.exit(1);
}
latencies.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    updates: latencies.length,
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    botLoad: performance.eventLoopUtilization(loadBefore).utilization,
    roundTrips: store.roundTrips - roundTripsBefore,
    telegramCalls: fakes.calls.telegram - callsBefore.telegram,
    backendCalls: fakes.calls.backend - callsBefore.backend,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  })}\n`,
);
await bot.stop();
process.exit(0);
