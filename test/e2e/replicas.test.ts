import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BimuzBot } from '../../adapters/app.js';
import { silentLogger } from '../../adapters/log.js';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { injectedFakesConfig } from '../harness/config.js';
import { TelegramEmulator, type Update } from '../harness/telegram-emulator.js';

const TOKEN = '123456789:REPLICA-token_for-the-emulator-only';

/**
 * Two bot processes sharing one Redis take turns on one chat, as replicas behind a load balancer
 * do. Each keeps the chats' actors it handled alive between updates; an actor left behind by the
 * other replica's updates must not be used.
 */
describe('replicas sharing Redis', () => {
  const telegram = new TelegramEmulator({ token: TOKEN });
  const backend = new BackendSimulator();
  backend.addStudents(45);
  const prefix = `replicas:${randomUUID()}:`;
  const config = injectedFakesConfig(TOKEN, inject('redisUrl'), { API_TIMEOUT_MS: 3000, LIVE_CHATS: 100 });
  const replica = () => new BimuzBot(config, { redisPrefix: prefix, log: silentLogger, telegramFetch: telegram.fetch, backendFetch: backend.fetch });
  const [a, b] = [replica(), replica()];
  afterAll(async () => {
    await a.stop();
    await b.stop();
  });

  const chatId = 777_001;
  const screen = () => telegram.lastBotMessage(chatId)?.plain ?? '';
  const on = async (bot: BimuzBot, update: Promise<Update>) => bot.handleUpdate(await update);

  it('each update acts on the state the other replica saved', async () => {
    const email = 'administrator@bimuz.local';
    await on(a, telegram.sendText(chatId, '/start'));
    await on(a, telegram.sendText(chatId, email));
    expect(screen()).toContain('Parolingizni yuboring');
    await on(b, telegram.sendText(chatId, backend.passwordOf(email)));
    expect(screen()).toContain('Xush kelibsiz');
    // replica a still holds the chat's actor as it was before the password
    await on(a, telegram.sendText(chatId, '👥 Talabalar'));
    expect(screen()).toContain('Sahifa 1 / 3');
    await on(b, telegram.pressLabel(chatId, /Keyingi/));
    expect(screen()).toContain('Sahifa 2 / 3');
    await on(a, telegram.pressLabel(chatId, /Keyingi/));
    expect(screen()).toContain('Sahifa 3 / 3');
    await on(a, telegram.pressLabel(chatId, /Oldingi/));
    expect(screen()).toContain('Sahifa 2 / 3');
    expect(telegram.errors()).toEqual([]);
    expect(a.runtime.liveChats).toBe(1);
  });
});
