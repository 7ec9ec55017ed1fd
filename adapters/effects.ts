import type { Screen } from '../machines/ui/screen.js';

/** What one update asks Telegram to do, in the order the machines produced it. */
export type Effect =
  | { type: 'show'; screen: Screen }
  | { type: 'alert'; text: string }
  | { type: 'deleteMessage' };

/** Where an update came from, so that effects land in the right place. */
export interface Origin {
  chatId: number;
  /** the person's message (a password to delete) */
  messageId?: number;
  /** the pressed button: its query id and the bot message carrying it */
  callback?: { id: string; messageId: number };
}

/** The Telegram side of the runtime. */
export interface EffectSink {
  /** answers a pressed button right away, with an alert or silently */
  answerButton(callbackId: string, alert?: string): Promise<void>;
  /** shows that the bot is working (a backend call is under way) */
  typing(chatId: number): Promise<void>;
  /** carries out the effects, in order */
  deliver(origin: Origin, effects: Effect[]): Promise<void>;
}
