import type { Update } from 'node-telegram-bot-api';
import { BackendSimulator } from '../../test/harness/backend-simulator.js';
import type { Step } from './workload.js';

/**
 * The cheap fakes of the engine-only phase of `npm run bench`: the Bot API and the backend answer
 * at once, in the bot's own process, and the simulated people's updates are built directly. The
 * backend's answers are the tests' simulator's, recorded the first time a request is made and
 * given back from then on (one list page, one login, one created student for every chat); the Bot
 * API answers every call with a fixed result. What is left to measure is the engine's own work:
 * adapter, runtime, machines, backend client and Redis, as the side-by-side comparison with the
 * peer measures it. The strict fakes of the other phases check what the bot sends; these do not.
 */

interface Recorded {
  status: number;
  headers: [string, string][];
  body: string;
}

/** A request's fields, from a JSON body or a form (the Telegram library sends either), read once. */
function fieldsOf(body: unknown): (name: string) => unknown {
  if (typeof body === 'string') {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return (name) => parsed[name];
  }
  if (body instanceof URLSearchParams || body instanceof FormData) return (name) => body.get(name) ?? undefined;
  return () => undefined;
}

export class CheapFakes {
  private readonly simulator = new BackendSimulator();
  private readonly recorded = new Map<string, Recorded>();
  /** the newest bot message of each chat (a pressed button is on it) */
  private readonly lastMessage = new Map<number, number>();
  /** while learning: the inline buttons on each chat's newest message, by label */
  private readonly buttons = new Map<number, { text: string; data: string }[]>();
  /** what each press of the workload sends, learned from the first chat (the same for every chat) */
  private readonly pressData = new Map<number, string>();
  private learning = true;
  private nextMessage = 1;
  private nextUpdate = 1;
  private nextQuery = 1;
  /** calls answered, by the fake that answered */
  readonly calls = { telegram: 0, backend: 0 };

  constructor() {
    this.simulator.addStudents(45); // three pages to turn, as in the other phases
  }

  passwordOf(email: string): string {
    return this.simulator.passwordOf(email);
  }

  /** The backend: the simulator's answer to the first request of a kind, then the same answer at once. */
  readonly backendFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    const key = method === 'GET' ? `GET ${url.pathname}${url.search}` : `${method} ${url.pathname}`;
    let answer = this.recorded.get(key);
    if (!answer) {
      const response = await this.simulator.fetch(input, init);
      answer = { status: response.status, headers: [...response.headers], body: await response.text() };
      this.recorded.set(key, answer);
    }
    this.calls.backend += 1;
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };

  /** The Bot API: every call succeeds; a message sent or edited is given back with its id. */
  readonly telegramFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = url.slice(url.lastIndexOf('/') + 1);
    this.calls.telegram += 1;
    let result: unknown = true;
    if (method === 'sendMessage' || method === 'editMessageText') {
      const field = fieldsOf(init?.body);
      const chatId = Number(field('chat_id'));
      const messageId = method === 'sendMessage' ? this.nextMessage++ : Number(field('message_id'));
      this.lastMessage.set(chatId, messageId);
      if (this.learning) this.learnButtons(chatId, field('reply_markup'));
      result = { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: field('text') };
    }
    return new Response(JSON.stringify({ ok: true, result }), { headers: { 'content-type': 'application/json' } });
  };

  private learnButtons(chatId: number, markup: unknown): void {
    const parsed = (typeof markup === 'string' ? JSON.parse(markup) : markup) as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
    if (!parsed?.inline_keyboard) return;
    this.buttons.set(chatId, parsed.inline_keyboard.flat().flatMap((b) => (b.callback_data ? [{ text: b.text, data: b.callback_data }] : [])));
  }

  /** Ends the learning: from now on presses send what the first chat's did, and markups are not read. */
  stopLearning(): void {
    this.learning = false;
    this.buttons.clear();
  }

  /** The update a person's step makes: a text, or a press of the button the step names on the newest message. */
  update(chatId: number, index: number, step: Step): Update {
    const person = { id: chatId, is_bot: false, first_name: 'Bench' };
    const chat = { id: chatId, type: 'private' as const, first_name: 'Bench' };
    const date = Math.floor(Date.now() / 1000);
    if ('send' in step) {
      const command = /^\/\w+/.exec(step.send);
      return {
        update_id: this.nextUpdate++,
        message: { message_id: this.nextMessage++, from: person, chat, date, text: step.send, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) },
      } as Update;
    }
    let data = this.pressData.get(index);
    if (this.learning) {
      const label = step.press;
      const button = this.buttons.get(chatId)?.find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
      if (!button) throw new Error(`chat ${chatId}: no button ${String(label)} on the newest message`);
      data = button.data;
      this.pressData.set(index, data);
    }
    if (data === undefined) throw new Error(`step ${index}: no press learned`);
    return {
      update_id: this.nextUpdate++,
      callback_query: {
        id: String(this.nextQuery++),
        from: person,
        chat_instance: String(chatId),
        data,
        message: { message_id: this.lastMessage.get(chatId) ?? 0, from: { id: 1, is_bot: true, first_name: 'Bot' }, chat, date, text: '' },
      },
    } as Update;
  }
}
