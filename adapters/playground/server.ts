/**
 * The local playground's web server: a Telegram-like page per browser tab (one tab, one private
 * chat), the person's side of a Bot API emulator behind it, and the flow diagram of where each chat
 * is, taken from the actor tree the runtime saves. The bot itself runs unchanged (polling that
 * emulator); the launcher (scripts/playground.ts) wires the emulator, the backend and the diagrams in.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { menu } from '../../machines/ui/texts.js';
import type { Store } from '../../storage/types.js';
import { ObservedStore } from './observed-store.js';
import { exportFileName, exportTest, labelMatches, type Action, type Secret, type Step } from './recording.js';

/** A message as the person's Telegram shows it (the emulator's view of it). */
export interface ShownMessage {
  message_id: number;
  from: 'bot' | 'user';
  /** as sent: Telegram HTML when parse_mode is HTML */
  text?: string;
  /** as read: tags removed, entities decoded */
  plain?: string;
  parse_mode?: string;
  kind: string;
  inline_keyboard?: { text: string; callback_data?: string; url?: string }[][];
  edits: number;
}

/** The person's side of the Bot API emulator. */
export interface PersonSide {
  sendText(chatId: number, text: string): Promise<{ update_id: number }>;
  sendPhoto(chatId: number): Promise<{ update_id: number }>;
  pressButton(chatId: number, messageId: number, callbackData: string): Promise<{ update_id: number }>;
  visibleMessages(chatId: number): ShownMessage[];
  replyKeyboard(chatId: number): string[][] | undefined;
  callbackAnswers(chatId: number): { text?: string; show_alert?: boolean }[];
}

/** An employee the picker offers to log in as. */
export interface Account {
  email: string;
  password: string;
  name: string;
  role: string;
  active: boolean;
}

export interface Diagram {
  id: string;
  title: string;
  purpose: string;
  mermaid: string;
}

export interface Position {
  flow: string;
  states: string[];
  label: string;
}

export interface PlaygroundOptions {
  telegram: PersonSide;
  /** the seeded employees (none with a real backend: the person types their own credentials) */
  accounts: Account[];
  diagrams: Diagram[];
  /** where a chat is, from the actor tree the runtime saved for it */
  position: (snapshot: string | null) => Position[];
  /** what the page says the backend is */
  backend: string;
  /**
   * With the simulator: how many changes of data it has accepted so far (an export is faithful only
   * when all of them came from the exported chat), and the passwords it gave accounts created since
   * it started. Absent with a real backend: nothing is exported then.
   */
  simulator?: { writes: () => number; newSecrets: () => Secret[] };
  /** 0: any free port */
  port: number;
  log?: (message: string) => void;
}

interface ChatRecord {
  id: number;
  steps: Step[];
  position: Position[];
  /** person's actions run one after another, each until the bot has handled it */
  queue: Promise<void>;
  busy: number;
  listeners: Set<ServerResponse>;
  /** backend changes made while one of this chat's updates was under way */
  ownWrites: number;
  writesAtBegin: number;
  /** backend changes counted when this chat's last step ended */
  writesAtLastStep: number;
}

interface Waiter {
  updateId: number;
  resolve: () => void;
}

const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/playground.js': { file: 'playground.js', type: 'text/javascript; charset=utf-8' },
  '/playground.css': { file: 'playground.css', type: 'text/css; charset=utf-8' },
};
const BODY_LIMIT = 16 * 1024;
/** how long an action waits for the bot before the page is given control back */
const HANDLED_WITHIN_MS = 20_000;

