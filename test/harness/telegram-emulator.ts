// A strict, in-memory Telegram Bot API for tests. It speaks the wire format of the
// real API (form/JSON/query bodies, {ok,result} envelopes, Telegram's error texts) and
// rejects what Telegram rejects, so a bot that passes here does not fail in production
// on message length, HTML, callback_data size, "message is not modified" and the like.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BotCommand, CallbackQuery, Chat, InlineKeyboardButton, Message, MessageEntity, Update, User,
} from 'node-telegram-bot-api';
import { HtmlParseError, parseTelegramHtml } from './telegram-html.js';

export type { Update } from 'node-telegram-bot-api';

export interface InlineButton { text: string; callback_data?: string; url?: string }

export interface EmulatedMessage {
  message_id: number;
  chat_id: number;
  from: 'bot' | 'user';
  text?: string;
  /** parsed plain text after HTML parsing, what a person sees */
  plain?: string;
  kind: 'text' | 'photo' | 'sticker' | 'document' | 'command';
  inline_keyboard?: InlineButton[][];
  deleted: boolean;
  edits: number;
  parse_mode?: string;
  date: number;
}

export interface ApiCall { method: string; params: Record<string, unknown>; ok: boolean; error?: string }
export interface CallbackAnswer { callback_query_id: string; text?: string; show_alert?: boolean }
export interface PersonOptions { chatType?: 'private' | 'group' | 'supergroup'; fromId?: number; firstName?: string }

class ApiError extends Error {
  constructor(readonly code: number, description: string) { super(description); }
}
const bad = (reason: string): ApiError => new ApiError(400, `Bad Request: ${reason}`);

interface Stored { view: EmulatedMessage; tg: Message; markupKey: string }
interface ChatState {
  chat: Chat;
  user: User;
  nextMessageId: number;
  messages: Stored[];
  replyKeyboard?: { rows: string[][]; oneTime: boolean };
  callbackAnswers: CallbackAnswer[];
  chatActions: string[];
}
type Markup =
  | { kind: 'inline'; rows: InlineKeyboardButton[][] }
  | { kind: 'keyboard'; rows: string[][]; oneTime: boolean }
  | { kind: 'remove' | 'force_reply' };

const JSON_FIELDS = new Set(['reply_markup', 'entities', 'caption_entities', 'allowed_updates', 'commands',
  'link_preview_options', 'reply_parameters', 'scope', 'media']);
const INT_FIELDS = new Set(['chat_id', 'message_id', 'offset', 'limit', 'timeout', 'user_id', 'cache_time',
  'max_connections', 'reply_to_message_id', 'message_thread_id']);
const BOOL_FIELDS = new Set(['show_alert', 'drop_pending_updates', 'disable_notification', 'protect_content',
  'disable_web_page_preview', 'allow_sending_without_reply']);
const CHAT_ACTIONS = new Set(['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note']);
const BUTTON_ACTIONS = ['callback_data', 'url', 'web_app', 'login_url', 'switch_inline_query',
  'switch_inline_query_current_chat', 'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay'];
/** what a bot gets when it passes no allowed_updates */
const DEFAULT_EXCLUDED_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const TOO_OLD_QUERY = 'query is too old and response timeout expired or query ID is invalid';
const NOT_MODIFIED = 'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const now = (): number => Math.floor(Date.now() / 1000);
/** key-order independent JSON, so "not modified" does not depend on how the bot built its objects */
const canon = (v: unknown): string => JSON.stringify(v, (_k, val: unknown) =>
  val && typeof val === 'object' && !Array.isArray(val)
    ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b))) : val);
const updateType = (u: Update): string => Object.keys(u).find((k) => k !== 'update_id') ?? '';

export class TelegramEmulator {
  readonly token: string;
  readonly botUser: User;
  calls: ApiCall[] = [];
  webhook: { url: string; secret_token?: string } | undefined;
  webhookDeliveries: { update_id: number; status: number }[] = [];

  private chats = new Map<number, ChatState>();
  private pending: Update[] = [];
  private nextUpdateId = 1;
  private nextQueryId = 1;
  private queries = new Map<string, { chatId: number; answered: boolean }>();
  private allowedUpdates: string[] = [];
  private commands = new Map<string, BotCommand[]>();
  private pollWaiters = new Set<() => void>();
  private activePoll: ((err: ApiError) => void) | undefined;
  private chatListeners = new Set<() => void>();
  private delivery: Promise<void> = Promise.resolve();
  private lastWebhookError: { date: number; message: string } | undefined;
  private server: Server | undefined;
  private closed = false;
  private floods: { method: string; retryAfter: number; times: number }[] = [];
  /** when each Bot API call arrived (for checks of the bot's rate limits) */
  callTimes: { method: string; chatId?: number; at: number }[] = [];

