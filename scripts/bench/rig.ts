import { performance } from 'node:perf_hooks';
import { BimuzBot } from '../../adapters/app.js';
import { DEFAULT_LIVE_CHATS } from '../../adapters/live-actors.js';
import { silentLogger } from '../../adapters/log.js';
import { RedisStore } from '../../storage/redis.js';
import type { Store } from '../../storage/types.js';
import { injectedFakesConfig } from '../../test/harness/config.js';
import { BENCH_TOKEN, RemoteFakes } from './remote.js';

/** Time spent waiting for the Bot API emulator and the backend simulator. */
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
  receive(...args: Parameters<Store['receive']>) { return this.count(this.inner.receive(...args)); }
  take(...args: Parameters<Store['take']>) { return this.count(this.inner.take(...args)); }
  finish(...args: Parameters<Store['finish']>) { return this.count(this.inner.finish(...args)); }
  renew(...args: Parameters<Store['renew']>) { return this.count(this.inner.renew(...args)); }
  due(...args: Parameters<Store['due']>) { return this.count(this.inner.due(...args)); }
  reschedule(...args: Parameters<Store['reschedule']>) { return this.count(this.inner.reschedule(...args)); }
  readSnapshot(...args: Parameters<Store['readSnapshot']>) { return this.count(this.inner.readSnapshot(...args)); }
  forgetSnapshot(...args: Parameters<Store['forgetSnapshot']>) { return this.count(this.inner.forgetSnapshot(...args)); }
  getSession(...args: Parameters<Store['getSession']>) { return this.count(this.inner.getSession(...args)); }
  setSession(...args: Parameters<Store['setSession']>) { return this.count(this.inner.setSession(...args)); }
  deleteSession(...args: Parameters<Store['deleteSession']>) { return this.count(this.inner.deleteSession(...args)); }
  ping() { return this.count(this.inner.ping()); }
  pending() { return this.count(this.inner.pending()); }
  loginBlockedUntil(...args: Parameters<Store['loginBlockedUntil']>) { return this.count(this.inner.loginBlockedUntil(...args)); }
  recordLoginFailure(...args: Parameters<Store['recordLoginFailure']>) { return this.count(this.inner.recordLoginFailure(...args)); }
  resetLoginFailures(...args: Parameters<Store['resetLoginFailures']>) { return this.count(this.inner.resetLoginFailures(...args)); }
  close() { return this.inner.close(); }
}

/**
 * One bot process as deployed (adapter, runtime, machines, backend client, Redis store). The Bot
 * API and the backend are the tests' emulator and simulator, answering from a worker thread or a
 * child process (`remote.ts`), so that what this process does is the bot's work alone.
 */
export class Rig {
  readonly fakes: RemoteFakes;
  readonly outside: OutsideTime = { telegramMs: 0, backendMs: 0 };
  readonly store: CountingStore;
  readonly bot: BimuzBot;

  constructor(redisUrl: string, readonly prefix: string, fakes: 'thread' | 'process', liveChats = DEFAULT_LIVE_CHATS) {
    const config = injectedFakesConfig(BENCH_TOKEN, redisUrl, { LIVE_CHATS: liveChats });
    this.fakes = new RemoteFakes(fakes);
    this.store = new CountingStore(new RedisStore(redisUrl, { prefix }));
    this.bot = new BimuzBot(config, {
      store: this.store,
      log: silentLogger,
      telegramFetch: timed(this.fakes.fetchOf('telegram'), (ms) => (this.outside.telegramMs += ms)),
      backendFetch: timed(this.fakes.fetchOf('backend'), (ms) => (this.outside.backendMs += ms)),
    });
  }

  async close(): Promise<void> {
    await this.bot.stop();
    await this.fakes.close();
  }
}
