/**
 * The engine's benchmark: `npm run bench` (about a minute) or `npm run bench -- --quick` (under a
 * minute), run on the compiled JavaScript (`npm run build`) as the bot runs in production. The Bot
 * API and the backend are the tests' emulator and simulator, reached through injected fetch
 * functions and answering from a worker thread of the bot's process (a child process for the
 * memory figures); one more phase runs the same workload with cheap fakes in the bot's process
 * (bench/cheap.ts), the engine's work alone. Redis is real (REDIS_URL, or a private redis-server).
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import { startRedis } from '../test/harness/redis-server.js';
import { DEFAULT_LIVE_CHATS } from '../adapters/live-actors.js';
import { chatKeys, parseChatState } from '../storage/redis.js';
import { Rig } from './bench/rig.js';
import { BENCH_EMAIL, percentile, runChat, workload } from './bench/workload.js';

const quick = process.argv.includes('--quick');
const sizes = quick
  ? { singleChats: 20, concurrentChats: 100, rounds: 2, processes: [1, 2], populate: 2000 }
  : { singleChats: 100, concurrentChats: 200, rounds: 3, processes: [1, 2, 4], populate: 10_000 };

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const mb = (bytes: number) => `${round(bytes / 1024 / 1024, 1)} MB`;

/** Bot processes run as in production: compiled JavaScript with the production heap limit. */
const compiled = import.meta.url.endsWith('.js');
const nodeFlags = ['--expose-gc', '--max-old-space-size=96', ...(compiled ? [] : ['--import', 'tsx'])];

function runNode(script: string, args: string[]): Promise<Record<string, number>> {
  const path = new URL(compiled ? script.replace(/\.ts$/, '.js') : script, import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, path, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`${script} exited with ${code}`))));
  });
}

async function commandStats(redis: Redis): Promise<Map<string, number>> {
  const stats = new Map<string, number>();
  for (const line of (await redis.info('commandstats')).split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match) stats.set(match[1]!, Number(match[2]));
  }
  return stats;
}

