import type { Screen } from './ui/screen.js';

/**
 * The effects a machine asks for, by name. Machines declare them as no-ops; the adapter provides
 * implementations that queue them for Telegram in the order they were produced.
 */
export const effects = {
  /** show a screen */
  show: (_: unknown, _screen: Screen) => {},
  /** answer the pressed button with a short alert (≤ 200 characters) */
  alert: (_: unknown, _text: string) => {},
  /** delete the person's message that caused this event (a password) */
  deleteMessage: () => {},
};
