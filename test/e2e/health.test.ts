import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BimuzBot } from '../../adapters/app.js';
import { silentLogger } from '../../adapters/log.js';
import { injectedFakesConfig } from '../harness/config.js';
import { Harness } from '../harness/driver.js';
import { freePort } from '../harness/redis-server.js';
import { TelegramEmulator } from '../harness/telegram-emulator.js';

async function get(port: number, path: string): Promise<{ status: number; text: string; json: () => unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

/** The value of one sample in the Prometheus text format (undefined when absent). */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of metrics.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(/,(?=[a-zA-Z_]+=")/) : [];
    if (want.every((pair) => have.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

describe('health, readiness and metrics (webhook mode: the webhook port)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('/healthz answers while the process lives; other methods are refused', async () => {
    const health = await get(h.bot.port()!, '/healthz');
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const post = await fetch(`http://127.0.0.1:${h.bot.port()}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('/readyz is 200 while Redis and the backend answer, 503 naming the backend when it does not', async () => {
    const ready = await get(h.bot.port()!, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', redis: 'ok', backend: 'ok' });
    h.backend.down = true;
    try {
      const down = await get(h.bot.port()!, '/readyz');
      expect(down.status).toBe(503);
      expect(down.json()).toEqual({ status: 'unavailable', redis: 'ok', backend: 'unreachable', failing: ['backend'] });
    } finally {
      h.backend.down = false;
    }
  });

  it('/metrics counts updates, their processing time, backend calls, Telegram failures, lock waits and live actors', async () => {
    const me = h.chat();
    await me.login('administrator');
    await me.send('👥 Talabalar');
    // Telegram's flood control once: counted, and the call is made again after retry_after
    h.telegram.floodWait('sendMessage', 1);
    await me.send('/help');
    // a slow backend call, and meanwhile a second update of the chat waits behind the chat's lock
    h.backend.latencyMs = 300;
    await h.telegram.sendText(me.id, '👥 Talabalar');
    await h.telegram.sendText(me.id, '/menu');
    await h.settle();
    h.backend.latencyMs = 0;
    h.backend.down = true;
    await me.send('👥 Talabalar');
    h.backend.down = false;

    const { status, text } = await get(h.bot.port()!, '/metrics');
    expect(status).toBe(200);
    expect(sample(text, 'bimuz_updates_total', { kind: 'text' })).toBe(2);
    expect(sample(text, 'bimuz_updates_total', { kind: 'command' })).toBe(3);
    expect(sample(text, 'bimuz_updates_total', { kind: 'menu' })).toBe(3);
    expect(sample(text, 'bimuz_update_duration_seconds_count', { kind: 'menu' })).toBe(3);
    expect(sample(text, 'bimuz_update_duration_seconds_bucket', { kind: 'menu', le: '+Inf' })).toBe(3);
    expect(sample(text, 'bimuz_backend_request_duration_seconds_count', { endpoint: '/auth/login/', method: 'POST', status: '200' })).toBe(1);
    expect(sample(text, 'bimuz_backend_request_duration_seconds_count', { endpoint: '/auth/students/', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'bimuz_backend_request_duration_seconds_count', { endpoint: '/auth/students/', method: 'GET', status: '502' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'bimuz_chat_lock_waits_total')).toBe(1);
    expect(sample(text, 'bimuz_live_actors')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'bimuz_inbox_pending')).toBe(0);
    expect(sample(text, 'bimuz_telegram_failures_total', { method: 'sendMessage', code: '429' })).toBe(1);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    const excerpt = text.split('\n').filter((line) => line.startsWith('bimuz_') && !line.includes('_bucket')).join('\n');
    process.stdout.write(`/metrics excerpt:\n${excerpt}\n`);
  });
});

describe('health and readiness in polling mode', () => {
  const token = '123456789:HEALTH-token_for-the-emulator-only';
  const telegram = new TelegramEmulator({ token });
  let bot: BimuzBot;
  beforeAll(async () => {
    // a Redis that is not there: nothing listens on this port
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    const config = injectedFakesConfig(token, deadRedis, { HTTP_PORT: 0, HTTP_HOST: '127.0.0.1' });
    bot = new BimuzBot(config, { log: silentLogger, telegramFetch: telegram.fetch, backendFetch: async () => Response.json({ detail: 'Not found.' }, { status: 404 }), defaultMetrics: false });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop(1000);
    await telegram.close();
  });

  it('serves on 127.0.0.1 (HTTP_HOST) and names Redis when it does not answer', async () => {
    const port = bot.port()!;
    expect((await get(port, '/healthz')).status).toBe(200);
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', redis: 'unreachable', backend: 'ok', failing: ['redis'] });
    expect((await get(port, '/metrics')).text).toContain('bimuz_updates_total');
  });

  it('counts an update that could not be stored as an error of its kind, and the inbox gauge says Redis did not answer', async () => {
    const chat = { id: 4242, type: 'private' as const, first_name: 'A' };
    const update = { update_id: 1, message: { message_id: 1, date: 0, chat, from: { id: 4242, is_bot: false, first_name: 'A' }, text: '/start' } };
    await expect(bot.handleUpdate(update)).rejects.toThrow();
    const metrics = (await get(bot.port()!, '/metrics')).text;
    expect(sample(metrics, 'bimuz_errors_total', { kind: 'store_unreachable' })).toBe(1);
    expect(sample(metrics, 'bimuz_updates_total', { kind: 'command' })).toBe(1);
    expect(sample(metrics, 'bimuz_inbox_pending')).toBe(-1);
  });
});
