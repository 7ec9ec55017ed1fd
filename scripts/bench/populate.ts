import { Rig } from './rig.js';
import { runChat, type Step } from './workload.js';

/**
 * Fills Redis with `chats` logged-in chats sitting in the students list, in batches, and prints
 * the process's memory after the first tenth and at the end: the bot keeps no chat in memory, so
 * what grows is the in-process emulator's record of every message, not the bot.
 */
const [redisUrl, prefix, chatsArg] = process.argv.slice(2);
const chats = Number(chatsArg);
const rig = new Rig(redisUrl!, prefix!);
const email = 'mentor@bimuz.local';
const steps: Step[] = [{ send: '/start' }, { send: email }, { send: rig.backend.passwordOf(email) }, { send: '👥 Talabalar' }];
const gc = (globalThis as { gc?: () => void }).gc;

const batch = 250;
const tenth = Math.ceil(chats / 10 / batch) * batch;
let early = { rss: 0, heapUsed: 0 };
for (let first = 0; first < chats; first += batch) {
  const size = Math.min(batch, chats - first);
  await Promise.all(Array.from({ length: size }, (_, i) => runChat(rig, 5_000_000 + first + i, steps)));
  if (first + size === tenth) {
    gc?.();
    early = process.memoryUsage();
  }
}
gc?.();
const end = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ chats, earlyChats: tenth, rssEarly: early.rss, heapEarly: early.heapUsed, rssAfter: end.rss, heapUsed: end.heapUsed })}\n`);
await rig.close();
process.exit(0);