async function snapshotSizes(redis: Redis, prefix: string): Promise<number[]> {
  const sizes: number[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}chat:*`, 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.getBuffer(key);
    for (const [, state] of (await pipeline.exec()) ?? []) {
      const snapshot = state instanceof Buffer ? parseChatState(state).snapshot : null;
      if (snapshot) sizes.push(Buffer.byteLength(snapshot));
    }
  } while (cursor !== '0');
  return sizes.sort((a, b) => a - b);
}

const ownRedis = process.env.REDIS_URL ? null : await startRedis();
const redisUrl = process.env.REDIS_URL ?? ownRedis!.url;
const raw = new Redis(redisUrl);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
let redisVersion = 'unknown';
try {
  redisVersion = execFileSync('redis-server', ['--version']).toString().match(/v=([\d.]+)/)?.[1] ?? redisVersion;
} catch {}
console.log(`# BIMUZ bot benchmark${quick ? ' (quick)' : ''}`);
console.log(`machine: ${cpus().length} × ${cpu}, ${mb(totalmem())}; Node ${process.version}; Redis ${redisVersion}`);
console.log('Bot API and backend: the tests\' emulator and simulator in a worker thread, reached through injected fetch; Redis: real, loopback\n');

// 1. One chat at a time: the engine's own cost per update, with the chat's actor kept alive
//    between updates (as deployed) and with every update restoring it from Redis (LIVE_CHATS=0)
async function oneChatAtATime(liveChats: number) {
  const prefix = `bench:${randomUUID()}:`;
  const rig = new Rig(redisUrl, prefix, 'thread', liveChats);
  const password = await rig.fakes.passwordOf(BENCH_EMAIL);
  // warm-up: the first few hundred updates run while the JIT compiles the hot paths
  for (let i = 0; i < 40; i += 1) await runChat(rig, 100 + i, workload(password, 100 + i));
  // the snapshot's size after each step, read by the bench outside the commands counted below
  const growth: number[] = [];
  await runChat(rig, 999, workload(password, 999), async () => {
    growth.push(Buffer.byteLength(parseChatState((await raw.getBuffer(prefix + chatKeys(prefix, 999)[0]))!).snapshot ?? ''));
  });
  const statsBefore = await commandStats(raw);
  const tripsBefore = rig.store.roundTrips;
  const timings = [];
  for (let i = 0; i < sizes.singleChats; i += 1) timings.push(...(await runChat(rig, 1000 + i, workload(password, 1000 + i))));
  const statsAfter = await commandStats(raw);
  await rig.close();
  const updates = timings.length;
  const engine = timings.map((t) => t.totalMs - t.outsideMs).sort((a, b) => a - b);
  const total = timings.map((t) => t.totalMs).sort((a, b) => a - b);
  const commands = [...statsAfter].map(([name, calls]) => [name, calls - (statsBefore.get(name) ?? 0)] as const).filter(([name, calls]) => calls > 0 && name !== 'info');
  return { updates, engine, total, roundTrips: (rig.store.roundTrips - tripsBefore) / updates, commands, growth };
}
{
  const live = await oneChatAtATime(DEFAULT_LIVE_CHATS);
  const restored = await oneChatAtATime(0);
  const line = (ms: number[]) => `p50 ${round(percentile(ms, 50))} ms, p95 ${round(percentile(ms, 95))} ms, p99 ${round(percentile(ms, 99))} ms`;
  console.log(`## One chat at a time (${sizes.singleChats} chats × ${live.updates / sizes.singleChats} updates)`);
  console.log(`engine per update (excluding the time waiting for the fakes): ${line(live.engine)}`);
  console.log(`the same, every update restoring the chat's actor from Redis (LIVE_CHATS=0): ${line(restored.engine)}`);
  console.log(`whole update (with the fakes' answers): ${line(live.total)}`);
  console.log(`${round(live.roundTrips)} round trips/update`);
  const totalCommands = live.commands.reduce((sum, [, calls]) => sum + calls, 0);
  console.log(`${round(totalCommands / live.updates)} Redis commands/update (INFO commandstats, script bodies included): ${live.commands.map(([name, calls]) => `${name} ${round(calls / live.updates)}`).join(', ')}`);
  console.log(`snapshot size after each step of one chat (bytes): ${live.growth.join(' ')}`);
}

// 2. Many chats at once, in 1, 2 and 4 processes sharing one Redis
console.log(`\n## ${sizes.concurrentChats} concurrent chats per process (each simulated employee runs the workload ${sizes.rounds} time${sizes.rounds > 1 ? 's' : ''}, a new chat each time)`);
for (const processes of sizes.processes) {
  const prefix = `bench:${randomUUID()}:`;
  const results = await Promise.all(
    Array.from({ length: processes }, (_, p) => runNode('./bench/worker.ts', [redisUrl, prefix, String(sizes.concurrentChats), String(10_000_000 * (p + 1)), String(sizes.rounds)])),
  );
  const updates = results.reduce((sum, r) => sum + r.updates!, 0);
  const elapsed = Math.max(...results.map((r) => r.elapsedMs!));
  const perProcess = results.map((r) => round(r.updates! / (r.elapsedMs! / 1000), 0));
  const percent = (key: string) => results.map((r) => `${round(100 * r[key]!, 0)} %`).join(', ');
  console.log(`${processes} process${processes > 1 ? 'es' : ''}: ${round(updates / (elapsed / 1000), 0)} updates/s in all (per process: ${perProcess.join(', ')}); latency under load p50 ${round(Math.max(...results.map((r) => r.p50!)))} ms, p95 ${round(Math.max(...results.map((r) => r.p95!)))} ms, p99 ${round(Math.max(...results.map((r) => r.p99!)))} ms; ${round(results.reduce((s, r) => s + r.roundTrips!, 0) / updates)} round trips/update`);
  console.log(`  busy: bot thread ${percent('botLoad')}; fakes thread ${percent('fakesLoad')} (event-loop utilisation)`);
  if (processes === 1) {
    console.log(`${perProcess[0]} updates/s; process CPU ${round(results[0]!.cpuMs! / results[0]!.updates!, 3)} ms/update (the fakes' thread included)`);
    const snapshots = await snapshotSizes(raw, prefix);
    console.log(`persisted snapshots: ${snapshots.length}, median ${percentile(snapshots, 50)} bytes, largest ${snapshots.at(-1)} bytes`);
  }
}

// 2b. The engine alone: the same workload with cheap fakes in the bot's own process (the backend's
//     answers recorded once from the simulator, every Bot API call answered at once), as the
//     side-by-side comparison with the peer measures it
{
  const prefix = `bench:${randomUUID()}:`;
  const r = await runNode('./bench/engine.ts', [redisUrl, prefix, String(sizes.concurrentChats), '50000000', String(sizes.rounds)]);
  console.log(`\n## The engine alone: ${sizes.concurrentChats} concurrent chats, 1 process, the same workload, cheap fakes in the bot's process`);
  console.log(
    `${round(r.updates! / (r.elapsedMs! / 1000), 0)} updates/s; process CPU ${round(r.cpuMs! / r.updates!, 3)} ms/update; latency p50 ${round(r.p50!)} ms, p99 ${round(r.p99!)} ms; ` +
      `${round(r.roundTrips! / r.updates!)} round trips/update; Bot API calls ${round(r.telegramCalls! / r.updates!)}/update, backend requests ${round(r.backendCalls! / r.updates!)}/update; ` +
      `bot thread ${round(100 * r.botLoad!, 0)} % busy`,
  );
}

// 3. Memory with many chats' snapshots in Redis
{
  const prefix = `bench:${randomUUID()}:`;
  const result = await runNode('./bench/populate.ts', [redisUrl, prefix, String(sizes.populate)]);
  const snapshots = await snapshotSizes(raw, prefix);
  console.log(`\n## ${sizes.populate} chats' snapshots in Redis (${snapshots.length} stored)`);
  console.log(`process RSS: ${mb(result.rssEarly!)} at ${result.earlyChats} chats, ${mb(result.rssAfter!)} at ${result.chats} chats (heap ${mb(result.heapEarly!)} → ${mb(result.heapUsed!)}; ${result.liveChats} chats' actors alive; the fakes in a child process)`);
}

raw.disconnect();
await ownRedis?.stop();
process.exit(0);
