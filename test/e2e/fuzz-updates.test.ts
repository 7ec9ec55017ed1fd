import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BimuzBot } from '../../adapters/app.js';
import { silentLogger } from '../../adapters/log.js';
import { roles } from '../../machines/permissions.js';
import { encodeButton } from '../../machines/ui/callback.js';
import { menu } from '../../machines/ui/texts.js';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { injectedFakesConfig } from '../harness/config.js';
import { TelegramEmulator, type Update } from '../harness/telegram-emulator.js';

const TOKEN = '123456789:FUZZ-token_for-the-emulator-only';
const RUNS = process.env.CHAOS === 'long' ? 3_000 : 150;

/**
 * Random Telegram updates through the real adapter, runtime and machines, with the strict Bot API
 * emulator, the backend simulator and Redis: texts of any length and script (up to 10,000
 * characters), menu labels, commands known, unknown and addressed to another bot, photos,
 * stickers and files, the screens' own buttons, forged, truncated and oversized callback data,
 * edited messages, group chats, channel posts and update kinds the bot does not ask for. No update
 * may make the bot throw, every Telegram call must be one Telegram accepts (the emulator refuses
 * long or broken HTML, oversized buttons…; an edit that changes nothing is taken as done), and every
 * pressed button is answered.
 */
describe('random Telegram updates', () => {
  const telegram = new TelegramEmulator({ token: TOKEN });
  // a fresh backend for every sequence: a sequence may delete or demote the seed employee the next
  // one logs in as
  const freshBackend = () => {
    const simulator = new BackendSimulator();
    simulator.addStudents(30);
    return simulator;
  };
  let backend = freshBackend();
  const bot = new BimuzBot(injectedFakesConfig(TOKEN, inject('redisUrl'), { API_TIMEOUT_MS: 3000 }), {
    redisPrefix: `fuzz:${randomUUID()}:`,
    log: silentLogger,
    telegramFetch: telegram.fetch,
    backendFetch: (input, init) => backend.fetch(input, init),
  });
  afterAll(() => bot.stop());

  let nextChat = 880_000;

  type Step =
    | { kind: 'text'; text: string }
    | { kind: 'media'; which: 'photo' | 'sticker' | 'document' }
    | { kind: 'press'; index: number }
    | { kind: 'forge'; data: string }
    | { kind: 'truncate'; index: number; keep: number }
    | { kind: 'raw'; which: 'edited' | 'group' | 'channel' | 'member' | 'poll' | 'noFrom' };

  const labels = Object.values(menu);
  const valid = encodeButton({ section: 'students', action: 'open', id: 1 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...labels).map((text) => ({ kind: 'text' as const, text })) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }).map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 4000, maxLength: 10_000 }).map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.constantFrom('/start', '/menu', '/cancel', '/help', '/nope', '/start@other_bot', '/menu@emulated_bot', '/', '/start extra words').map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.constantFrom('<b>qalin</b>', '&amp; <a href="x">', 'Karimova', '+998 90 123 45 02', '15.01.2027', '2026-11', '   ').map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.constantFrom('photo' as const, 'sticker' as const, 'document' as const).map((which) => ({ kind: 'media' as const, which })) },
    { weight: 5, arbitrary: fc.nat(40).map((index) => ({ kind: 'press' as const, index })) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(valid, `${valid}9999999999`, '1:students:open:-1', '1:nav:home', '2:students:list', '1:x:y', 'a'.repeat(64), '1:payments:open:1', '1:employees:open:1', '1:attendance:open:1')).map((data) => ({ kind: 'forge' as const, data })) },
    { weight: 1, arbitrary: fc.record({ index: fc.nat(40), keep: fc.nat(63) }).map(({ index, keep }) => ({ kind: 'truncate' as const, index, keep })) },
    { weight: 1, arbitrary: fc.constantFrom('edited' as const, 'group' as const, 'channel' as const, 'member' as const, 'poll' as const, 'noFrom' as const).map((which) => ({ kind: 'raw' as const, which })) },
  );

  /** The buttons with callback data on the bot's visible messages, newest message last. */
  function buttonsOf(chatId: number) {
    return telegram
      .visibleMessages(chatId)
      .filter((message) => message.from === 'bot')
      .flatMap((message) => (message.inline_keyboard ?? []).flat().flatMap((button) => (button.callback_data ? [{ message, data: button.callback_data }] : [])));
  }

  function anyBotMessage(chatId: number) {
    return telegram.visibleMessages(chatId).filter((message) => message.from === 'bot').at(-1);
  }

  async function updateFor(chatId: number, s: Step): Promise<Update | null> {
    switch (s.kind) {
      case 'text':
        return telegram.sendText(chatId, s.text);
      case 'media':
        return s.which === 'photo' ? telegram.sendPhoto(chatId) : s.which === 'sticker' ? telegram.sendSticker(chatId) : telegram.sendDocument(chatId);
      case 'press': {
        const buttons = buttonsOf(chatId);
        if (buttons.length === 0) return null;
        const { message, data } = buttons[buttons.length - 1 - (s.index % buttons.length)]!;
        return telegram.pressButton(chatId, message.message_id, data);
      }
      case 'forge':
      case 'truncate': {
        const message = anyBotMessage(chatId);
        if (!message) return null;
        const buttons = buttonsOf(chatId);
        const data = s.kind === 'forge' ? s.data : buttons.length ? buttons[s.index % buttons.length]!.data.slice(0, s.keep) : '';
        return telegram.forgeButton(chatId, message.message_id, data);
      }
      case 'raw': {
        if (s.which === 'group') return telegram.sendText(-100_000 - chatId, '/start', { chatType: 'group', fromId: chatId });
        const chat = { id: chatId, type: 'private' as const, first_name: 'Fuzz' };
        const from = { id: chatId, is_bot: false, first_name: 'Fuzz' };
        const date = Math.floor(Date.now() / 1000);
        const updates: Record<Exclude<typeof s.which, 'group'>, object> = {
          edited: { edited_message: { message_id: 1, date, edit_date: date, chat, from, text: 'tahrirlangan' } },
          channel: { channel_post: { message_id: 1, date, chat: { id: -200_000 - chatId, type: 'channel', title: 'Kanal' }, text: 'post' } },
          member: { my_chat_member: { chat, from, date, old_chat_member: { status: 'member', user: from }, new_chat_member: { status: 'kicked', user: from, until_date: 0 } } },
          poll: { poll: { id: '1', question: 'savol', options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false } },
          noFrom: { message: { message_id: 1, date, chat, text: 'no sender' } },
        };
        return { update_id: 9_000_000 + chatId, ...updates[s.which] } as unknown as Update;
      }
    }
  }

  it(`survives ${RUNS} random sequences of updates, in chats logged out and logged in as every role`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.constantFrom(...roles), { nil: null }), fc.array(step, { minLength: 1, maxLength: 12 }), async (role, steps) => {
        const chatId = nextChat++;
        backend = freshBackend();
        const refusedBefore = telegram.errors().length;
        if (role) {
          const email = role === 'dasturchi' ? 'dasturchi@bimuz.local' : `${role}@bimuz.local`;
          for (const text of ['/start', email, backend.passwordOf(email)]) await bot.handleUpdate(await telegram.sendText(chatId, text));
        }
        let presses = 0;
        for (const s of steps) {
          const update = await updateFor(chatId, s);
          if (!update) continue;
          if ('callback_query' in update) presses += 1;
          await bot.handleUpdate(update);
        }
        // a button that leads to the screen already shown (a list's page pressed again, a forged
        // copy of it) edits nothing: Telegram refuses the edit and the adapter takes that as done
        const refused = telegram.errors().slice(refusedBefore).filter((error) => !error.description.includes('message is not modified'));
        expect(refused).toEqual([]);
        expect(telegram.callbackAnswers(chatId)).toHaveLength(presses);
        telegram.forgetChat(chatId);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