  constructor(options: { token?: string; botUsername?: string } = {}) {
    this.token = options.token ?? '123456789:TEST-emulator_token';
    const id = Number(this.token.split(':')[0]);
    this.botUser = {
      id: Number.isSafeInteger(id) ? id : 123456789, is_bot: true, first_name: 'BIMUZ',
      username: options.botUsername ?? 'bimuz_test_bot',
    };
  }

  // ---------------------------------------------------------------- transport

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    if (this.closed) throw new TypeError('fetch failed: the Telegram emulator is closed');
    const request = new Request(input, init);
    return this.handle(request, request.signal);
  };

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const aborter = new AbortController();
      res.on('close', () => { if (!res.writableFinished) aborter.abort(); });
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = new Headers();
        for (let k = 0; k + 1 < req.rawHeaders.length; k += 2) headers.append(req.rawHeaders[k]!, req.rawHeaders[k + 1]!);
        const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
        const request = new Request(`http://127.0.0.1${req.url ?? '/'}`,
          { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
        this.handle(request, aborter.signal)
          .then(async (response) => {
            const body = Buffer.from(await response.arrayBuffer());
            res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
            res.end(body);
          })
          .catch(() => res.destroy());
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Ends pending long polls (they answer with what they have) and stops the HTTP server. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.pollWaiters]) wake();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(request: Request, signal: AbortSignal): Promise<Response> {
    const match = /^\/bot([^/]*)\/([^/]*)$/.exec(new URL(request.url).pathname);
    let method = match?.[2] ?? '';
    let params: Record<string, unknown> = {};
    try {
      if (!match) throw new ApiError(404, 'Not Found');
      if (safeDecode(match[1]!) !== this.token) throw new ApiError(401, 'Unauthorized');
      params = await readParams(request);
      const handler = this.methods[method.toLowerCase()];
      if (!handler) throw new ApiError(404, 'Not Found');
      this.callTimes.push({ method, chatId: typeof params.chat_id === 'number' ? params.chat_id : undefined, at: Date.now() });
      const flood = this.floods.find((f) => f.method === method.toLowerCase() && f.times > 0);
      if (flood) {
        flood.times -= 1;
        this.calls.push({ method, params, ok: false, error: `Too Many Requests: retry after ${flood.retryAfter}` });
        return Response.json(
          { ok: false, error_code: 429, description: `Too Many Requests: retry after ${flood.retryAfter}`, parameters: { retry_after: flood.retryAfter } },
          { status: 429 },
        );
      }
      const [result, description] = await handler(params, signal);
      this.calls.push({ method, params, ok: true });
      return Response.json(description === undefined ? { ok: true, result } : { ok: true, result, description });
    } catch (err) {
      if (signal.aborted) throw err; // the client went away; there is nobody to answer
      // An emulator bug answers 500 so that it shows up in calls/errors() instead of as a network failure.
      const failure = err instanceof ApiError ? err : new ApiError(500, `Internal Server Error: telegram emulator: ${String(err)}`);
      method ||= new URL(request.url).pathname;
      this.calls.push({ method, params, ok: false, error: failure.message });
      return Response.json({ ok: false, error_code: failure.code, description: failure.message }, { status: failure.code });
    }
  }

  // ---------------------------------------------------------------- API methods

  private methods: Record<string, (p: Record<string, unknown>, signal: AbortSignal) =>
    Promise<[unknown, string?]> | [unknown, string?]> = {
    getme: () => [{ ...this.botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }],
    logout: () => [true],
    close: () => [true],
    getupdates: async (p, signal) => [await this.getUpdates(p, signal)],
    setwebhook: (p) => this.setWebhook(p),
    deletewebhook: (p) => {
      if (p.drop_pending_updates === true) this.pending = [];
      const had = this.webhook !== undefined;
      this.webhook = undefined;
      return [true, had ? 'Webhook was deleted' : 'Webhook is already deleted'];
    },
    getwebhookinfo: () => [{
      url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.pending.length,
      ...(this.webhook && { max_connections: 40, ip_address: '127.0.0.1' }),
      ...(this.webhook && this.lastWebhookError && {
        last_error_date: this.lastWebhookError.date, last_error_message: this.lastWebhookError.message }),
      ...(this.webhook && this.allowedUpdates.length > 0 && { allowed_updates: this.allowedUpdates }),
    }],
    setmycommands: (p) => {
      const list = p.commands;
      if (!Array.isArray(list)) throw bad("can't parse commands JSON object");
      if (list.length > 100) throw bad('BOT_COMMANDS_TOO_MUCH');
      const commands = list.map((c: unknown): BotCommand => {
        const { command, description } = (c ?? {}) as Record<string, unknown>;
        if (typeof command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command)) throw bad('BOT_COMMAND_INVALID');
        if (typeof description !== 'string' || description.length < 1 || description.length > 256) {
          throw bad('BOT_COMMAND_DESCRIPTION_INVALID');
        }
        return { command, description };
      });
      this.commands.set(commandsKey(p), commands);
      return [true];
    },
    getmycommands: (p) => [this.commands.get(commandsKey(p)) ?? []],
    deletemycommands: (p) => { this.commands.delete(commandsKey(p)); return [true]; },
    sendmessage: (p) => [this.sendMessage(p)],
    editmessagetext: (p) => [this.editMessageText(p)],
    editmessagereplymarkup: (p) => [this.editMessageReplyMarkup(p)],
    deletemessage: (p) => {
      const found = this.findMessage(p);
      if (!found) throw bad('message to delete not found');
      found.view.deleted = true;
      this.changed();
      return [true];
    },
    answercallbackquery: (p) => {
      const id = String(p.callback_query_id ?? '');
      const query = this.queries.get(id);
      if (!query || query.answered) throw bad(TOO_OLD_QUERY);
      const text = typeof p.text === 'string' ? p.text : undefined;
      if (text !== undefined && text.length > 200) throw bad('MESSAGE_TOO_LONG');
      query.answered = true;
      this.chats.get(query.chatId)?.callbackAnswers.push({
        callback_query_id: id, ...(text !== undefined && { text }), ...(p.show_alert !== undefined && { show_alert: p.show_alert === true }),
      });
      return [true];
    },
    sendchataction: (p) => {
      const state = this.requireChat(p.chat_id);
      if (typeof p.action !== 'string' || !CHAT_ACTIONS.has(p.action)) throw bad('wrong parameter action in request');
      state.chatActions.push(p.action);
      return [true];
    },
  };

  private async getUpdates(p: Record<string, unknown>, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    // Telegram lets only one long poll live: the older one is terminated.
    this.activePoll?.(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates.map(String);
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    if (offset < 0) this.pending = this.pending.slice(offset);
    const limit = Math.min(100, Math.max(1, typeof p.limit === 'number' ? p.limit : 100));
    const timeout = typeof p.timeout === 'number' ? Math.max(0, p.timeout) : 0;
    const take = (): Update[] => {
      this.pending = this.pending.filter((u) => this.isAllowed(u));
      return this.pending.slice(0, limit);
    };
    if (take().length > 0 || timeout === 0 || this.closed) return take();
    await new Promise<void>((resolve, reject) => {
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.pollWaiters.delete(wake);
        signal.removeEventListener('abort', onAbort);
        if (this.activePoll === conflict) this.activePoll = undefined;
        settle();
      };
      const wake = (): void => finish(resolve);
      const conflict = (err: ApiError): void => finish(() => reject(err));
      const onAbort = (): void => finish(() => reject(signal.reason ?? new DOMException('aborted', 'AbortError')));
      const timer = setTimeout(wake, timeout * 1000);
      this.pollWaiters.add(wake);
      this.activePoll = conflict;
      if (signal.aborted) onAbort(); else signal.addEventListener('abort', onAbort, { once: true });
    });
    return take();
  }

  private setWebhook(p: Record<string, unknown>): [unknown, string?] {
    const url = typeof p.url === 'string' ? p.url : '';
    if (url === '') {
      this.webhook = undefined;
      return [true, 'Webhook was deleted'];
    }
    let parsed: URL | undefined;
    try { parsed = new URL(url); } catch { parsed = undefined; }
    const local = parsed?.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(parsed.hostname);
    if (!parsed || (parsed.protocol !== 'https:' && !local)) throw bad('bad webhook: An HTTPS URL must be provided for webhook');
    if (parsed.protocol === 'https:' && !['', '80', '88', '443', '8443'].includes(parsed.port)) {
      throw bad('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    }
    const secret = p.secret_token;
    if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
      throw bad('secret token contains unallowed characters');
    }
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates.map(String);
    if (p.drop_pending_updates === true) this.pending = [];
    this.webhook = { url, ...(typeof secret === 'string' && { secret_token: secret }) };
    this.lastWebhookError = undefined;
    if (this.pending.length > 0) void this.scheduleDelivery(); // Telegram pushes what was waiting
    return [true, 'Webhook was set'];
  }

  private sendMessage(p: Record<string, unknown>): Message {
    const state = this.requireChat(p.chat_id);
    const markup = parseMarkup(p.reply_markup);
    const reply = p.reply_parameters as { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
    const replyTo = reply?.message_id ?? p.reply_to_message_id;
    const lenient = p.allow_sending_without_reply === true || reply?.allow_sending_without_reply === true;
    if (replyTo !== undefined && !lenient
      && !state.messages.some((m) => m.view.message_id === Number(replyTo) && !m.view.deleted)) {
      throw bad('message to be replied not found');
    }
    const content = parseText(p);
    if (markup?.kind === 'keyboard') state.replyKeyboard = { rows: markup.rows, oneTime: markup.oneTime };
    if (markup?.kind === 'remove') state.replyKeyboard = undefined;
    const stored = this.store(state, 'bot', 'text', content, (tg) => {
      tg.text = content.plain;
      if (content.entities.length) tg.entities = content.entities;
    });
    if (markup?.kind === 'inline') this.setInline(stored, markup.rows);
    return structuredClone(stored.tg);
  }

  private editMessageText(p: Record<string, unknown>): Message {
    const stored = this.editable(p);
    if (stored.tg.text === undefined) throw bad('there is no text in the message to edit');
    const content = parseText(p);
    const rows = inlineOnly(p.reply_markup);
    if (content.plain === stored.tg.text && canon(content.entities) === canon(stored.tg.entities ?? [])
      && canon(rows ?? []) === stored.markupKey) throw bad(NOT_MODIFIED);
    Object.assign(stored.view, { text: content.raw, plain: content.plain, parse_mode: content.parseMode });
    if (content.parseMode === undefined) delete stored.view.parse_mode;
    stored.tg.text = content.plain;
    if (content.entities.length) stored.tg.entities = content.entities; else delete stored.tg.entities;
    return this.finishEdit(stored, rows);
  }

  private editMessageReplyMarkup(p: Record<string, unknown>): Message {
    const stored = this.editable(p);
    const rows = inlineOnly(p.reply_markup);
    if (canon(rows ?? []) === stored.markupKey) throw bad(NOT_MODIFIED);
    return this.finishEdit(stored, rows);
  }

  private editable(p: Record<string, unknown>): Stored {
    if (p.inline_message_id !== undefined) throw bad('message to edit not found'); // no inline mode here
    const stored = this.findMessage(p);
    if (!stored) throw bad('message to edit not found');
    if (stored.view.from !== 'bot') throw bad("message can't be edited");
    return stored;
  }

  private finishEdit(stored: Stored, rows: InlineKeyboardButton[][] | undefined): Message {
    this.setInline(stored, rows);
    stored.view.edits++;
    stored.tg.edit_date = now();
    this.changed();
    return structuredClone(stored.tg);
  }

  private setInline(stored: Stored, rows: InlineKeyboardButton[][] | undefined): void {
    stored.markupKey = canon(rows ?? []);
    if (rows && rows.length > 0) {
      stored.tg.reply_markup = { inline_keyboard: rows };
      stored.view.inline_keyboard = rows.map((row) => row.map((b) => ({
        text: b.text, ...(b.callback_data !== undefined && { callback_data: b.callback_data }),
        ...(b.url !== undefined && { url: b.url }),
      })));
    } else {
      delete stored.tg.reply_markup;
      delete stored.view.inline_keyboard;
    }
    this.changed();
  }

  // ---------------------------------------------------------------- the person's side

  sendText(chatId: number, text: string, opts: PersonOptions = {}): Promise<Update> {
    const state = this.ensureChat(chatId, opts);
    const command = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,})?/.exec(text);
    const keyboard = state.replyKeyboard;
    if (keyboard?.oneTime && keyboard.rows.some((row) => row.includes(text))) state.replyKeyboard = undefined;
    const stored = this.store(state, 'user', command ? 'command' : 'text', { raw: text, plain: text }, (tg) => {
      tg.text = text;
      if (command) tg.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
    });
    return this.push({ update_id: 0, message: structuredClone(stored.tg) });
  }

  sendPhoto(chatId: number): Promise<Update> {
    return this.sendMedia(chatId, 'photo', (tg, id) => {
      tg.photo = [
        { file_id: `photo-${id}-s`, file_unique_id: `ph${id}s`, width: 90, height: 90, file_size: 1200 },
        { file_id: `photo-${id}-m`, file_unique_id: `ph${id}m`, width: 800, height: 800, file_size: 64000 },
      ];
    });
  }

  sendSticker(chatId: number): Promise<Update> {
    return this.sendMedia(chatId, 'sticker', (tg, id) => {
      tg.sticker = { file_id: `sticker-${id}`, file_unique_id: `st${id}`, type: 'regular', width: 512, height: 512,
        is_animated: false, is_video: false, emoji: '👍' };
    });
  }

  sendDocument(chatId: number): Promise<Update> {
    return this.sendMedia(chatId, 'document', (tg, id) => {
      tg.document = { file_id: `document-${id}`, file_unique_id: `doc${id}`, file_name: 'file.pdf',
        mime_type: 'application/pdf', file_size: 20480 };
    });
  }

  pressButton(chatId: number, messageId: number, callbackData: string): Promise<Update> {
    return this.callback(chatId, messageId, callbackData, false);
  }

  /**
   * A callback query whose data no button of the message carries: what a modified client can send
   * (Telegram passes the data on as it came). For tests of forged buttons.
   */
  forgeButton(chatId: number, messageId: number, callbackData: string): Promise<Update> {
    return this.callback(chatId, messageId, callbackData, true);
  }

  private callback(chatId: number, messageId: number, callbackData: string, forged: boolean): Promise<Update> {
    const stored = this.chats.get(chatId)?.messages.find((m) => m.view.message_id === messageId);
    const has = forged || stored?.view.inline_keyboard?.some((row) => row.some((b) => b.callback_data === callbackData));
    if (!stored || stored.view.deleted || stored.view.from !== 'bot' || !has) {
      throw new Error(`chat ${chatId}: message ${messageId} shows no button with callback_data ${JSON.stringify(callbackData)}\n${this.describe(chatId)}`);
    }
    return this.pushCallback(chatId, messageId, callbackData);
  }

  /**
   * A callback query with data no button of the message carries: what a modified client can send
   * (Telegram does not check the data against the keyboard). The message must be the bot's.
   */
  pressForged(chatId: number, messageId: number, callbackData: string): Promise<Update> {
    const stored = this.chats.get(chatId)?.messages.find((m) => m.view.message_id === messageId);
    if (!stored || stored.view.deleted || stored.view.from !== 'bot') throw new Error(`chat ${chatId}: no bot message ${messageId}`);
    return this.pushCallback(chatId, messageId, callbackData);
  }

  private pushCallback(chatId: number, messageId: number, callbackData: string): Promise<Update> {
    const stored = this.chats.get(chatId)!.messages.find((m) => m.view.message_id === messageId)!;
    const state = this.chats.get(chatId)!;
    const id = String(4_000_000_000_000_000n + BigInt(this.nextQueryId++));
    this.queries.set(id, { chatId, answered: false });
    const query: CallbackQuery = {
      id, from: structuredClone(state.user), message: structuredClone(stored.tg),
      chat_instance: String(1_000_000_000 + Math.abs(chatId)), data: callbackData,
    };
    return this.push({ update_id: 0, callback_query: query });
  }

  // ---------------------------------------------------------------- reading the chat

  messages(chatId: number): EmulatedMessage[] {
    return (this.chats.get(chatId)?.messages ?? []).map((m) => structuredClone(m.view));
  }

  visibleMessages(chatId: number): EmulatedMessage[] {
    return this.messages(chatId).filter((m) => !m.deleted);
  }

  /** the newest bot message still shown in the chat */
  lastBotMessage(chatId: number): EmulatedMessage | undefined {
    return this.visibleMessages(chatId).filter((m) => m.from === 'bot').pop();
  }

  /** Presses the newest shown button whose label matches, as a person would. */
  pressLabel(chatId: number, label: string | RegExp): Promise<Update> {
    const messages = this.chats.get(chatId)?.messages ?? [];
    for (let i = messages.length - 1; i >= 0; i -= 1) {
      const { view } = messages[i]!;
      if (view.deleted || view.from !== 'bot') continue;
      for (const button of view.inline_keyboard?.flat() ?? []) {
        const match = typeof label === 'string' ? button.text === label : label.test(button.text);
        if (match && button.callback_data) return this.pressButton(chatId, view.message_id, button.callback_data);
      }
    }
    throw new Error(`chat ${chatId}: no button ${String(label)} is shown\n${this.describe(chatId)}`);
  }

  replyKeyboard(chatId: number): string[][] | undefined {
    return structuredClone(this.chats.get(chatId)?.replyKeyboard?.rows);
  }

  callbackAnswers(chatId: number): CallbackAnswer[] {
    return structuredClone(this.chats.get(chatId)?.callbackAnswers ?? []);
  }

  chatActions(chatId: number): string[] {
    return [...(this.chats.get(chatId)?.chatActions ?? [])];
  }

  /**
   * Flood control as Telegram applies it: the next `times` calls of `method` are answered 429
   * "Too Many Requests: retry after N" with parameters.retry_after = N.
   */
  floodWait(method: string, retryAfterSeconds: number, times = 1): void {
    this.floods.push({ method: method.toLowerCase(), retryAfter: retryAfterSeconds, times });
  }

  errors(): { method: string; description: string }[] {
    return this.calls.filter((c) => !c.ok).map((c) => ({ method: c.method, description: c.error ?? '' }));
  }

  /** Forgets a chat and the call log (long benchmarks would otherwise keep every message). */
  forgetChat(chatId: number): void {
    this.chats.delete(chatId);
    this.calls = [];
  }

  /**
   * Updates not yet confirmed (Telegram's pending_update_count): a polled update stays
   * until the bot's next getUpdates with a higher offset, a webhook one until a 2xx answer.
   */
  pendingUpdates(): number {
    return this.pending.length;
  }

  /** commands of the default scope and language */
  get myCommands(): { command: string; description: string }[] {
    return structuredClone(this.commands.get(commandsKey({})) ?? []);
  }

  waitFor(chatId: number, predicate: (msgs: EmulatedMessage[]) => boolean, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const stop = (): void => { clearTimeout(timer); this.chatListeners.delete(check); };
      // A throwing predicate fails the wait, not the bot's API call that changed the chat.
      const check = (): void => {
        let done: boolean;
        try { done = predicate(this.messages(chatId)); } catch (err) { stop(); reject(err); return; }
        if (done) { stop(); resolve(); }
      };
      const timer = setTimeout(() => {
        this.chatListeners.delete(check);
        const errors = this.errors().map((e) => `  ${e.method}: ${e.description}`).join('\n');
        reject(new Error(`waitFor timed out after ${timeoutMs}ms\n${this.describe(chatId)}${errors && `\nrejected API calls:\n${errors}`}`));
      }, timeoutMs);
      this.chatListeners.add(check);
      check();
    });
  }

  // ---------------------------------------------------------------- internals

  private describe(chatId: number): string {
    const lines = this.messages(chatId).map((m) => {
      const buttons = m.inline_keyboard?.flat().map((b) => `[${b.text}${b.callback_data ? ` → ${b.callback_data}` : ''}]`).join(' ');
      return `  #${m.message_id} ${m.from} ${m.kind}${m.deleted ? ' (deleted)' : ''}${m.edits ? ` (edited ×${m.edits})` : ''}: ${JSON.stringify(m.plain ?? '')}${buttons ? ` ${buttons}` : ''}`;
    });
    return `chat ${chatId} holds ${lines.length} message(s):\n${lines.join('\n')}`;
  }

  private changed(): void {
    for (const listener of [...this.chatListeners]) listener();
  }

  private isAllowed(update: Update): boolean {
    const type = updateType(update);
    return this.allowedUpdates.length > 0 ? this.allowedUpdates.includes(type) : !DEFAULT_EXCLUDED_UPDATES.has(type);
  }

  private ensureChat(chatId: number, opts: PersonOptions): ChatState {
    const existing = this.chats.get(chatId);
    if (existing) return existing;
    const type = opts.chatType ?? 'private';
    const firstName = opts.firstName ?? 'Test';
    const user: User = { id: opts.fromId ?? (type === 'private' ? chatId : 777000001), is_bot: false, first_name: firstName, language_code: 'uz' };
    const chat: Chat = type === 'private' ? { id: chatId, type, first_name: firstName } : { id: chatId, type, title: 'BIMUZ test group' };
    const state: ChatState = { chat, user, nextMessageId: 1, messages: [], callbackAnswers: [], chatActions: [] };
    this.chats.set(chatId, state);
    return state;
  }

  private requireChat(chatId: unknown): ChatState {
    if (chatId === undefined || chatId === '') throw bad('chat_id is empty');
    const state = typeof chatId === 'number' ? this.chats.get(chatId) : undefined;
    if (!state) throw bad('chat not found');
    return state;
  }

  private findMessage(p: Record<string, unknown>): Stored | undefined {
    const state = this.requireChat(p.chat_id);
    return state.messages.find((m) => m.view.message_id === p.message_id && !m.view.deleted);
  }

  private store(state: ChatState, from: 'bot' | 'user', kind: EmulatedMessage['kind'],
    content: { raw?: string; plain?: string; parseMode?: string } | undefined, fill: (tg: Message) => void): Stored {
    const id = state.nextMessageId++;
    const date = now();
    const tg: Message = { message_id: id, from: structuredClone(from === 'bot' ? this.botUser : state.user), chat: structuredClone(state.chat), date };
    fill(tg);
    const view: EmulatedMessage = { message_id: id, chat_id: state.chat.id, from, kind, deleted: false, edits: 0, date };
    if (content?.raw !== undefined) Object.assign(view, { text: content.raw, plain: content.plain });
    if (content?.parseMode !== undefined) view.parse_mode = content.parseMode;
    const stored: Stored = { view, tg, markupKey: canon([]) };
    state.messages.push(stored);
    this.changed();
    return stored;
  }

  private sendMedia(chatId: number, kind: 'photo' | 'sticker' | 'document', fill: (tg: Message, id: number) => void): Promise<Update> {
    const state = this.ensureChat(chatId, {});
    const fileId = this.nextUpdateId; // the id this update is about to get, unique per file
    const stored = this.store(state, 'user', kind, undefined, (tg) => fill(tg, fileId));
    return this.push({ update_id: 0, message: structuredClone(stored.tg) });
  }

  /**
   * true: updates the person makes are only returned, neither queued nor delivered; the test
   * delivers them itself (to replicas of its choice, twice, out of order)
   */
  holdUpdates = false;

  /** Queues the update; with a webhook, resolves after the webhook answered the POST. */
  private async push(update: Update): Promise<Update> {
    update.update_id = this.nextUpdateId++;
    if (this.holdUpdates) return structuredClone(update);
    this.pending.push(update);
    for (const wake of [...this.pollWaiters]) wake();
    if (this.webhook) await this.scheduleDelivery();
    return structuredClone(update);
  }

  private scheduleDelivery(): Promise<void> {
    this.delivery = this.delivery.then(() => this.drainWebhook());
    return this.delivery;
  }

  // An update is confirmed only by a 2xx answer; a failed one stays first in line and
  // is retried on the next delivery, which is how Telegram keeps order.
  private async drainWebhook(): Promise<void> {
    while (this.webhook && this.pending.length > 0) {
      const update = this.pending[0]!;
      if (!this.isAllowed(update)) { this.pending.shift(); continue; }
      const { url, secret_token } = this.webhook;
      let status = 0;
      let failure = 'Connection refused';
      try {
        const res = await globalThis.fetch(url, {
          method: 'POST', body: JSON.stringify(update),
          headers: { 'content-type': 'application/json', ...(secret_token && { 'X-Telegram-Bot-Api-Secret-Token': secret_token }) },
        });
        status = res.status;
        failure = `Wrong response from the webhook: ${res.status} ${res.statusText}`;
        await res.arrayBuffer();
      } catch { /* status 0: the bot's server is not reachable */ }
      this.webhookDeliveries.push({ update_id: update.update_id, status });
      if (status < 200 || status > 299) {
        this.lastWebhookError = { date: now(), message: failure };
        return;
      }
      if (this.pending[0] === update) this.pending.shift();
    }
  }
}

