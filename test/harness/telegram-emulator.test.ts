import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Api, Bot, TelegramApiError } from 'node-telegram-bot-api';
import type { Update } from 'node-telegram-bot-api';
import { TelegramEmulator } from './telegram-emulator.js';

const CHAT = 5001;
let emu: TelegramEmulator;
afterEach(async () => { await emu.close(); });

function setup(): { emu: TelegramEmulator; api: Api } {
  emu = new TelegramEmulator();
  return { emu, api: new Api(emu.token, { apiRoot: 'http://telegram.test', fetch: emu.fetch }) };
}

/** the Telegram error a call failed with, as "code description" */
async function rejection(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    if (err instanceof TelegramApiError) return `${err.errorCode} ${err.description}`;
    throw err;
  }
  throw new Error('expected the call to be rejected');
}

const inline = (...rows: { text: string; callback_data?: string; url?: string }[][]) => ({ inline_keyboard: rows });

describe('sending messages', () => {
  it('sends into a chat only after the person wrote first, and records what the person sees', async () => {
    const { emu, api } = setup();
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: 'hi' }))).toBe('400 Bad Request: chat not found');
    const update = await emu.sendText(CHAT, '/start', { firstName: 'Ali' });
    expect(update).toMatchObject({
      update_id: 1,
      message: { message_id: 1, chat: { id: CHAT, type: 'private', first_name: 'Ali' },
        from: { id: CHAT, is_bot: false, first_name: 'Ali', language_code: 'uz' }, text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }] },
    });
    const sent = await api.sendMessage({ chat_id: CHAT, text: '<b>Salom</b>, Ali!', parse_mode: 'HTML' });
    expect(sent).toMatchObject({ message_id: 2, text: 'Salom, Ali!', entities: [{ type: 'bold', offset: 0, length: 5 }] });
    expect(emu.messages(CHAT).map((m) => [m.from, m.kind, m.plain])).toEqual([
      ['user', 'command', '/start'], ['bot', 'text', 'Salom, Ali!'],
    ]);
    expect(emu.lastBotMessage(CHAT)).toMatchObject({ text: '<b>Salom</b>, Ali!', parse_mode: 'HTML', edits: 0 });
    expect(emu.calls.map((c) => [c.method, c.ok])).toEqual([['sendMessage', false], ['sendMessage', true]]);
    expect(emu.calls[1]?.params).toMatchObject({ chat_id: CHAT, parse_mode: 'HTML' });
  });

  it('limits text to 4096 characters after entity parsing', async () => {
    const { emu, api } = setup();
    await emu.sendText(CHAT, 'hi');
    await api.sendMessage({ chat_id: CHAT, text: 'a'.repeat(4096) });
    // the markup does not count, only what the person sees
    await api.sendMessage({ chat_id: CHAT, text: `<b>${'a'.repeat(4090)}</b>&amp;&amp;`, parse_mode: 'HTML' });
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: 'a'.repeat(4097) })))
      .toBe('400 Bad Request: message is too long');
    // an emoji outside the BMP counts twice, as in UTF-16
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: `${'a'.repeat(4095)}😀` })))
      .toBe('400 Bad Request: message is too long');
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: ' <b> </b> ', parse_mode: 'HTML' })))
      .toBe('400 Bad Request: message text is empty');
    expect(emu.visibleMessages(CHAT)).toHaveLength(3);
  });

  it('rejects bad HTML and unknown parse modes with Telegram texts', async () => {
    const { emu, api } = setup();
    await emu.sendText(CHAT, 'hi');
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: 'Narx: 5 < 6', parse_mode: 'HTML' })))
      .toBe('400 Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 8');
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: '<b>Kurs', parse_mode: 'HTML' })))
      .toBe('400 Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"');
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: 'x', parse_mode: 'Html5' })))
      .toBe('400 Bad Request: unsupported parse_mode');
    expect(emu.errors().map((e) => e.method)).toEqual(['sendMessage', 'sendMessage', 'sendMessage']);
  });

  it('validates inline keyboards: 64-byte callback_data, urls, one action per button', async () => {
    const { emu, api } = setup();
    await emu.sendText(CHAT, 'hi');
    const send = (reply_markup: object) => api.sendMessage({ chat_id: CHAT, text: 'Tanlang', reply_markup } as never);
    await send(inline([{ text: 'a', callback_data: 'x'.repeat(64) }], [{ text: 'Sayt', url: 'https://bimuz.uz' }]));
    // 32 Cyrillic letters are 64 bytes, 33 are 66
    await send(inline([{ text: 'b', callback_data: 'я'.repeat(32) }]));
    expect(await rejection(send(inline([{ text: 'c', callback_data: 'я'.repeat(33) }])))).toBe('400 Bad Request: BUTTON_DATA_INVALID');
    expect(await rejection(send(inline([{ text: 'd', callback_data: 'x'.repeat(65) }])))).toBe('400 Bad Request: BUTTON_DATA_INVALID');
    expect(await rejection(send(inline([{ text: 'e', callback_data: '' }])))).toBe('400 Bad Request: BUTTON_DATA_INVALID');
    expect(await rejection(send(inline([{ text: 'f', url: 'bimuz uz' }])))).toBe('400 Bad Request: BUTTON_URL_INVALID');
    expect(await rejection(send(inline([{ text: 'g' }]))))
      .toBe("400 Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    expect(await rejection(send(inline([{ text: 'h', url: 'https://x.uz', callback_data: 'h' }])))).toMatch(/exactly one/);
    expect(await rejection(send({ inline_keyboard: [Array.from({ length: 101 }, (_, k) => ({ text: `${k}`, callback_data: `${k}` }))] })))
      .toBe('400 Bad Request: reply markup is too long');
    expect(emu.lastBotMessage(CHAT)?.inline_keyboard).toEqual([[{ text: 'b', callback_data: 'я'.repeat(32) }]]);
  });

  it('keeps the reply keyboard until it is removed', async () => {
    const { emu, api } = setup();
    await emu.sendText(CHAT, 'hi');
    expect(emu.replyKeyboard(CHAT)).toBeUndefined();
    await api.sendMessage({ chat_id: CHAT, text: 'Menu', reply_markup: { keyboard: [[{ text: 'Kurslar' }, { text: 'Aloqa' }]], resize_keyboard: true } });
    await api.sendMessage({ chat_id: CHAT, text: 'Yana' });
    expect(emu.replyKeyboard(CHAT)).toEqual([['Kurslar', 'Aloqa']]);
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: 'x', reply_markup: { keyboard: [[{ text: '' }]] } })))
      .toBe('400 Bad Request: keyboard button text must be non-empty');
    await api.sendMessage({ chat_id: CHAT, text: 'Bye', reply_markup: { remove_keyboard: true } });
    expect(emu.replyKeyboard(CHAT)).toBeUndefined();
  });
});

