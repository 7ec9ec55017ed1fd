import { performance } from 'node:perf_hooks';
import { Rig } from './rig.js';
import { BENCH_EMAIL, percentile, runChat, workload } from './workload.js';

/**
 * One bot process of the throughput test: `chats` simulated employees at once, each running the
 * whole workload `rounds` times (a new chat each time), with the fakes in a worker thread. Prints
 * one JSON line with its figures. A sixth argument sets LIVE_CHATS (to compare with 0).
 */
const [redisUrl, prefix, chatsArg, firstChatArg, roundsArg, liveChatsArg] = process.argv.slice(2);
const chats = Number(chatsArg);
const firstChat = Number(firstChatArg);
const rounds = Number(roundsArg ?? 1);
const rig = new Rig(redisUrl!, prefix!, 'thread', liveChatsArg === undefined ? undefined : Number(liveChatsArg));
const password = await rig.fakes.passwordOf(BENCH_EMAIL);

// warm up the code paths (JIT) with a few chats outside the measurement
await Promise.all(Array.from({ length: 5 }, (_, i) => runChat(rig, firstChat + 900_000 + i, workload(password, firstChat + 900_000 + i))));

const roundTripsBefore = rig.store.roundTrips;
const cpuBefore = process.cpuUsage();
const botLoadBefore = performance.eventLoopUtilization();
const fakesLoadBefore = rig.fakes.utilization() ?? undefined;
const start = performance.now();
const employee = async (i: number) => {
  const timings = [];
  for (let round = 0; round < rounds; round += 1) {
    const chatId = firstChat + round * chats + i;
    timings.push(...(await runChat(rig, chatId, workload(password, chatId))));
  }
  return timings;
};
const results = await Promise.all(Array.from({ length: chats }, (_, i) => employee(i)));
const elapsedMs = performance.now() - start;
const cpu = process.cpuUsage(cpuBefore);
const botLoad = performance.eventLoopUtilization(botLoadBefore).utilization;
const fakesLoad = rig.fakes.utilization(fakesLoadBefore)?.utilization ?? 0;
const latencies = results.flat().map((t) => t.totalMs).sort((a, b) => a - b);
const updates = latencies.length;
process.stdout.write(
  `${JSON.stringify({
    updates,
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    botLoad,
    fakesLoad,
    roundTrips: rig.store.roundTrips - roundTripsBefore,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rss: process.memoryUsage().rss,
  })}\n`,
);
await rig.close();
process.exit(0);