// -------------------------------------------------------------------- request parsing

async function readParams(request: Request): Promise<Record<string, unknown>> {
  const raw: Record<string, unknown> = Object.fromEntries(new URL(request.url).searchParams);
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const text = await request.text();
    if (text.trim() !== '') {
      let body: unknown;
      try { body = JSON.parse(text); } catch { throw bad("can't parse JSON encoded request"); }
      Object.assign(raw, body);
    }
  } else if (type.includes('multipart/form-data')) {
    for (const [key, value] of await request.formData()) raw[key] = typeof value === 'string' ? value : { file: value.name };
  } else if (request.body) {
    Object.assign(raw, Object.fromEntries(new URLSearchParams(await request.text())));
  }
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') params[key] = value;
    else if (JSON_FIELDS.has(key)) {
      try { params[key] = JSON.parse(value); } catch {
        throw bad(key === 'reply_markup' ? "can't parse reply keyboard markup JSON object" : `can't parse ${key} JSON object`);
      }
    } else if (INT_FIELDS.has(key) && /^-?\d+$/.test(value)) params[key] = Number(value);
    else if (BOOL_FIELDS.has(key)) params[key] = value === 'true' || value === '1';
    else params[key] = value;
  }
  return params;
}

const safeDecode = (s: string): string => { try { return decodeURIComponent(s); } catch { return s; } };

