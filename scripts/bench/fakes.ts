import { parentPort } from 'node:worker_threads';
import { BackendSimulator } from '../../test/harness/backend-simulator.js';
import { TelegramEmulator, type Update } from '../../test/harness/telegram-emulator.js';
import { BENCH_TOKEN, type FakesReply, type FakesRequest, type WireResponse } from './remote.js';

/**
 * The Bot API emulator and the backend simulator of the tests, run apart from the bot (in a worker
 * thread or a child process), so that their work and their memory do not count as the bot's. The
 * bot reaches them through `remote.ts`: its fetch calls and the simulated people's actions arrive
 * here as messages.
 */
const telegram = new TelegramEmulator({ token: BENCH_TOKEN, botUsername: 'bimuz_bench_bot' });
const backend = new BackendSimulator();
backend.addStudents(45); // three pages to turn
let confirmed = 0;

async function forward(fake: { fetch: typeof fetch }, request: Extract<FakesRequest, { op: 'fetch' }>): Promise<WireResponse> {
  const response = await fake.fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const body = request.method === 'HEAD' ? null : await response.text();
  return { status: response.status, statusText: response.statusText, headers: [...response.headers], body };
}

/** The emulator keeps updates until a poll confirms them; the bot here receives them directly. */
async function confirm(update: Update): Promise<Update> {
  if (update.update_id - confirmed >= 500) {
    confirmed = update.update_id;
    await telegram.fetch(`http://telegram.bench/bot${BENCH_TOKEN}/getUpdates`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offset: update.update_id + 1, timeout: 0, limit: 1 }),
    });
  }
  return update;
}

async function answer(request: FakesRequest): Promise<unknown> {
  switch (request.op) {
    case 'fetch':
      return forward(request.target === 'telegram' ? telegram : backend, request);
    case 'send':
      return confirm(await telegram.sendText(request.chatId, request.text));
    case 'press':
      return confirm(await telegram.pressLabel(request.chatId, request.label));
    case 'password':
      return backend.passwordOf(request.email);
    case 'forget':
      for (const chatId of request.chatIds) telegram.forgetChat(chatId);
      backend.resetLog();
      return null;
    case 'exit':
      return process.exit(0);
  }
}

const port = parentPort;
const reply = port ? (message: FakesReply) => port.postMessage(message) : (message: FakesReply) => process.send!(message);
const onRequest = (request: FakesRequest) => {
  answer(request).then(
    (value) => reply({ id: request.id, value }),
    (error: unknown) => reply({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
};
if (port) port.on('message', onRequest);
else process.on('message', onRequest);
