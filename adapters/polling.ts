import type { Api, Update } from 'node-telegram-bot-api';
import type { Logger } from './log.js';

export const allowedUpdates = ['message', 'callback_query'];

/**
 * Long polling with its own loop: every failure (network, 5xx with any body, 409 while a webhook
 * is still set) is logged and retried with a growing pause, so polling never stops by itself.
 * The offset moves past an update only once `onUpdate` has stored it (issue 14): an update that
 * could not be stored, and those after it, are fetched again on the next poll. Telegram confirms
 * by the offset of the next poll, so delivery is at least once; the inbox drops duplicates.
 */
export async function poll(api: Api, onUpdate: (update: Update) => Promise<void>, signal: AbortSignal, log: Logger): Promise<void> {
  let offset = 0;
  let pauseMs = 500;
  while (!signal.aborted) {
    try {
      const updates = await api.getUpdates({ offset, timeout: 30, allowed_updates: allowedUpdates }, signal);
      pauseMs = 500;
      for (const update of updates) {
        await onUpdate(update);
        offset = Math.max(offset, update.update_id + 1);
      }
    } catch (error) {
      if (signal.aborted) break;
      log.warn(`getUpdates failed; retrying in ${pauseMs} ms`, error);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      pauseMs = Math.min(pauseMs * 2, 30_000);
    }
  }
}