/** The page's files: beside this module's source, whether it runs from source or from dist/. */
async function pageDir(): Promise<string> {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'adapters', 'playground', 'page');
    try {
      await readFile(join(candidate, 'index.html'));
      return candidate;
    } catch {
      // not here: one folder up
    }
  }
  throw new Error('the playground page (adapters/playground/page) was not found');
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Playground {
  private server: Server | null = null;
  private readonly chats = new Map<number, ChatRecord>();
  private readonly waiters = new Map<number, Waiter[]>();
  private nextChatId = 1_000_000 + Math.floor(Math.random() * 900_000_000);
  private files: string | null = null;
  private address = '';

  constructor(private readonly options: PlaygroundOptions) {}

  /** The bot's store, observed: the page learns when each update ends and where the chat is then. */
  observe(store: Store): Store {
    return new ObservedStore(store, {
      began: (chatId) => {
        const chat = this.chats.get(chatId);
        if (chat) chat.writesAtBegin = this.writes();
      },
      ended: (chatId, updateId, snapshot) => this.ended(chatId, updateId, snapshot),
    });
  }

  async listen(): Promise<string> {
    this.files = await pageDir();
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (status === 500) this.options.log?.(`playground: ${req.method} ${req.url} failed: ${String(error)}`);
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', resolve);
    });
    this.address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.address;
  }

  async close(): Promise<void> {
    for (const chat of this.chats.values()) for (const listener of chat.listeners) listener.end();
    for (const waiters of this.waiters.values()) for (const waiter of waiters) waiter.resolve();
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  // ------------------------------------------------------------------ the bot's side

  private writes(): number {
    return this.options.simulator?.writes() ?? 0;
  }

  private ended(chatId: number, updateId: number | null, snapshot: string | null | undefined): void {
    const chat = this.chats.get(chatId);
    if (chat) {
      chat.ownWrites += this.writes() - chat.writesAtBegin;
      chat.writesAtBegin = this.writes();
      if (snapshot !== undefined) chat.position = this.options.position(snapshot);
    }
    // updates of one chat are handled in order: this one, and any before it, are done
    const waiters = this.waiters.get(chatId) ?? [];
    const done = waiters.filter((waiter) => updateId === null || waiter.updateId <= updateId);
    this.waiters.set(
      chatId,
      waiters.filter((waiter) => !done.includes(waiter)),
    );
    for (const waiter of done) waiter.resolve();
    if (chat) this.push(chat);
  }

  private handled(chatId: number, updateId: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, HANDLED_WITHIN_MS);
      const waiters = this.waiters.get(chatId) ?? [];
      waiters.push({
        updateId,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      this.waiters.set(chatId, waiters);
    });
  }

  // ------------------------------------------------------------------ the person's side

  private chat(id: number): ChatRecord {
    const chat = this.chats.get(id);
    if (!chat) throw new HttpError(404, `no chat ${id} in this playground (it may have been restarted): open a new chat`);
    return chat;
  }

  private newChat(): ChatRecord {
    const writes = this.writes();
    const chat: ChatRecord = {
      id: this.nextChatId++,
      steps: [],
      position: [],
      queue: Promise.resolve(),
      busy: 0,
      listeners: new Set(),
      ownWrites: 0,
      writesAtBegin: writes,
      writesAtLastStep: writes,
    };
    this.chats.set(chat.id, chat);
    return chat;
  }

  /**
   * Runs one action of the person after those before it, and records it with the screen it led to.
   * `prepare` looks at the chat as it is when the action's turn comes.
   */
  private perform(chat: ChatRecord, prepare: () => { action: Action; send: () => Promise<{ update_id: number }> }): Promise<void> {
    const { telegram } = this.options;
    chat.busy += 1;
    const run = async () => {
      const { action, send } = prepare();
      const answered = telegram.callbackAnswers(chat.id).length;
      const update = await send();
      this.push(chat);
      await this.handled(chat.id, update.update_id);
      const newAnswers = telegram.callbackAnswers(chat.id).slice(answered);
      const alert = newAnswers.find((answer) => answer.text !== undefined)?.text;
      const screen = telegram.visibleMessages(chat.id).filter((m) => m.from === 'bot').at(-1)?.plain ?? '';
      chat.steps.push({ action, screen, ...(alert !== undefined && { alert }) });
      chat.writesAtLastStep = this.writes();
    };
    const result = chat.queue.then(run);
    chat.queue = result.catch(() => {});
    return result.finally(() => {
      chat.busy -= 1;
      this.push(chat);
    });
  }

  private sendText(chat: ChatRecord, text: string): Promise<void> {
    return this.perform(chat, () => ({ action: { kind: 'text', text }, send: () => this.options.telegram.sendText(chat.id, text) }));
  }

  private press(chat: ChatRecord, messageId: number, data: string): Promise<void> {
    const { telegram } = this.options;
    return this.perform(chat, () => {
      const botMessages = telegram.visibleMessages(chat.id).filter((m) => m.from === 'bot');
      const message = botMessages.find((m) => m.message_id === messageId);
      const button = message?.inline_keyboard?.flat().find((b) => b.callback_data === data);
      if (!message || !button) throw new HttpError(409, 'that button is no longer shown');
      // the driver's press(label) takes the newest message showing a matching button
      const newest = botMessages.reverse().find((m) => m.inline_keyboard?.flat().some((b) => b.callback_data && labelMatches(button.text, b.text)));
      return {
        action: { kind: 'press', label: button.text, messageId, newest: newest?.message_id === messageId },
        send: () => telegram.pressButton(chat.id, messageId, data),
      };
    });
  }

  /** Logs the chat in as a seeded employee, typing what a person would (logging out first if needed). */
  private async logIn(chat: ChatRecord, email: string): Promise<void> {
    const account = this.options.accounts.find((a) => a.email === email);
    if (!account) throw new HttpError(404, `no seeded employee ${email}`);
    await chat.queue;
    if (this.options.telegram.replyKeyboard(chat.id)?.flat().includes(menu.logout)) await this.sendText(chat, menu.logout);
    await this.sendText(chat, '/start');
    await this.sendText(chat, account.email);
    await this.sendText(chat, account.password);
  }

  private faithful(chat: ChatRecord): boolean {
    return chat.writesAtLastStep === chat.ownWrites;
  }

  private view(chat: ChatRecord) {
    const { telegram } = this.options;
    return {
      chatId: chat.id,
      messages: telegram.visibleMessages(chat.id).map((m) => ({
        id: m.message_id,
        from: m.from,
        kind: m.kind,
        html: m.parse_mode?.toLowerCase() === 'html' ? (m.text ?? '') : null,
        plain: m.plain ?? '',
        buttons: m.inline_keyboard ?? [],
        edited: m.edits > 0,
      })),
      keyboard: telegram.replyKeyboard(chat.id) ?? null,
      answers: telegram.callbackAnswers(chat.id).map((a) => ({ text: a.text ?? null, alert: a.show_alert === true })),
      position: chat.position,
      steps: chat.steps.length,
      busy: chat.busy > 0,
      faithful: this.faithful(chat),
    };
  }

  private push(chat: ChatRecord): void {
    if (!chat.listeners.size) return;
    const data = `data: ${JSON.stringify(this.view(chat))}\n\n`;
    for (const listener of chat.listeners) listener.write(data);
  }

  private exported(chat: ChatRecord) {
    if (!this.options.simulator) throw new HttpError(409, 'exported tests run against the backend simulator: start the playground without API_BASE_URL');
    const recordedAt = new Date();
    const seeded = this.options.accounts.map(({ email, password }) => ({ email, password }));
    const source = exportTest({ steps: chat.steps, secrets: [...seeded, ...this.options.simulator.newSecrets()], recordedAt, faithful: this.faithful(chat) });
    return { fileName: exportFileName(recordedAt), source, faithful: this.faithful(chat) };
  }

  // ------------------------------------------------------------------ HTTP

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // only pages of this playground: a page elsewhere that points a local name at 127.0.0.1 is refused
    const host = req.headers.host ?? '';
    const port = new URL(this.address).port;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new HttpError(403, 'unknown host');
    const url = new URL(req.url ?? '/', this.address);
    const path = url.pathname;
    const method = req.method ?? 'GET';

    const page = PAGE_FILES[path];
    if (method === 'GET' && page) return this.sendFile(res, join(this.files!, page.file), page.type);
    if (method === 'GET' && path === '/vendor/mermaid.min.js') {
      const file = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
      return this.sendFile(res, file, 'text/javascript; charset=utf-8');
    }
    if (method === 'GET' && path === '/api/setup') {
      const { accounts, diagrams, backend, simulator } = this.options;
      return json(res, 200, { accounts, diagrams, backend, exportable: simulator !== undefined });
    }
    if (method === 'POST' && path === '/api/chats') return json(res, 200, { chatId: this.newChat().id });

    const match = /^\/api\/chats\/(\d+)\/([a-z]+)$/.exec(path);
    if (!match) throw new HttpError(404, 'not found');
    const chat = this.chat(Number(match[1]));
    const what = match[2];
    if (method === 'GET' && what === 'events') return this.events(chat, req, res);
    if (method === 'GET' && what === 'export') return json(res, 200, this.exported(chat));
    if (method !== 'POST') throw new HttpError(405, 'method not allowed');
    const body = await readJson(req);
    if (what === 'send') {
      const text = typeof body.text === 'string' ? body.text : '';
      if (!text.trim()) throw new HttpError(400, 'nothing to send');
      await this.sendText(chat, text);
    } else if (what === 'photo') {
      await this.perform(chat, () => ({ action: { kind: 'photo' }, send: () => this.options.telegram.sendPhoto(chat.id) }));
    } else if (what === 'press') {
      if (typeof body.messageId !== 'number' || typeof body.data !== 'string') throw new HttpError(400, 'messageId and data are required');
      await this.press(chat, body.messageId, body.data);
    } else if (what === 'login') {
      if (typeof body.email !== 'string') throw new HttpError(400, 'email is required');
      await this.logIn(chat, body.email);
    } else {
      throw new HttpError(404, 'not found');
    }
    return json(res, 200, { ok: true });
  }

  private events(chat: ChatRecord, req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    chat.listeners.add(res);
    req.on('close', () => chat.listeners.delete(res));
    res.write(`data: ${JSON.stringify(this.view(chat))}\n\n`);
  }

  private async sendFile(res: ServerResponse, file: string, type: string): Promise<void> {
    const content = await readFile(file);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
    res.end(content);
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new HttpError(413, 'request too large');
    chunks.push(chunk as Buffer);
  }
  if (!size) return {};
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}
