import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BimuzBot } from '../../adapters/app.js';
import { silentLogger } from '../../adapters/log.js';
import { t } from '../../machines/ui/texts.js';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { injectedFakesConfig } from '../harness/config.js';
import { startRedis, type RunningRedis } from '../harness/redis-server.js';
import { TelegramEmulator, type Update } from '../harness/telegram-emulator.js';

const TOKEN = '123456789:OUTAGE-token_for-the-emulator-only';

/**
 * Redis stops in the middle of a wizard and starts again with its data (as a Redis with
 * persistence restarts). Meanwhile the person is told once that the bot is away, a pressed button
 * is answered, nothing crashes, and the updates that could not be stored are taken when Telegram
 * delivers them again (the webhook answered with an error, or polling did not move its offset):
 * the wizard goes on from its last answer.
 */
describe('a Redis outage during traffic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bimuz-outage-'));
  const telegram = new TelegramEmulator({ token: TOKEN });
  const backend = new BackendSimulator();
  let redis: RunningRedis;
  let bot: BimuzBot;
  afterAll(async () => {
    await bot?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const chatId = 778_001;
  const screen = () => telegram.lastBotMessage(chatId)?.plain ?? '';
  const botTexts = () => telegram.messages(chatId).filter((m) => m.from === 'bot').map((m) => m.plain ?? '');
  const deliver = async (update: Promise<Update> | Update) => bot.handleUpdate(await update);
  /** Telegram delivering an update again until the bot takes it (a webhook's retries). */
  async function redeliver(update: Update): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        return await bot.handleUpdate(update);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  it('tells the person once, answers buttons, and resumes the wizard where it was', async () => {
    redis = await startRedis({ dir });
    bot = new BimuzBot(injectedFakesConfig(TOKEN, redis.url, { API_TIMEOUT_MS: 3000 }), {
      log: silentLogger,
      telegramFetch: telegram.fetch,
      backendFetch: backend.fetch,
    });
    const email = 'administrator@bimuz.local';
    for (const text of ['/start', email, backend.passwordOf(email), '👥 Talabalar']) await deliver(telegram.sendText(chatId, text));
    await deliver(telegram.pressLabel(chatId, '➕ Yangi talaba'));
    await deliver(telegram.sendText(chatId, 'Qodirov Anvar'));
    expect(screen()).toContain('2/7');
    const wizard = telegram.lastBotMessage(chatId)!;

    await redis.shutdownSaving();
    const first = await telegram.sendText(chatId, 'anvar.qodirov@gmail.com');
    await expect(bot.handleUpdate(first)).rejects.toThrow();
    const second = await telegram.sendText(chatId, '+998 90 123-45-67');
    await expect(bot.handleUpdate(second)).rejects.toThrow();
    expect(botTexts().filter((text) => text === t.storageDown)).toHaveLength(1);
    // an old button pressed while Redis is away: answered, not left spinning
    const press = await telegram.pressButton(chatId, wizard.message_id, wizard.inline_keyboard!.flat()[0]!.callback_data!);
    await expect(bot.handleUpdate(press)).rejects.toThrow();
    expect(telegram.callbackAnswers(chatId).at(-1)?.text).toBe(t.storageDown);

    redis = await startRedis({ port: redis.port, dir });
    await redeliver(first);
    expect(screen()).toContain('3/7');
    await redeliver(second);
    expect(screen()).toContain('4/7');
    await deliver(telegram.sendText(chatId, 'ac 7654321'));
    expect(screen()).toContain('5/7');
    expect(telegram.errors()).toEqual([]);
  });
});