const commandsKey = (p: Record<string, unknown>): string =>
  canon([p.scope ?? { type: 'default' }, typeof p.language_code === 'string' ? p.language_code : '']);

function parseText(p: Record<string, unknown>): { raw: string; plain: string; entities: MessageEntity[]; parseMode?: string } {
  const raw = typeof p.text === 'string' ? p.text : typeof p.text === 'number' ? String(p.text) : '';
  const mode = typeof p.parse_mode === 'string' && p.parse_mode !== '' ? p.parse_mode : undefined;
  let parsed = { text: raw, entities: Array.isArray(p.entities) ? (p.entities as MessageEntity[]) : [] };
  if (mode !== undefined) {
    if (mode.toLowerCase() !== 'html') {
      const hint = /^markdown(v2)?$/i.test(mode) ? ' (the Telegram emulator implements only HTML)' : '';
      throw bad(`unsupported parse_mode${hint}`);
    }
    try { parsed = parseTelegramHtml(raw); } catch (err) {
      if (err instanceof HtmlParseError) throw bad(`can't parse entities: ${err.message}`);
      throw err;
    }
  }
  // Telegram strips surrounding whitespace before it checks for emptiness and length.
  const lead = parsed.text.length - parsed.text.trimStart().length;
  const plain = parsed.text.trim();
  if (plain === '') throw bad('message text is empty');
  if (plain.length > 4096) throw bad('message is too long');
  const entities = parsed.entities
    .map((e) => {
      const start = Math.max(0, e.offset - lead);
      return { ...e, offset: start, length: Math.min(plain.length, e.offset - lead + e.length) - start };
    })
    .filter((e) => e.length > 0);
  return { raw, plain, entities, ...(mode !== undefined && { parseMode: mode }) };
}