describe('editing, deleting, callbacks', () => {
  it('refuses an edit that changes nothing and one of a missing message', async () => {
    const { emu, api } = setup();
    await emu.sendText(CHAT, 'hi');
    const kb = inline([{ text: 'Ha', callback_data: 'yes' }]);
    const msg = await api.sendMessage({ chat_id: CHAT, text: '<b>Savol</b>', parse_mode: 'HTML', reply_markup: kb });
    const edit = (text: string, reply_markup?: object) =>
      api.editMessageText({ chat_id: CHAT, message_id: msg.message_id, text, parse_mode: 'HTML', ...(reply_markup && { reply_markup }) } as never);
    expect(await rejection(edit('<b>Savol</b>', kb))).toBe(
      '400 Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    await edit('<i>Savol</i>', kb); // same text, other entity: modified
    expect(await rejection(api.editMessageReplyMarkup({ chat_id: CHAT, message_id: msg.message_id, reply_markup: kb })))
      .toMatch(/^400 Bad Request: message is not modified/);
    await edit('<i>Savol</i>'); // no reply_markup: the keyboard goes away
    expect(emu.lastBotMessage(CHAT)).toMatchObject({ plain: 'Savol', edits: 2 });
    expect(emu.lastBotMessage(CHAT)?.inline_keyboard).toBeUndefined();
    expect(await rejection(edit('x', { keyboard: [['a']] }))).toBe('400 Bad Request: inline keyboard expected');
    expect(await rejection(api.editMessageText({ chat_id: CHAT, message_id: 99, text: 'x' })))
      .toBe('400 Bad Request: message to edit not found');
    expect(await rejection(api.editMessageText({ chat_id: CHAT, message_id: 1, text: 'x' })))
      .toBe("400 Bad Request: message can't be edited");
  });

  it('deletes messages of both sides once', async () => {
    const { emu, api } = setup();
    await emu.sendText(CHAT, 'parolim 123');
    const msg = await api.sendMessage({ chat_id: CHAT, text: 'ok' });
    expect(await api.deleteMessage({ chat_id: CHAT, message_id: 1 })).toBe(true);
    await api.deleteMessage({ chat_id: CHAT, message_id: msg.message_id });
    expect(await rejection(api.deleteMessage({ chat_id: CHAT, message_id: 1 }))).toBe('400 Bad Request: message to delete not found');
    expect(await rejection(api.editMessageText({ chat_id: CHAT, message_id: msg.message_id, text: 'x' })))
      .toBe('400 Bad Request: message to edit not found');
    expect(emu.messages(CHAT).map((m) => m.deleted)).toEqual([true, true]);
    expect(emu.visibleMessages(CHAT)).toEqual([]);
  });

  it('presses only buttons that exist and answers each query once, with at most 200 characters', async () => {
    const { emu, api } = setup();
    await emu.sendText(CHAT, 'hi');
    const msg = await api.sendMessage({ chat_id: CHAT, text: 'Kurs?', reply_markup: inline([{ text: 'Ha', callback_data: 'course:1' }]) });
    expect(() => emu.pressButton(CHAT, msg.message_id, 'course:2')).toThrow(/no button/);
    expect(() => emu.pressButton(CHAT, 1, 'course:1')).toThrow(/no button/);
    const update = await emu.pressButton(CHAT, msg.message_id, 'course:1');
    const query = 'callback_query' in update ? update.callback_query : undefined;
    expect(query).toMatchObject({ data: 'course:1', from: { id: CHAT },
      message: { message_id: msg.message_id, text: 'Kurs?', chat: { id: CHAT }, reply_markup: { inline_keyboard: [[{ text: 'Ha', callback_data: 'course:1' }]] } } });
    const id = query!.id;
    expect(await rejection(api.answerCallbackQuery({ callback_query_id: id, text: 'x'.repeat(201), show_alert: true })))
      .toBe('400 Bad Request: MESSAGE_TOO_LONG');
    await api.answerCallbackQuery({ callback_query_id: id, text: 'Tanlandi' });
    expect(await rejection(api.answerCallbackQuery({ callback_query_id: id })))
      .toBe('400 Bad Request: query is too old and response timeout expired or query ID is invalid');
    expect(await rejection(api.answerCallbackQuery({ callback_query_id: '42' }))).toMatch(/query is too old/);
    expect(emu.callbackAnswers(CHAT)).toEqual([{ callback_query_id: id, text: 'Tanlandi' }]);
  });

  it('records chat actions, media from the person and bot commands', async () => {
    const { emu, api } = setup();
    const photo = await emu.sendPhoto(CHAT);
    await emu.sendSticker(CHAT);
    await emu.sendDocument(CHAT);
    expect('message' in photo && photo.message.photo?.length).toBe(2);
    expect(emu.messages(CHAT).map((m) => m.kind)).toEqual(['photo', 'sticker', 'document']);
    await api.sendChatAction({ chat_id: CHAT, action: 'typing' });
    expect(await rejection(api.sendChatAction({ chat_id: CHAT, action: 'dancing' }))).toBe('400 Bad Request: wrong parameter action in request');
    expect(emu.chatActions(CHAT)).toEqual(['typing']);
    await api.setMyCommands({ commands: [{ command: 'start', description: 'Boshlash' }] });
    expect(emu.myCommands).toEqual([{ command: 'start', description: 'Boshlash' }]);
    expect(await api.getMyCommands()).toEqual([{ command: 'start', description: 'Boshlash' }]);
    expect(await rejection(api.setMyCommands({ commands: [{ command: 'Start', description: 'x' }] }))).toBe('400 Bad Request: BOT_COMMAND_INVALID');
    expect(await rejection(api.setMyCommands({ commands: [{ command: 'help', description: '' }] }))).toBe('400 Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
  });
});

describe('delivering updates', () => {
  it('long polling returns as soon as an update exists and confirms by offset', async () => {
    const { emu, api } = setup();
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 20 });
    setTimeout(() => void emu.sendText(CHAT, 'salom'), 50);
    const updates = await poll;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(updates.map((u) => u.update_id)).toEqual([1]);
    expect(await api.getUpdates({ timeout: 0 })).toHaveLength(1); // not confirmed yet
    expect(emu.pendingUpdates()).toBe(1);
    expect(await api.getUpdates({ offset: 2, timeout: 0 })).toEqual([]);
    expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it('lets only one long poll live and close() ends a waiting one', async () => {
    const { emu, api } = setup();
    const first = rejection(api.getUpdates({ timeout: 20 }));
    await new Promise((r) => setTimeout(r, 20));
    const second = api.getUpdates({ timeout: 20 });
    expect(await first).toBe('409 Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    await emu.close();
    expect(await second).toEqual([]);
  });

  it('drives a real bot by long polling', async () => {
    const { emu } = setup();
    const bot = new Bot(emu.token, { apiRoot: 'http://telegram.test', fetch: emu.fetch });
    bot.command('start', (ctx) => ctx.reply('Xush kelibsiz!', { reply_markup: inline([{ text: 'Kurslar', callback_data: 'courses' }]) }));
    bot.on('callback_query', async (ctx) => { await ctx.answerCallbackQuery({ text: 'OK' }); });
    const running = bot.startPolling(undefined, { timeout: 30 });
    await emu.sendText(CHAT, '/start');
    await emu.waitFor(CHAT, (msgs) => msgs.some((m) => m.plain === 'Xush kelibsiz!'));
    const reply = emu.lastBotMessage(CHAT)!;
    await emu.pressButton(CHAT, reply.message_id, 'courses');
    await expect.poll(() => emu.callbackAnswers(CHAT)).toEqual([expect.objectContaining({ text: 'OK' })]);
    bot.stop();
    await running;
    expect(emu.errors()).toEqual([]);
  });

  it('waitFor explains what the chat holds when it times out', async () => {
    const { emu } = setup();
    await emu.sendText(CHAT, 'salom');
    await expect(emu.waitFor(CHAT, (msgs) => msgs.length > 1, 50))
      .rejects.toThrow(/timed out after 50ms\nchat 5001 holds 1 message\(s\):\n {2}#1 user text: "salom"/);
  });

  it('posts updates to the webhook with the secret header and waits for the answer', async () => {
    const { emu, api } = setup();
    const seen: { secret: string | undefined; update: Update }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        const update = JSON.parse(body) as Update;
        seen.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, update });
        const chatId = 'message' in update ? update.message.chat.id : 0;
        // answer only after the bot replied, as a webhook awaiting its handler does
        void api.sendMessage({ chat_id: chatId, text: 'Javob' }).then(() => res.writeHead(seen.length === 2 ? 500 : 200).end());
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      expect(await rejection(api.setWebhook({ url: 'http://bimuz.uz/hook' })))
        .toBe('400 Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
      expect(await rejection(api.setWebhook({ url, secret_token: 'bad secret!' }))).toMatch(/^400 Bad Request: secret token/);
      await api.setWebhook({ url, secret_token: 'S3cret_-' });
      expect(emu.webhook).toEqual({ url, secret_token: 'S3cret_-' });
      expect(await rejection(api.getUpdates())).toMatch(/^409 Conflict: can't use getUpdates method while webhook is active/);
      await emu.sendText(CHAT, 'salom');
      expect(emu.lastBotMessage(CHAT)?.plain).toBe('Javob'); // the send awaited the bot's handling
      expect(seen[0]?.secret).toBe('S3cret_-');
      await emu.sendText(CHAT, 'ikkinchi'); // the bot fails it: Telegram keeps it pending
      expect(emu.webhookDeliveries).toEqual([{ update_id: 1, status: 200 }, { update_id: 2, status: 500 }]);
      const info = await api.getWebhookInfo();
      expect(info).toMatchObject({ url, pending_update_count: 1, last_error_message: 'Wrong response from the webhook: 500 Internal Server Error' });
      await api.deleteWebhook({ drop_pending_updates: true });
      expect(emu.webhook).toBeUndefined();
      expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('over HTTP', () => {
  it('serves the same API on a real port', async () => {
    emu = new TelegramEmulator({ token: '777:abc' });
    const apiRoot = await emu.listen();
    const api = new Api(emu.token, { apiRoot });
    expect(await api.getMe()).toMatchObject({ id: 777, is_bot: true, username: 'bimuz_test_bot' });
    await emu.sendText(CHAT, 'hi');
    await api.sendMessage({ chat_id: CHAT, text: '<i>Salom</i>', parse_mode: 'HTML', reply_markup: inline([{ text: 'a', callback_data: 'a' }]) });
    expect(emu.lastBotMessage(CHAT)).toMatchObject({ plain: 'Salom', inline_keyboard: [[{ text: 'a', callback_data: 'a' }]] });
    expect(await rejection(api.sendMessage({ chat_id: CHAT, text: 'x'.repeat(5000) }))).toBe('400 Bad Request: message is too long');

    const wrongToken = await fetch(`${apiRoot}/bot777:xyz/getMe`);
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const unknown = await fetch(`${apiRoot}/bot777:abc/sendTelepathy`, { method: 'POST' });
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    // JSON bodies and query strings are accepted as well
    const json = await fetch(`${apiRoot}/bot777:abc/sendMessage`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: CHAT, text: 'json', reply_markup: inline([{ text: 'u', url: 'tg://resolve?domain=bimuz' }]) }),
    });
    expect(await json.json()).toMatchObject({ ok: true, result: { text: 'json' } });
    const query = await fetch(`${apiRoot}/bot777:abc/sendMessage?chat_id=${CHAT}&text=query`);
    expect(await query.json()).toMatchObject({ ok: true, result: { text: 'query', chat: { id: CHAT } } });

    const poll = api.getUpdates({ offset: 2, timeout: 20 });
    await emu.sendText(CHAT, 'yana');
    expect((await poll).map((u) => 'message' in u && u.message.text)).toEqual(['yana']);
  });
});
