import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { BimuzBot } from '../../adapters/app.js';
import type { Config } from '../../adapters/config.js';
import { DEFAULT_LIVE_CHATS } from '../../adapters/live-actors.js';
import { silentLogger, type Logger } from '../../adapters/log.js';
import { encodeButton, type ButtonData } from '../../machines/ui/callback.js';
import { BackendSimulator } from './backend-simulator.js';
import { freePort } from './redis-server.js';
import { TelegramEmulator, type EmulatedMessage } from './telegram-emulator.js';

const TOKEN = '123456789:TEST-token_for-the-emulator-only';
const SECRET = 'test-webhook-secret-0123456789';

export interface HarnessOptions {
  /** webhook (default): each action resolves once the bot has handled it; polling: waits for the bot to be idle */
  mode?: 'webhook' | 'polling';
  /** backend as captured (default) or as intended (payment links, invoices on booking) */
  intendedBackend?: boolean;
  /** chats whose actors stay alive between updates (default as in production; 0: every update restores from Redis) */
  liveChats?: number;
  log?: Logger;
  /** encrypts the tokens stored in Redis */
  sessionKey?: string;
  /** another Redis (a cluster) than the run's */
  redisUrl?: string;
  /** any other setting */
  config?: Partial<Config>;
  /** the bot's clock */
  now?: () => number;
}

/**
 * Everything real but Telegram and the backend: the bot's own adapter, runtime and machines, a
 * real Redis (each harness under its own key prefix), the strict Bot API emulator and the backend
 * simulator, both over HTTP on loopback.
 */
export class Harness {
  bot!: BimuzBot;
  readonly telegram = new TelegramEmulator({ token: TOKEN, botUsername: 'bimuz_test_bot' });
  readonly backend: BackendSimulator;
  readonly redisPrefix = `e2e:${randomUUID()}:`;
  private telegramRoot = '';
  private backendUrl = '';

  private constructor(readonly options: HarnessOptions) {
    this.backend = new BackendSimulator();
    this.backend.intended = options.intendedBackend ?? false;
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const harness = new Harness(options);
    harness.telegramRoot = await harness.telegram.listen();
    harness.backendUrl = await harness.backend.listen();
    await harness.startBot();
    return harness;
  }

  private async config(): Promise<Config> {
    const port = await freePort();
    return {
      BOT_TOKEN: TOKEN,
      BOT_MODE: this.options.mode ?? 'webhook',
      WEBHOOK_HOST: `http://127.0.0.1:${port}`,
      WEBHOOK_PATH: '/telegram/webhook',
      WEBHOOK_PORT: port,
      WEBHOOK_SECRET: SECRET,
      API_BASE_URL: this.backendUrl,
      REDIS_URL: this.options.redisUrl ?? inject('redisUrl'),
      TELEGRAM_API_ROOT: this.telegramRoot,
      API_TIMEOUT_MS: 3000,
      LIVE_CHATS: this.options.liveChats ?? DEFAULT_LIVE_CHATS,
      CHAT_LOCK_TTL_MS: 10_000,
      BOT_REPORTS: 'on',
      LOG_LEVEL: 'error',
      HTTP_PORT: 0,
      HTTP_HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: 8000,
      SESSION_KEY: this.options.sessionKey,
      // as deployed: not paced ahead (the limiter, when set, has a test of its own)
      TELEGRAM_GLOBAL_RATE: 0,
      TELEGRAM_CHAT_RATE: 0,
      ...this.options.config,
    };
  }

  private async startBot(): Promise<void> {
    this.bot = new BimuzBot(await this.config(), { redisPrefix: this.redisPrefix, log: this.options.log ?? silentLogger, now: this.options.now });
    await this.bot.start();
  }

  /** Stops the bot process and starts a new one on the same Redis: a restart or a deploy. */
  async restart(): Promise<void> {
    await this.bot.stop();
    await this.startBot();
  }

  chat(id = 1000 + Math.floor(Math.random() * 1_000_000)): Person {
    return new Person(this, id);
  }