function parseMarkup(value: unknown): Markup | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object') throw bad("can't parse reply keyboard markup JSON object");
  const m = value as Record<string, unknown>;
  if ('inline_keyboard' in m) return { kind: 'inline', rows: validateInline(m.inline_keyboard) };
  if ('keyboard' in m) {
    const rows = m.keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw bad('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
    const texts = rows.map((row: unknown[]) => row.map((b) => {
      const text = typeof b === 'string' ? b : (b as { text?: unknown } | null)?.text;
      if (typeof text !== 'string' || text === '') throw bad('keyboard button text must be non-empty');
      return text;
    }));
    return { kind: 'keyboard', rows: texts, oneTime: m.one_time_keyboard === true };
  }
  if (m.remove_keyboard === true) return { kind: 'remove' };
  if (m.force_reply === true) return { kind: 'force_reply' };
  throw bad("can't parse reply keyboard markup JSON object");
}

/** edit methods accept only an inline keyboard; no markup at all removes the keyboard */
function inlineOnly(value: unknown): InlineKeyboardButton[][] | undefined {
  const markup = parseMarkup(value);
  if (markup && markup.kind !== 'inline') throw bad('inline keyboard expected');
  return markup?.rows;
}

function validateInline(rows: unknown): InlineKeyboardButton[][] {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  if (rows.flat().length > 100) throw bad('reply markup is too long');
  return rows.map((row: unknown[]) => row.map((raw) => {
    const b = (raw ?? {}) as Record<string, unknown>;
    if (typeof b.text !== 'string') throw bad('can\'t parse inline keyboard button: Field "text" must be of type String');
    if (b.text.trim() === '') throw bad('BUTTON_TEXT_INVALID');
    const actions = BUTTON_ACTIONS.filter((k) => b[k] !== undefined);
    if (actions.length === 0) throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    if (actions.length > 1) throw bad(`can't parse inline keyboard button: exactly one of ${actions.join(', ')} must be used`);
    if (b.callback_data !== undefined) {
      const size = typeof b.callback_data === 'string' ? Buffer.byteLength(b.callback_data, 'utf8') : 0;
      if (size < 1 || size > 64) throw bad('BUTTON_DATA_INVALID');
    }
    if (b.url !== undefined) {
      let ok = false;
      try { ok = typeof b.url === 'string' && ['http:', 'https:', 'tg:'].includes(new URL(b.url).protocol); } catch { ok = false; }
      if (!ok) throw bad('BUTTON_URL_INVALID');
    }
    return b as InlineKeyboardButton;
  }));
}
