import type { ButtonData } from './ui/callback.js';
import type { Employee } from '../api/types.js';
import type { MenuItem } from './ui/texts.js';

/** What a person can do in a chat, as the adapter turns Telegram updates into events. */
export type PersonEvent =
  | { type: 'TEXT'; text: string }
  /** a photo, sticker, file, voice… where the bot reads text */
  | { type: 'MEDIA' }
  /** an inline button, decoded by the callback codec */
  | { type: 'BUTTON'; button: ButtonData }
  /** a main-menu reply-keyboard button */
  | { type: 'MENU'; item: MenuItem }
  | { type: 'COMMAND'; command: 'start' | 'menu' | 'cancel' | 'help' | 'unknown' };

/** What the runtime tells the chat about the person's session. */
export type SessionEvent =
  /** the backend refused the tokens and the refresh failed */
  | { type: 'SESSION_EXPIRED' }
  /** the backend's profile was read again: role and name as they are now */
  | { type: 'PROFILE'; employee: Employee };

export type ChatEvent = PersonEvent | SessionEvent;

/**
 * The events a flow machine receives from the chat machine: the person's, and the employee as
 * the backend now describes them when their role changed while the flow runs (the flow goes on
 * with the new role, so its re-checks before a change see it).
 */
export type FlowEvent = Extract<PersonEvent, { type: 'TEXT' | 'MEDIA' | 'BUTTON' }> | { type: 'EMPLOYEE'; employee: Employee };