  /**
   * Waits for every update sent so far to be handled: the webhook answers as soon as an update is
   * stored, and polling fetches it first.
   */
  async settle(): Promise<void> {
    if ((this.options.mode ?? 'webhook') === 'webhook') return this.bot.runtime.idle();
    const start = Date.now();
    // an update is in the emulator's queue until the bot fetches it; then the runtime has it
    while (this.telegram.pendingUpdates() > 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 5));
    await this.bot.runtime.idle();
  }

  async stop(): Promise<void> {
    await this.bot.stop();
    await this.telegram.close();
    await this.backend.close();
  }
}

/** One person in a private chat with the bot: sends, presses, reads the screen. */
export class Person {
  constructor(
    readonly harness: Harness,
    readonly id: number,
  ) {}

  private get telegram() {
    return this.harness.telegram;
  }

  async send(text: string): Promise<void> {
    await this.telegram.sendText(this.id, text);
    await this.harness.settle();
  }

  async sendPhoto(): Promise<void> {
    await this.telegram.sendPhoto(this.id);
    await this.harness.settle();
  }

  async sendSticker(): Promise<void> {
    await this.telegram.sendSticker(this.id);
    await this.harness.settle();
  }

  /** Presses the inline button with this label on the newest message that shows one. */
  async press(label: string | RegExp): Promise<void> {
    const { message, button } = this.findButton(label);
    await this.telegram.pressButton(this.id, message.message_id, button.callback_data!);
    await this.harness.settle();
  }

  /** Presses a button on a given (possibly old) message. */
  async pressOn(message: EmulatedMessage, label: string | RegExp): Promise<void> {
    const button = message.inline_keyboard?.flat().find((b) => matches(b.text, label));
    if (!button?.callback_data) throw new Error(`message ${message.message_id} has no button ${label}`);
    await this.telegram.pressButton(this.id, message.message_id, button.callback_data);
    await this.harness.settle();
  }

  /** Sends a button's data that no message shows (a modified client can), as if pressed on the newest bot message. */
  async pressForged(data: ButtonData): Promise<void> {
    const message = this.lastMessage();
    if (!message) throw new Error('no bot message to press on');
    await this.telegram.pressForged(this.id, message.message_id, encodeButton(data));
    await this.harness.settle();
  }

  findButton(label: string | RegExp) {
    const messages = this.telegram.visibleMessages(this.id).filter((m) => m.from === 'bot').reverse();
    for (const message of messages) {
      const button = message.inline_keyboard?.flat().find((b) => matches(b.text, label) && b.callback_data);
      if (button) return { message, button };
    }
    throw new Error(`no button ${label} in the chat; last screen:\n${this.screen()}`);
  }

  /** The newest message from the bot, as a person reads it (tags removed, entities decoded). */
  screen(): string {
    return this.lastMessage()?.plain ?? '';
  }

  /** A message as it is shown now: edited since it was read, perhaps. */
  now(message: EmulatedMessage): EmulatedMessage | undefined {
    return this.telegram.visibleMessages(this.id).find((m) => m.message_id === message.message_id);
  }

  lastMessage(): EmulatedMessage | undefined {
    return this.telegram.visibleMessages(this.id).filter((m) => m.from === 'bot').at(-1);
  }

  /** Everything the bot said since the given number of messages (to see several screens at once). */
  botTexts(): string[] {
    return this.telegram.visibleMessages(this.id).filter((m) => m.from === 'bot').map((m) => m.plain ?? '');
  }

  buttons(): string[] {
    return this.lastMessage()?.inline_keyboard?.flat().map((b) => b.text) ?? [];
  }

  keyboard(): string[] {
    return this.telegram.replyKeyboard(this.id)?.flat() ?? [];
  }

  alerts(): string[] {
    return this.telegram.callbackAnswers(this.id).flatMap((a) => (a.text ? [a.text] : []));
  }

  /** Logs in through the bot as the seed account of a role. */
  async login(role: string): Promise<void> {
    const email = role === 'dasturchi' ? 'dasturchi@bimuz.local' : `${role}@bimuz.local`;
    await this.send('/start');
    await this.send(email);
    await this.send(this.harness.backend.passwordOf(email));
    if (!this.screen().includes('Xush kelibsiz')) throw new Error(`login as ${role} failed: ${this.screen()}`);
  }
}

function matches(text: string, label: string | RegExp): boolean {
  return typeof label === 'string' ? text === label : label.test(text);
}
