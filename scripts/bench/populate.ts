import { Rig } from './rig.js';
import { runChat, type Step } from './workload.js';

/**
 * Fills Redis with `chats` logged-in chats sitting in the students list, in batches, then prints
 * the process's memory: the bot keeps no chat in memory, so RSS should not grow with the chats.
 */
const [redisUrl, prefix, chatsArg] = process.argv.slice(2);
const chats = Number(chatsArg);
const rig = new Rig(redisUrl!, prefix!);
const email = 'mentor@bimuz.local';
const steps: Step[] = [{ send: '/start' }, { send: email }, { send: rig.backend.passwordOf(email) }, { send: '👥 Talabalar' }];
const gc = (globalThis as { gc?: () => void }).gc;

gc?.();
const before = process.memoryUsage().rss;
const batch = 250;
for (let first = 0; first < chats; first += batch) {
  const size = Math.min(batch, chats - first);
  await Promise.all(Array.from({ length: size }, (_, i) => runChat(rig, 5_000_000 + first + i, steps)));
}
gc?.();
process.stdout.write(`${JSON.stringify({ chats, rssBefore: before, rssAfter: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed })}\n`);
await rig.close();
process.exit(0);
