import * as v from 'valibot';
import { DEFAULT_LIVE_CHATS, MAX_LIVE_CHATS } from './live-actors.js';

const modes = { polling: 'polling', dev: 'polling', webhook: 'webhook', prod: 'webhook' } as const;

const url = (protocols: RegExp, what: string) =>
  v.pipe(v.string(), v.trim(), v.url(`must be a URL (${what})`), v.check((value) => protocols.test(value), `must be ${what}`));

const wholeNumber = (min: number) =>
  v.pipe(v.string(), v.trim(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(min, `must be at least ${min}`));
const positiveInt = () => wholeNumber(1);

const schema = v.object({
  BOT_TOKEN: v.pipe(v.string('is required'), v.trim(), v.regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC… (from @BotFather)')),
  BOT_MODE: v.optional(
    v.pipe(v.string(), v.trim(), v.toLowerCase(), v.picklist(Object.keys(modes), 'must be polling or webhook (dev/prod also accepted)'), v.transform((m) => modes[m as keyof typeof modes])),
    'polling',
  ),
  WEBHOOK_HOST: v.optional(url(/^https:\/\//, 'an https:// URL'), undefined),
  WEBHOOK_PATH: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\/[A-Za-z0-9/_-]*$/, 'must start with / and hold only letters, digits, /, _ and -')), '/webhook'),
  WEBHOOK_PORT: v.optional(v.pipe(positiveInt(), v.maxValue(65535, 'must be a port number')), '8443'),
  WEBHOOK_SECRET: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z, a-z, 0-9, _ and -')), undefined),
  API_BASE_URL: v.optional(url(/^https?:\/\//, 'an http(s):// URL'), 'http://localhost:8000'),
  REDIS_URL: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.check((value) => isRedisUrl(value), 'must be a redis:// or rediss:// URL, or redis-cluster://[:password@]host:port[,host:port…] for a cluster'),
    ),
    undefined,
  ),
  TELEGRAM_API_ROOT: v.optional(url(/^https?:\/\//, 'an http(s):// URL'), 'https://api.telegram.org'),
  API_TIMEOUT_MS: v.optional(positiveInt(), '15000'),
  // each kept actor costs heap; the production heap is 96 MB (issue 14: bounded)
  LIVE_CHATS: v.optional(v.pipe(wholeNumber(0), v.maxValue(MAX_LIVE_CHATS, `must be at most ${MAX_LIVE_CHATS}`)), String(DEFAULT_LIVE_CHATS)),
  CHAT_LOCK_TTL_MS: v.optional(v.pipe(wholeNumber(200), v.maxValue(600_000, 'must be at most 600000')), '10000'),
  // off: the financial reports stay in the staff dashboard; nobody sees the reports item
  BOT_REPORTS: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.picklist(['on', 'off'], 'must be on or off')), 'on'),
  LOG_LEVEL: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.picklist(['debug', 'info', 'warn', 'error'], 'must be debug, info, warn or error')), 'info'),
  // polling mode: where /healthz, /readyz and /metrics are served (webhook mode serves them on WEBHOOK_PORT)
  HTTP_PORT: v.optional(v.pipe(wholeNumber(0), v.maxValue(65535, 'must be a port number')), '8080'),
  HTTP_HOST: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9.:_-]+$/, 'must be a host name or an address')), '127.0.0.1'),
  SHUTDOWN_TIMEOUT_MS: v.optional(v.pipe(wholeNumber(0), v.maxValue(600_000, 'must be at most 600000')), '8000'),
  SESSION_KEY: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.check((value) => sessionKeyBytes(value) !== null, 'must be 32 bytes as 64 hex digits or base64 (generate one with: openssl rand -hex 32)'),
    ),
    undefined,
  ),
  // 0: no pacing ahead of Telegram (its 429s are waited out); set both for bulk sending
  TELEGRAM_GLOBAL_RATE: v.optional(wholeNumber(0), '0'),
  TELEGRAM_CHAT_RATE: v.optional(wholeNumber(0), '0'),
});

export type Config = v.InferOutput<typeof schema>;

/** Every variable the bot reads. */
export const configNames = Object.keys(schema.entries) as (keyof Config)[];

/** redis://, rediss://, or redis-cluster:// (rediss-cluster:// with TLS) naming one or more nodes. */
export function isRedisUrl(value: string): boolean {
  if (/^rediss?-cluster:\/\//.test(value)) {
    const rest = value.replace(/^rediss?-cluster:\/\//, '').replace(/^[^@/]*@/, '').replace(/[/?].*$/, '');
    return rest.split(',').every((node) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(node) || /^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(node));
  }
  if (!/^rediss?:\/\//.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** The session key's 32 bytes: 64 hex digits or base64 (standard or URL-safe); null when it is neither. */
export function sessionKeyBytes(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/** The values no log line may carry. */
export function configSecrets(config: Config): string[] {
  const secrets = [config.BOT_TOKEN, config.WEBHOOK_SECRET, config.SESSION_KEY];
  const password = config.REDIS_URL ? /^[a-z-]+:\/\/[^:@/]*:([^@/]+)@/.exec(config.REDIS_URL)?.[1] : undefined;
  if (password) secrets.push(password, decodeURIComponent(password));
  return secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

export class ConfigError extends Error {}

/** Reads the configuration; a missing or bad value throws one line naming the variable. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  // empty values in an .env file mean "not set"
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = v.safeParse(schema, present);
  if (!result.success) {
    const issue = result.issues[0];
    const name = v.getDotPath(issue) ?? 'configuration';
    throw new ConfigError(issue.input === undefined ? `${name} is required` : `${name} ${issue.message}`);
  }
  const config = result.output;
  if (config.BOT_MODE === 'webhook') {
    if (!config.WEBHOOK_HOST) throw new ConfigError('WEBHOOK_HOST is required in webhook mode (an https:// URL)');
    if (!config.WEBHOOK_SECRET) throw new ConfigError('WEBHOOK_SECRET is required in webhook mode (16-256 characters of A-Z, a-z, 0-9, _ and -)');
  }
  return config;
}
