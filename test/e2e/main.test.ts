import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { TelegramEmulator } from '../harness/telegram-emulator.js';

const TOKEN = '123456789:MAIN-token_for-the-emulator-only';
const main = fileURLToPath(new URL('../../adapters/main.ts', import.meta.url));

function startBot(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', main], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
}

function exit(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

/** The real entry point, as `npm start` runs it, as a separate process. */
describe('the bot process', () => {
  const telegram = new TelegramEmulator({ token: TOKEN });
  const backend = new BackendSimulator();
  let env: Record<string, string>;
  beforeAll(async () => {
    env = {
      BOT_TOKEN: TOKEN,
      BOT_MODE: 'dev',
      TELEGRAM_API_ROOT: await telegram.listen(),
      API_BASE_URL: await backend.listen(),
      REDIS_URL: inject('redisUrl'),
      LOG_LEVEL: 'warn',
      HTTP_PORT: '0',
    };
  });
  afterAll(async () => {
    await telegram.close();
    await backend.close();
  });

  it('stops at start with one line naming a bad variable', async () => {
    const result = await exit(startBot({ ...env, API_TIMEOUT_MS: 'soon' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['Configuration error: API_TIMEOUT_MS must be a whole number']);
  });

  it('refuses webhook mode without a secret', async () => {
    const result = await exit(startBot({ ...env, BOT_MODE: 'prod', WEBHOOK_HOST: 'https://bot.example.uz' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('WEBHOOK_SECRET');
  });

  it('polls, answers /start, and stops cleanly on SIGTERM', async () => {
    const child = startBot(env);
    const ended = exit(child);
    // a chat of its own: the bot's default key prefix is shared by every run on one Redis
    const chatId = 100_000 + Math.floor(Math.random() * 1_000_000);
    await telegram.sendText(chatId, '/start');
    await telegram.waitFor(chatId, (messages) => messages.some((m) => m.from === 'bot' && m.plain?.includes('email') === true), 15_000);
    child.kill('SIGTERM');
    const result = await ended;
    expect(result.code).toBe(0);
    expect(telegram.myCommands.map((c) => c.command)).toContain('start');
  }, 30_000);
});
