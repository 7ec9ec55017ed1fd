/**
 * One bot replica as its own process, in webhook mode on loopback, for the replica and crash tests:
 * `node --import tsx bot-process.ts` with the settings in BOT_PROCESS (JSON). Prints `ready` on
 * stdout once its webhook listens; SIGTERM stops it cleanly, SIGKILL is the crash under test.
 */
import { BimuzBot } from '../../adapters/app.js';
import { createLogger } from '../../adapters/log.js';
import { stopOnSignals } from '../../adapters/shutdown.js';
import { injectedFakesConfig } from './config.js';

interface Settings {
  token: string;
  secret: string;
  port: number;
  redisUrl: string;
  redisPrefix: string;
  telegramRoot: string;
  backendUrl: string;
  lockTtlMs: number;
  shutdownTimeoutMs?: number;
  apiTimeoutMs?: number;
}

const settings = JSON.parse(process.env.BOT_PROCESS ?? '{}') as Settings;
const config = injectedFakesConfig(settings.token, settings.redisUrl, {
  BOT_MODE: 'webhook',
  WEBHOOK_HOST: `http://127.0.0.1:${settings.port}`,
  WEBHOOK_PATH: '/hook',
  WEBHOOK_PORT: settings.port,
  WEBHOOK_SECRET: settings.secret,
  TELEGRAM_API_ROOT: settings.telegramRoot,
  API_BASE_URL: settings.backendUrl,
  API_TIMEOUT_MS: settings.apiTimeoutMs ?? 3000,
  CHAT_LOCK_TTL_MS: settings.lockTtlMs,
  SHUTDOWN_TIMEOUT_MS: settings.shutdownTimeoutMs ?? 8000,
  LOG_LEVEL: 'warn',
});
const bot = new BimuzBot(config, { redisPrefix: settings.redisPrefix, log: createLogger('warn') });
stopOnSignals(bot, config.SHUTDOWN_TIMEOUT_MS);
await bot.start();
process.stdout.write('ready\n');
