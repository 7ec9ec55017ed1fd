import type { Server } from 'node:http';
import { Api, type Update } from 'node-telegram-bot-api';
import { BimuzApi } from '../api/client.js';
import { chatMachine } from '../machines/chat.js';
import { commands, t } from '../machines/ui/texts.js';
import { MemoryStore } from '../storage/memory.js';
import { RedisStore } from '../storage/redis.js';
import type { Store } from '../storage/types.js';
import { backendImplementations } from './backend.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { allowedUpdates, poll } from './polling.js';
import { provideAll } from './provide.js';
import { OncePerInterval } from './once.js';
import { ChatRuntime, type Receipt } from './runtime.js';
import { TelegramSink, translate } from './telegram.js';
import { createWebhookServer } from './webhook.js';

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
}

/** The whole bot, assembled from the configuration; nothing runs until start() is called. */
export class BimuzBot {
  readonly telegram: Api;
  readonly store: Store;
  readonly runtime: ChatRuntime;
  readonly log: Logger;
  private readonly sink: TelegramSink;
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
    this.log = overrides.log ?? createLogger(config.LOG_LEVEL);
    this.telegram = new Api(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT, fetch: overrides.telegramFetch, timeoutMs: 30_000 });
    this.store =
      overrides.store ??
      (config.REDIS_URL
        ? new RedisStore(config.REDIS_URL, { prefix: overrides.redisPrefix, lockTtlMs: config.CHAT_LOCK_TTL_MS, onError: (error) => this.redisError(error) })
        : new MemoryStore({ lockTtlMs: config.CHAT_LOCK_TTL_MS }));
    const api = new BimuzApi({
      baseUrl: config.API_BASE_URL,
      timeoutMs: config.API_TIMEOUT_MS,
      sessions: this.store,
      fetch: overrides.backendFetch,
      log: (message) => this.log.warn(`backend: ${message}`),
    });
    const log = (message: string, error?: unknown) => this.log.error(message, error);
    this.sink = new TelegramSink(this.telegram, log);
    this.runtime = new ChatRuntime({
      machine: provideAll(chatMachine, backendImplementations),
      store: this.store,
      api,
      sink: this.sink,
      now: overrides.now,
      log,
      liveChats: config.LIVE_CHATS,
      lockTtlMs: config.CHAT_LOCK_TTL_MS,
      secret: config.BOT_TOKEN,
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
    if (translation.kind === 'event') {
      try {
        return await this.runtime.receive(translation.update);
      } catch (error) {
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

  private redisError(error: Error): void {
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

  private async startPolling(): Promise<void> {
    // a webhook left from an earlier deployment would make getUpdates fail
    await this.telegram.deleteWebhook({ drop_pending_updates: false });
    this.log.info(`polling as @${this.botUsername}`);
    this.runtime.startRecovery();
    this.polling = poll(this.telegram, (update) => this.receive(update).then(() => {}), this.abort.signal, this.log);
  }

  private async startWebhook(): Promise<void> {
    const { WEBHOOK_HOST, WEBHOOK_PATH, WEBHOOK_PORT, WEBHOOK_SECRET } = this.config;
    if (!WEBHOOK_HOST || !WEBHOOK_SECRET) throw new Error('webhook mode needs WEBHOOK_HOST and WEBHOOK_SECRET');
    this.server = createWebhookServer({
      path: WEBHOOK_PATH,
      secret: WEBHOOK_SECRET,
      onUpdate: (update) => this.receive(update).then(() => {}),
      health: () => this.store.ping(),
      log: this.log,
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(WEBHOOK_PORT, resolve);
    });
    const url = `${WEBHOOK_HOST.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
    this.runtime.startRecovery();
    await this.telegram.setWebhook({ url, secret_token: WEBHOOK_SECRET, allowed_updates: allowedUpdates });
    this.log.info(`webhook on port ${this.port()} for ${url}`);
  }

  /** The port the webhook server listens on (tests use port 0). */
  port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.polling;
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    await this.runtime.stop();
    await this.store.close();
  }
}
