/**
 * The playground: the real bot (adapter, runtime, machines, backend client), polling the project's
 * Bot API emulator, talking to the backend simulator seeded with the capture session's data (or to
 * API_BASE_URL when it is set), with conversations in memory (or in REDIS_URL), and a page on
 * 127.0.0.1 where a person chats with it and sees the flow diagram move. `npm start` runs it when
 * BOT_TOKEN is not set (scripts/start.ts).
 */
import * as v from 'valibot';
import { BimuzBot } from '../adapters/app.js';
import { ConfigError, readConfig } from '../adapters/config.js';
import { createLogger } from '../adapters/log.js';
import { Playground, type Account } from '../adapters/playground/server.js';
import { unwrapSnapshot } from '../adapters/snapshot.js';
import { chatMachine } from '../machines/chat.js';
import { MemoryStore } from '../storage/memory.js';
import { RedisStore } from '../storage/redis.js';
import { BackendSimulator } from '../test/harness/backend-simulator.js';
import { ROLE_DISPLAY } from '../test/harness/backend/state.js';
import { TelegramEmulator } from '../test/harness/telegram-emulator.js';
import { chatPosition, flowDiagrams } from './flows/render.js';

/** The emulator's token: it only has to look like one. */
const TOKEN = '100000001:playground-token-for-the-local-emulator';
const DEFAULT_PORT = 8090;

const playgroundSchema = v.object({
  PLAYGROUND_PORT: v.optional(
    v.pipe(v.string(), v.trim(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.maxValue(65535, 'must be a port number (0: any free port)')),
    String(DEFAULT_PORT),
  ),
});

const present = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** Writes the simulator accepted (logins and token refreshes change no data). */
function countWrites(backend: BackendSimulator): () => number {
  let counted = 0;
  let writes = 0;
  return () => {
    for (; counted < backend.requests.length; counted += 1) {
      const { method, path, status } = backend.requests[counted]!;
      if (method === 'GET' || method === 'HEAD' || status >= 400) continue;
      if (/\/auth\/(login|token\/refresh|students\/login)\/$/.test(path)) continue;
      writes += 1;
    }
    return writes;
  };
}

async function main(): Promise<void> {
  process.stdout.write('Starting the playground (BOT_TOKEN is not set): the bot in a browser page, against a local Telegram emulator\n');
  const env = { ...process.env };
  const realBackend = present(env.API_BASE_URL);
  const settings = v.safeParse(playgroundSchema, present(env.PLAYGROUND_PORT) ? { PLAYGROUND_PORT: env.PLAYGROUND_PORT } : {});
  if (!settings.success) throw new ConfigError(`PLAYGROUND_PORT ${settings.issues[0].message}`);

  const telegram = new TelegramEmulator({ token: TOKEN, botUsername: 'bimuz_playground_bot' });
  const simulator = realBackend ? null : new BackendSimulator();
  const telegramRoot = await telegram.listen();
  const backendUrl = realBackend ?? (await simulator!.listen());
  // the health and metrics server on any free port unless one is named
  const config = readConfig({ HTTP_PORT: '0', ...env, BOT_TOKEN: TOKEN, BOT_MODE: 'polling', TELEGRAM_API_ROOT: telegramRoot, API_BASE_URL: backendUrl });
  const log = createLogger(config.LOG_LEVEL);

  const seededEmails = new Set(simulator ? [...simulator.db.employees, ...simulator.db.students].map((row) => row.email) : []);
  const accounts: Account[] = (simulator?.db.employees ?? []).map((e) => ({
    email: e.email,
    password: e.password,
    name: e.full_name,
    role: ROLE_DISPLAY[e.role] ?? e.role,
    active: e.is_active,
  }));
  const playground = new Playground({
    telegram,
    accounts,
    diagrams: flowDiagrams(),
    position: (snapshot) => chatPosition(unwrapSnapshot(chatMachine, snapshot)),
    backend: simulator ? 'the backend simulator (seeded, in memory)' : backendUrl,
    simulator: simulator
      ? {
          writes: countWrites(simulator),
          newSecrets: () =>
            [...simulator.db.employees, ...simulator.db.students].filter((row) => !seededEmails.has(row.email)).map(({ email, password }) => ({ email, password })),
        }
      : undefined,
    port: settings.output.PLAYGROUND_PORT,
    log: (message) => log.warn(message),
  });

  // a prefix of its own, so that trying the bot never touches a real bot's chats in the same Redis
  const store = config.REDIS_URL ? new RedisStore(config.REDIS_URL, { prefix: 'playground:' }) : new MemoryStore();
  const address = await playground.listen().catch((error: unknown) => {
    const taken = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    throw taken ? new ConfigError(`PLAYGROUND_PORT ${settings.output.PLAYGROUND_PORT} is taken: choose another port (0: any free port)`) : error;
  });
  const bot = new BimuzBot(config, { store: playground.observe(store), log });
  await bot.start();

  const lines = [
    `Playground: ${address}  (open it in a browser; each tab is a chat of its own)`,
    `  backend: ${simulator ? 'the backend simulator, seeded' : backendUrl}; conversations: ${config.REDIS_URL ? 'Redis' : 'in memory'}`,
  ];
  if (accounts.length) {
    lines.push('  employees to log in as (email / password / role):');
    for (const account of accounts) {
      lines.push(`    ${account.email.padEnd(28)} ${account.password.padEnd(25)} ${account.role}${account.active ? '' : ' (deactivated)'}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await playground.close();
    await bot.stop();
    await telegram.close();
    await simulator?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

try {
  await main();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`The playground could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
