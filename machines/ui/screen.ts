import type { ButtonData } from './callback.js';

/** An inline button: one that sends data back to the bot, or a link. */
export type InlineButton = { label: string; data: ButtonData } | { label: string; url: string };

/**
 * What a person sees: HTML text (user data already escaped) with inline buttons, and optionally a
 * change of the reply keyboard under the input field. The adapter decides whether the screen edits
 * the message whose button was pressed or arrives as a new message.
 */
export interface Screen {
  text: string;
  buttons?: InlineButton[][];
  /** rows of main-menu labels to show, or 'remove' to take the reply keyboard away */
  keyboard?: string[][] | 'remove';
  /** always a new message, even in answer to a button */
  fresh?: boolean;
}
