import { performance } from 'node:perf_hooks';
import { BimuzBot } from '../../adapters/app.js';
import type { Config } from '../../adapters/config.js';
import { silentLogger } from '../../adapters/log.js';
import { RedisStore } from '../../storage/redis.js';
import type { Store } from '../../storage/types.js';
import { BackendSimulator } from '../../test/harness/backend-simulator.js';
import { TelegramEmulator, type Update } from '../../test/harness/telegram-emulator.js';

const TOKEN = '123456789:BENCH-token_for-the-emulator-only';

/** Time spent outside the engine (in the Bot API emulator and the backend simulator). */
export interface OutsideTime {
  telegramMs: number;
  backendMs: number;
}

function timed(fetchImpl: typeof fetch, add: (ms: number) => void): typeof fetch {
  return async (input, init) => {
    const start = performance.now();
    try {
      return await fetchImpl(input, init);
    } finally {
      add(performance.now() - start);
    }
  };
}

/** Counts store calls: each one is one Redis round trip (a Lua script or a pipeline counts once). */
export class CountingStore implements Store {
  roundTrips = 0;
  constructor(private readonly inner: Store) {}
  private count<T>(promise: Promise<T>): Promise<T> {
    this.roundTrips += 1;
    return promise;
  }
  begin(...args: Parameters<Store['begin']>) { return this.count(this.inner.begin(...args)); }
  commit(...args: Parameters<Store['commit']>) { return this.count(this.inner.commit(...args)); }
  release(...args: Parameters<Store['release']>) { return this.count(this.inner.release(...args)); }
  getSession(...args: Parameters<Store['getSession']>) { return this.count(this.inner.getSession(...args)); }
  setSession(...args: Parameters<Store['setSession']>) { return this.count(this.inner.setSession(...args)); }
  deleteSession(...args: Parameters<Store['deleteSession']>) { return this.count(this.inner.deleteSession(...args)); }
  ping() { return this.count(this.inner.ping()); }
  close() { return this.inner.close(); }
}

/**
 * One bot process as deployed (adapter, runtime, machines, backend client, Redis store), with the
 * Bot API and the backend answering in-process through injected fetch functions, so that what is
 * measured is the engine and Redis, not loopback HTTP.
 */
export class Rig {
  readonly telegram = new TelegramEmulator({ token: TOKEN, botUsername: 'bimuz_bench_bot' });
  readonly backend = new BackendSimulator();
  readonly outside: OutsideTime = { telegramMs: 0, backendMs: 0 };
  readonly store: CountingStore;
  readonly bot: BimuzBot;
  private confirmed = 0;

  constructor(redisUrl: string, readonly prefix: string) {
    const config: Config = {
      BOT_TOKEN: TOKEN,
      BOT_MODE: 'polling',
      WEBHOOK_HOST: undefined,
      WEBHOOK_PATH: '/webhook',
      WEBHOOK_PORT: 8443,
      WEBHOOK_SECRET: undefined,
      API_BASE_URL: 'http://backend.bench',
      REDIS_URL: redisUrl,
      TELEGRAM_API_ROOT: 'http://telegram.bench',
      API_TIMEOUT_MS: 15000,
      LOG_LEVEL: 'error',
    };
    this.backend.addStudents(45); // three pages to turn
    this.store = new CountingStore(new RedisStore(redisUrl, { prefix }));
    this.bot = new BimuzBot(config, {
      store: this.store,
      log: silentLogger,
      telegramFetch: timed(this.telegram.fetch, (ms) => (this.outside.telegramMs += ms)),
      backendFetch: timed(this.backend.fetch, (ms) => (this.outside.backendMs += ms)),
    });
  }

  /** The emulator keeps updates until a poll confirms them; the bench handles them directly. */
  async confirmUpdates(update: Update): Promise<void> {
    if (update.update_id - this.confirmed < 500) return;
    this.confirmed = update.update_id;
    await this.telegram.fetch(`http://telegram.bench/bot${TOKEN}/getUpdates`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offset: update.update_id + 1, timeout: 0, limit: 1 }),
    });
  }

  /** Drops what the fakes remember of finished chats, so that memory figures are the bot's. */
  forgetChats(chatIds: number[]): void {
    for (const chatId of chatIds) this.telegram.forgetChat(chatId);
    this.backend.resetLog();
  }

  async close(): Promise<void> {
    await this.bot.stop();
    await this.telegram.close();
  }
}
