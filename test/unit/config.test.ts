import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configNames, readConfig } from '../../adapters/config.js';

const token = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc';

describe('configuration', () => {
  it('has defaults for everything but the token', () => {
    const config = readConfig({ BOT_TOKEN: token });
    expect(config).toMatchObject({ BOT_MODE: 'polling', API_TIMEOUT_MS: 15000, TELEGRAM_API_ROOT: 'https://api.telegram.org', WEBHOOK_PATH: '/webhook', LIVE_CHATS: 500 });
  });

  it('takes 0 live chats (every update restored from Redis) but no negative or fractional count', () => {
    expect(readConfig({ BOT_TOKEN: token, LIVE_CHATS: '0' }).LIVE_CHATS).toBe(0);
    expect(() => readConfig({ BOT_TOKEN: token, LIVE_CHATS: '-1' })).toThrow(/^LIVE_CHATS must be a whole number$/);
    expect(() => readConfig({ BOT_TOKEN: token, LIVE_CHATS: '2.5' })).toThrow(/^LIVE_CHATS must be a whole number$/);
    // kept actors take heap: the count is bounded (issue 14)
    expect(readConfig({ BOT_TOKEN: token, LIVE_CHATS: '2000' }).LIVE_CHATS).toBe(2000);
    expect(() => readConfig({ BOT_TOKEN: token, LIVE_CHATS: '100000' })).toThrow(/^LIVE_CHATS must be at most 2000$/);
  });

  it('takes the chat lock lifetime within bounds, 10 s by default', () => {
    expect(readConfig({ BOT_TOKEN: token }).CHAT_LOCK_TTL_MS).toBe(10_000);
    expect(readConfig({ BOT_TOKEN: token, CHAT_LOCK_TTL_MS: '1500' }).CHAT_LOCK_TTL_MS).toBe(1500);
    expect(() => readConfig({ BOT_TOKEN: token, CHAT_LOCK_TTL_MS: '50' })).toThrow(/^CHAT_LOCK_TTL_MS must be at least 200$/);
  });

  it('shows the reports unless BOT_REPORTS is off', () => {
    expect(readConfig({ BOT_TOKEN: token }).BOT_REPORTS).toBe('on');
    expect(readConfig({ BOT_TOKEN: token, BOT_REPORTS: ' OFF ' }).BOT_REPORTS).toBe('off');
    expect(() => readConfig({ BOT_TOKEN: token, BOT_REPORTS: 'no' })).toThrow(/^BOT_REPORTS must be on or off$/);
  });

  it('names the variable that is missing or bad, in one line', () => {
    expect(() => readConfig({})).toThrow(/^BOT_TOKEN is required$/);
    expect(() => readConfig({ BOT_TOKEN: 'nonsense' })).toThrow(/^BOT_TOKEN /);
    expect(() => readConfig({ BOT_TOKEN: token, API_TIMEOUT_MS: 'soon' })).toThrow(/^API_TIMEOUT_MS /);
    expect(() => readConfig({ BOT_TOKEN: token, REDIS_URL: 'localhost:6379' })).toThrow(/^REDIS_URL /);
    expect(() => readConfig({ BOT_TOKEN: token, BOT_MODE: 'turbo' })).toThrow(/^BOT_MODE /);
  });

  it('accepts the old mode names', () => {
    expect(readConfig({ BOT_TOKEN: token, BOT_MODE: 'dev' }).BOT_MODE).toBe('polling');
    const prod = { BOT_TOKEN: token, BOT_MODE: 'prod', WEBHOOK_HOST: 'https://bot.example.uz', WEBHOOK_SECRET: 's3cr3t-s3cr3t-s3cr3t' };
    expect(readConfig(prod).BOT_MODE).toBe('webhook');
  });

  it('refuses webhook mode without a secret or an https host', () => {
    expect(() => readConfig({ BOT_TOKEN: token, BOT_MODE: 'webhook', WEBHOOK_HOST: 'https://bot.example.uz' })).toThrow(/^WEBHOOK_SECRET /);
    expect(() => readConfig({ BOT_TOKEN: token, BOT_MODE: 'webhook', WEBHOOK_SECRET: 's3cr3t-s3cr3t-s3cr3t' })).toThrow(/^WEBHOOK_HOST /);
    expect(() => readConfig({ BOT_TOKEN: token, WEBHOOK_HOST: 'http://bot.example.uz' })).toThrow(/^WEBHOOK_HOST /);
  });

  it('treats empty values as not set', () => {
    expect(readConfig({ BOT_TOKEN: token, REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('is documented: every variable is in .env.example and in the README table', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of [...configNames, 'REDIS_PASSWORD']) {
      expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(readme, name).toContain(`| \`${name}\` |`);
    }
  });

  it('takes one Redis or a cluster, and a session key of 32 bytes', () => {
    expect(readConfig({ BOT_TOKEN: token, REDIS_URL: 'redis-cluster://:pw@10.0.0.1:6379,10.0.0.2:6379' }).REDIS_URL).toBe('redis-cluster://:pw@10.0.0.1:6379,10.0.0.2:6379');
    expect(() => readConfig({ BOT_TOKEN: token, REDIS_URL: 'redis-cluster://10.0.0.1' })).toThrow(/^REDIS_URL /);
    expect(readConfig({ BOT_TOKEN: token, SESSION_KEY: 'ab'.repeat(32) }).SESSION_KEY).toBe('ab'.repeat(32));
    expect(() => readConfig({ BOT_TOKEN: token, SESSION_KEY: 'short' })).toThrow(/^SESSION_KEY /);
    expect(readConfig({ BOT_TOKEN: token })).toMatchObject({ HTTP_HOST: '127.0.0.1', HTTP_PORT: 8080, TELEGRAM_GLOBAL_RATE: 0, TELEGRAM_CHAT_RATE: 0, SHUTDOWN_TIMEOUT_MS: 8000 });
  });
});
