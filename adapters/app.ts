import type { Server } from 'node:http';
import { Api, type Update } from 'node-telegram-bot-api';
import { BimuzApi } from '../api/client.js';
import { chatMachine, createChatMachine } from '../machines/chat.js';
import { mainMenu } from '../machines/sections.js';
import { commands, t } from '../machines/ui/texts.js';
import { MemoryStore } from '../storage/memory.js';
import { RedisStore } from '../storage/redis.js';
import type { Store } from '../storage/types.js';
import { backendImplementations } from './backend.js';
import { configSecrets, sessionKeyBytes, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { endpointOf, Metrics } from './metrics.js';
import { allowedUpdates, poll } from './polling.js';
import { provideAll, type BackendImplementations } from './provide.js';
import { OncePerInterval } from './once.js';
import { ChatRuntime, type Receipt } from './runtime.js';
import { TelegramSink, translate } from './telegram.js';
import { withSharedTimeout } from './timeout.js';
import { createHttpServer, type Readiness } from './webhook.js';

/**
 * The backend calls as the configuration wants them: with the reports switched off, the
 * analytics summary leaves out this month's income (a figure of the monthly report) as well.
 */
function backendFor(config: Config): BackendImplementations {
  if (config.BOT_REPORTS !== 'off') return backendImplementations;
  return { ...backendImplementations, readAnalytics: (input, scope) => backendImplementations.readAnalytics({ ...input, income: false }, scope) };
}

export interface BotOverrides {
  /** the Bot API's fetch (tests give the emulator's) */
  telegramFetch?: typeof fetch;
  /** the backend's fetch (tests and benchmarks give the simulator's) */
  backendFetch?: typeof fetch;
  store?: Store;
  log?: Logger;
  /** Redis key prefix, so that several bots (or tests) can share one Redis */
  redisPrefix?: string;
  now?: () => number;
  /** false: no process metrics (tests that start many bots in one process) */
  defaultMetrics?: boolean;
}

/** The whole bot, assembled from the configuration; nothing runs until start() is called. */
export class BimuzBot {
  readonly telegram: Api;
  readonly store: Store;
  readonly runtime: ChatRuntime;
  readonly log: Logger;
  readonly metrics: Metrics;
  private readonly api: BimuzApi;
  private readonly sink: TelegramSink;
  private stopping = false;
  private readonly abort = new AbortController();
  private polling: Promise<void> | null = null;
  private server: Server | null = null;
  private botUsername: string | undefined;
  private readonly outageNotices = new OncePerInterval(60_000);
  private lastRedisError = 0;

  constructor(
    readonly config: Config,
    overrides: BotOverrides = {},
  ) {
    this.log = overrides.log ?? createLogger(config.LOG_LEVEL, { secrets: configSecrets(config) });
    this.metrics = new Metrics(
      { liveActors: () => this.runtime.liveChats, inboxPending: () => this.store.pending() },
      { defaultMetrics: overrides.defaultMetrics },
    );
    this.telegram = new Api(config.BOT_TOKEN, {
      apiRoot: config.TELEGRAM_API_ROOT,
      // a call times out after 30 to 31 s: one timer a second for all calls, not one each (the
      // library makes one a call when given timeoutMs); the long poll keeps the library's own
      fetch: withSharedTimeout(this.metrics.countTelegramFailures(overrides.telegramFetch ?? globalThis.fetch), 30_000),
      timeoutMs: 0,
      // a 429 is retried after the retry_after Telegram names (up to a minute); the library's own
      // limiter paces calls ahead of that only when the rates are set (README: Telegram's limits)
      rateLimit:
        config.TELEGRAM_GLOBAL_RATE > 0 || config.TELEGRAM_CHAT_RATE > 0
          ? { global: config.TELEGRAM_GLOBAL_RATE, perChat: config.TELEGRAM_CHAT_RATE }
          : undefined,
      maxRetries: 3,
      maxRetryAfterMs: 60_000,
    });
    const sessionKey = config.SESSION_KEY ? (sessionKeyBytes(config.SESSION_KEY) ?? undefined) : undefined;
    this.store =
      overrides.store ??
      (config.REDIS_URL
        ? new RedisStore(config.REDIS_URL, { prefix: overrides.redisPrefix, lockTtlMs: config.CHAT_LOCK_TTL_MS, sessionKey, onError: (error) => this.redisError(error) })
        : new MemoryStore({ lockTtlMs: config.CHAT_LOCK_TTL_MS }));
    const api = new BimuzApi({
      baseUrl: config.API_BASE_URL,
      timeoutMs: config.API_TIMEOUT_MS,
      sessions: this.store,
      fetch: overrides.backendFetch,
      log: (message) => this.log.warn(`backend: ${message}`),
      observe: ({ method, path, status, seconds }) => {
        this.metrics.backendSeconds.observe({ endpoint: endpointOf(path), method, status }, seconds);
        this.log.debug('backend call', { method, endpoint: endpointOf(path), status, ms: Math.round(seconds * 1000) });
      },
    });
    this.api = api;
    const log = (message: string, error?: unknown) => this.log.error(message, error);
    const metrics = this.metrics;
    this.sink = new TelegramSink(this.telegram, log);
    this.runtime = new ChatRuntime({
      machine: provideAll(config.BOT_REPORTS === 'off' ? createChatMachine(mainMenu(['reports'])) : chatMachine, backendFor(config)),
      store: this.store,
      api,
      sink: this.sink,
      now: overrides.now,
      log,
      liveChats: config.LIVE_CHATS,
      lockTtlMs: config.CHAT_LOCK_TTL_MS,
      secret: config.BOT_TOKEN,
      metrics: {
        processed: (kind, seconds) => {
          metrics.updateSeconds.observe({ kind }, seconds);
          this.log.debug('update processed', { kind, ms: Math.round(seconds * 1000) });
        },
        lockWait: () => metrics.lockWaits.inc(),
        error: (kind) => metrics.errors.inc({ kind }),
      },
    });
  }

  /**
   * Takes one update in: stores it in its chat's inbox and resolves once it is stored, the moment
   * to acknowledge it to Telegram; the returned receipt's `handled` follows its processing. When
   * the store cannot be reached the person is told (at most once a minute) and this rejects, so
   * that Telegram keeps the update and delivers it again.
   */
  async receive(update: Update): Promise<Receipt> {
    const translation = translate(update, this.botUsername);
    this.metrics.updates.inc({ kind: translation.kind === 'event' ? translation.update.event.type.toLowerCase() : translation.kind });
    if (translation.kind === 'event') {
      try {
        return await this.runtime.receive(translation.update);
      } catch (error) {
        this.metrics.errors.inc({ kind: 'store_unreachable' });
        this.log.error(`chat ${translation.update.origin.chatId}: update ${update.update_id} could not be stored`, error);
        await this.tellStoreIsDown(translation.update.origin.chatId, translation.update.origin.callback?.id);
        throw error;
      }
    }
    if (translation.kind === 'reply') {
      // not for a chat's machine (a group chat, a button of an unknown format): one Telegram call
      try {
        if (translation.callbackId) await this.sink.answerButton(translation.callbackId, translation.text);
        else await this.sink.reply(translation.chatId, translation.text);
      } catch (error) {
        this.log.warn(`chat ${translation.chatId}: reply failed`, error);
      }
    }
    return { handled: Promise.resolve() };
  }

  /** Handles one update to the end (tests await this). */
  async handleUpdate(update: Update): Promise<void> {
    const receipt = await this.receive(update);
    await receipt.handled;
  }

  /**
   * Redis is unreachable: a short message to the person, at most once a minute per chat. A
   * pressed button is always answered (with the same words as an alert, which leaves nothing in
   * the chat), or Telegram keeps it spinning.
   */
  private async tellStoreIsDown(chatId: number, callbackId?: string): Promise<void> {
    try {
      if (callbackId) await this.sink.answerButton(callbackId, t.storageDown);
      else if (this.outageNotices.due(chatId)) await this.sink.reply(chatId, t.storageDown);
    } catch (error) {
      this.log.warn(`chat ${chatId}: the outage notice could not be sent`, error);
    }
  }

  /** Whether Redis and the backend answer (each within a few seconds). */
  async readiness(): Promise<Readiness> {
    const within = <T>(promise: Promise<T>, ms: number, otherwise: T) =>
      Promise.race([promise.catch(() => otherwise), new Promise<T>((resolve) => setTimeout(() => resolve(otherwise), ms).unref())]);
    const [redis, backend] = await Promise.all([within(this.store.ping(), 3000, false), within(this.api.ping(3000), 3500, false)]);
    return { redis, backend };
  }

  private redisError(error: Error): void {
    this.metrics.errors.inc({ kind: 'redis' });
    // ioredis reports every failed reconnection; one line every few seconds is enough
    const now = Date.now();
    if (now - this.lastRedisError < 5000) return;
    this.lastRedisError = now;
    this.log.error('Redis is unreachable; reconnecting', error);
  }

  async start(): Promise<void> {
    const me = await this.telegram.getMe();
    this.botUsername = me.username;
    await this.telegram.setMyCommands({ commands: [...commands] });
    if (this.config.BOT_MODE === 'webhook') await this.startWebhook();
    else await this.startPolling();
  }

  private async listen(port: number, host?: string, webhook?: Parameters<typeof createHttpServer>[0]['webhook']): Promise<void> {
    this.server = createHttpServer({
      webhook,
      readiness: () => this.readiness(),
      stopping: () => this.stopping,
      metrics: this.metrics,
      log: this.log,
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, resolve);
    });
  }

  private async startPolling(): Promise<void> {
    // a webhook left from an earlier deployment would make getUpdates fail
    await this.telegram.deleteWebhook({ drop_pending_updates: false });
    await this.listen(this.config.HTTP_PORT, this.config.HTTP_HOST);
    this.log.info(`polling as @${this.botUsername}; /healthz, /readyz and /metrics on ${this.config.HTTP_HOST}:${this.port()}`);
    this.runtime.startRecovery();
    this.polling = poll(this.telegram, (update) => this.receive(update).then(() => {}), this.abort.signal, this.log);
  }

  private async startWebhook(): Promise<void> {
    const { WEBHOOK_HOST, WEBHOOK_PATH, WEBHOOK_PORT, WEBHOOK_SECRET } = this.config;
    if (!WEBHOOK_HOST || !WEBHOOK_SECRET) throw new Error('webhook mode needs WEBHOOK_HOST and WEBHOOK_SECRET');
    await this.listen(WEBHOOK_PORT, undefined, { path: WEBHOOK_PATH, secret: WEBHOOK_SECRET, onUpdate: (update) => this.receive(update).then(() => {}) });
    const url = `${WEBHOOK_HOST.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
    this.runtime.startRecovery();
    await this.telegram.setWebhook({ url, secret_token: WEBHOOK_SECRET, allowed_updates: allowedUpdates });
    this.log.info(`webhook on port ${this.port()} for ${url}`);
  }

  /** The port the HTTP server (webhook, health, metrics) listens on (tests use port 0). */
  port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  /**
   * Stops taking updates (polling ends; the webhook answers 503, so Telegram delivers them again
   * later or elsewhere), finishes the updates under way within `timeoutMs` (those left stay in
   * their inboxes for another process), then closes the HTTP server and Redis.
   */
  async stop(timeoutMs = Infinity): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.polling;
    const finished = await this.runtime.stop(timeoutMs);
    if (!finished) this.log.warn(`stopping: ${this.runtime.busyChats} chats still had updates under way; they stay in their inboxes for the next process`);
    if (this.server) {
      const server = this.server;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // a keep-alive connection with no request must not hold the exit
      setTimeout(() => server.closeAllConnections(), 1000).unref();
      await closed;
    }
    await this.store.close();
  }
}
