import { TelegramApiError, type Api, type InlineKeyboardButton, type ReplyMarkup, type Update } from 'node-telegram-bot-api';
import { decodeButton, encodeButton } from '../machines/ui/callback.js';
import type { PersonEvent } from '../machines/events.js';
import type { Screen } from '../machines/ui/screen.js';
import { screens } from '../machines/ui/screens.js';
import { menu, t, type MenuItem } from '../machines/ui/texts.js';
import type { Effect, EffectSink, Origin } from './effects.js';
import type { IncomingUpdate } from './runtime.js';

const ALERT_LIMIT = 200;
const knownCommands = new Set(['start', 'menu', 'cancel', 'help']);
const menuByLabel = new Map(Object.entries(menu).map(([item, label]) => [label as string, item as MenuItem]));

/** What the adapter makes of an update: an event for the chat, a direct answer, or nothing. */
export type Translation =
  | { kind: 'event'; update: IncomingUpdate }
  /** not for a machine: answered on the spot (a group chat, a button of an unknown format) */
  | { kind: 'reply'; chatId: number; text: string; callbackId?: string }
  | { kind: 'ignore' };

export function translate(update: Update, botUsername?: string): Translation {
  if ('callback_query' in update) {
    const query = update.callback_query;
    const message = query.message;
    if (!message || !('chat' in message)) return { kind: 'ignore' };
    const chatId = message.chat.id;
    if (message.chat.type !== 'private') return { kind: 'reply', chatId, text: t.privateOnly, callbackId: query.id };
    const button = decodeButton(query.data);
    if (!button) return { kind: 'reply', chatId, text: t.staleButton, callbackId: query.id };
    return {
      kind: 'event',
      update: {
        updateId: update.update_id,
        userId: query.from.id,
        origin: { chatId, callback: { id: query.id, messageId: message.message_id } },
        event: { type: 'BUTTON', button },
      },
    };
  }
  if (!('message' in update)) return { kind: 'ignore' };
  const message = update.message;
  if (!message.from) return { kind: 'ignore' };
  const chatId = message.chat.id;
  if (message.chat.type !== 'private') {
    // one polite line, and only when the bot is addressed, so a group is not flooded
    return message.text?.startsWith('/') ? { kind: 'reply', chatId, text: t.privateOnly } : { kind: 'ignore' };
  }
  const event = messageEvent(message.text, botUsername);
  return {
    kind: 'event',
    update: { updateId: update.update_id, userId: message.from.id, origin: { chatId, messageId: message.message_id }, event },
  };
}

function messageEvent(text: string | undefined, botUsername?: string): PersonEvent {
  if (text === undefined) return { type: 'MEDIA' };
  const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s|$)/.exec(text);
  if (command) {
    const name = command[1]!.toLowerCase();
    const addressedElsewhere = command[2] !== undefined && botUsername !== undefined && command[2].toLowerCase() !== botUsername.toLowerCase();
    if (addressedElsewhere || !knownCommands.has(name)) return { type: 'COMMAND', command: 'unknown' };
    return { type: 'COMMAND', command: name as 'start' | 'menu' | 'cancel' | 'help' };
  }
  const item = menuByLabel.get(text.trim());
  return item ? { type: 'MENU', item } : { type: 'TEXT', text };
}

export function inlineKeyboard(screen: Screen): InlineKeyboardButton[][] {
  return (screen.buttons ?? []).map((row) =>
    row.map((button) => ('url' in button ? { text: button.label, url: button.url } : { text: button.label, callback_data: encodeButton(button.data) })),
  );
}

function replyMarkup(screen: Screen): ReplyMarkup | undefined {
  if (screen.keyboard === 'remove') return { remove_keyboard: true };
  if (screen.keyboard) {
    return { keyboard: screen.keyboard.map((row) => row.map((text) => ({ text }))), resize_keyboard: true, is_persistent: true };
  }
  return screen.buttons?.length ? { inline_keyboard: inlineKeyboard(screen) } : undefined;
}

/**
 * A structured parameter as the JSON string it travels as. The library sends a string field as
 * it is, and walks an object first (copying it to look for files to upload, which screens never
 * carry) before making the same string: giving it the string spares that walk on every call.
 */
function serialized<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : (JSON.stringify(value) as unknown as T);
}

const noLinkPreview = serialized({ is_disabled: true });

function isTelegramError(error: unknown, fragment: string): boolean {
  return error instanceof TelegramApiError && error.description.toLowerCase().includes(fragment);
}

/** Turns effects into Bot API calls. The only place that talks to Telegram for the runtime. */
export class TelegramSink implements EffectSink {
  constructor(
    private readonly api: Api,
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {}

  async answerButton(callbackId: string, alert?: string): Promise<void> {
    await this.api.answerCallbackQuery(
      alert ? { callback_query_id: callbackId, text: clipAlert(alert), show_alert: true } : { callback_query_id: callbackId },
    );
  }

  async typing(chatId: number): Promise<void> {
    await this.api.sendChatAction({ chat_id: chatId, action: 'typing' });
  }

  async reply(chatId: number, text: string): Promise<void> {
    await this.api.sendMessage({ chat_id: chatId, text, parse_mode: 'HTML' });
  }

  async deliver(origin: Origin, effects: Effect[]): Promise<void> {
    // the first screen after a pressed button replaces the message that carried the button
    let editable = origin.callback?.messageId;
    for (const effect of effects) {
      try {
        if (effect.type === 'show') {
          const edit = editable !== undefined && !effect.screen.keyboard && !effect.screen.fresh;
          if (edit) await this.edit(origin.chatId, editable!, effect.screen);
          else await this.send(origin.chatId, effect.screen);
          editable = undefined;
        } else if (effect.type === 'alert') {
          await this.send(origin.chatId, screens.hint(effect.text));
        } else if (origin.messageId !== undefined) {
          await this.deleteMessage(origin.chatId, origin.messageId);
        }
      } catch (error) {
        this.log(`chat ${origin.chatId}: ${effect.type} failed`, error);
      }
    }
  }

  private async send(chatId: number, screen: Screen): Promise<void> {
    await this.api.sendMessage({ chat_id: chatId, text: screen.text, parse_mode: 'HTML', reply_markup: serialized(replyMarkup(screen)), link_preview_options: noLinkPreview });
  }

  private async edit(chatId: number, messageId: number, screen: Screen): Promise<void> {
    try {
      await this.api.editMessageText({
        chat_id: chatId,
        message_id: messageId,
        text: screen.text,
        parse_mode: 'HTML',
        reply_markup: serialized(screen.buttons?.length ? { inline_keyboard: inlineKeyboard(screen) } : undefined),
        link_preview_options: noLinkPreview,
      });
    } catch (error) {
      // pressing the same button twice asks for the same screen: nothing to change
      if (isTelegramError(error, 'message is not modified')) return;
      // the message is gone or too old to edit: show the screen as a new message
      if (isTelegramError(error, "message to edit not found") || isTelegramError(error, "message can't be edited")) {
        await this.send(chatId, screen);
        return;
      }
      throw error;
    }
  }

  private async deleteMessage(chatId: number, messageId: number): Promise<void> {
    try {
      await this.api.deleteMessage({ chat_id: chatId, message_id: messageId });
    } catch (error) {
      this.log(`chat ${chatId}: could not delete message ${messageId}`, error);
      await this.send(chatId, screens.passwordDeleteFailed());
    }
  }
}

function clipAlert(text: string): string {
  const chars = [...text];
  return chars.length <= ALERT_LIMIT ? text : `${chars.slice(0, ALERT_LIMIT - 1).join('')}…`;
}
