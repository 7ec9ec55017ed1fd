import type { Config } from '../../adapters/config.js';
import { DEFAULT_LIVE_CHATS } from '../../adapters/live-actors.js';

/**
 * The configuration of a bot whose Bot API and backend are given to it as fetch functions: their
 * addresses only name the fake being reached, and the bot neither polls nor serves a webhook
 * (updates are handed to `handleUpdate`).
 */
export function injectedFakesConfig(token: string, redisUrl: string, overrides: Partial<Config> = {}): Config {
  return {
    BOT_TOKEN: token,
    BOT_MODE: 'polling',
    WEBHOOK_HOST: undefined,
    WEBHOOK_PATH: '/webhook',
    WEBHOOK_PORT: 8443,
    WEBHOOK_SECRET: undefined,
    API_BASE_URL: 'http://backend.fake',
    REDIS_URL: redisUrl,
    TELEGRAM_API_ROOT: 'http://telegram.fake',
    API_TIMEOUT_MS: 15000,
    LIVE_CHATS: DEFAULT_LIVE_CHATS,
    CHAT_LOCK_TTL_MS: 10_000,
    BOT_REPORTS: 'on',
    LOG_LEVEL: 'error',
    HTTP_PORT: 0,
    HTTP_HOST: '127.0.0.1',
    SHUTDOWN_TIMEOUT_MS: 8000,
    SESSION_KEY: undefined,
    // as deployed: not paced ahead (the limiter, when set, has a test of its own)
    TELEGRAM_GLOBAL_RATE: 0,
    TELEGRAM_CHAT_RATE: 0,
    ...overrides,
  };
}
