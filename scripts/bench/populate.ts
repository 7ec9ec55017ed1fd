import { Rig } from './rig.js';
import { runChat, type Step } from './workload.js';

/**
 * Fills Redis with `chats` logged-in chats sitting in the students list, in batches, and prints
 * the process's memory after the first tenth and at the end. The fakes run in a child process, so
 * the figures are the bot's own memory: its code, its connections and the chats' actors it keeps
 * alive between updates (at most LIVE_CHATS of them).
 */
const [redisUrl, prefix, chatsArg] = process.argv.slice(2);
const chats = Number(chatsArg);
const rig = new Rig(redisUrl!, prefix!, 'process');
const email = 'mentor@bimuz.local';
const steps: Step[] = [{ send: '/start' }, { send: email }, { send: await rig.fakes.passwordOf(email) }, { send: '👥 Talabalar' }];
const gc = (globalThis as { gc?: () => void }).gc;

const batch = 250;
const tenth = Math.ceil(chats / 10 / batch) * batch;
let early = { rss: 0, heapUsed: 0 };
for (let first = 0; first < chats; first += batch) {
  const size = Math.min(batch, chats - first);
  const chatIds = Array.from({ length: size }, (_, i) => 5_000_000 + first + i);
  await Promise.all(chatIds.map((chatId) => runChat(rig, chatId, steps)));
  await rig.fakes.forget(chatIds);
  if (first + size === tenth) {
    gc?.();
    early = process.memoryUsage();
  }
}
gc?.();
const end = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ chats, earlyChats: tenth, rssEarly: early.rss, heapEarly: early.heapUsed, rssAfter: end.rss, heapUsed: end.heapUsed, liveChats: rig.bot.runtime.liveChats })}\n`,
);
await rig.close();
process.exit(0);
