import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { safeEqual, type Update } from 'node-telegram-bot-api';
import type { Logger } from './log.js';

/** What /readyz reports: each dependency answers or not. */
export type Readiness = Record<'redis' | 'backend', boolean>;

export interface HttpServerOptions {
  /** webhook mode: Telegram's updates are posted to this path with the secret header */
  webhook?: { path: string; secret: string; onUpdate: (update: Update) => Promise<void> };
  /** whether Redis and the backend answer */
  readiness: () => Promise<Readiness>;
  /** true once the process is shutting down: no update is taken, /readyz answers 503 */
  stopping: () => boolean;
  metrics: { text(): Promise<string>; contentType: string };
  log: Logger;
  /** Telegram's updates are small; anything larger is refused before it is read whole */
  maxBodyBytes?: number;
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * The bot's HTTP server on plain node:http: the webhook (in webhook mode), and for operators
 * `GET /healthz` (the process is alive), `GET /readyz` (Redis and the backend answer; 503 naming
 * those that do not) and `GET /metrics` (Prometheus). The webhook's secret header is checked in
 * constant time before the body is read, the body size is limited, and no request can make the
 * process crash (an aborted upload or a bad body only ends that request).
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const readOnly = (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    answer(response, 405, { error: 'method not allowed' });
    return false;
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      if (readOnly(request, response)) answer(response, 200, { status: 'ok' });
      return;
    }
    if (path === '/readyz') {
      if (!readOnly(request, response)) return;
      if (options.stopping()) return answer(response, 503, { status: 'stopping' });
      const readiness = await options.readiness();
      const failing = Object.entries(readiness).filter(([, ok]) => !ok).map(([name]) => name);
      const body = { status: failing.length ? 'unavailable' : 'ready', ...Object.fromEntries(Object.entries(readiness).map(([name, ok]) => [name, ok ? 'ok' : 'unreachable'])) };
      return answer(response, failing.length ? 503 : 200, failing.length ? { ...body, failing } : body);
    }
    if (path === '/metrics') {
      if (!readOnly(request, response)) return;
      const text = await options.metrics.text();
      response.writeHead(200, { 'Content-Type': options.metrics.contentType });
      response.end(text);
      return;
    }
    const webhook = options.webhook;
    if (!webhook || path !== webhook.path) return answer(response, 404, { error: 'not found' });
    if (request.method !== 'POST') return answer(response, 405, { error: 'method not allowed' });
    const secret = request.headers['x-telegram-bot-api-secret-token'];
    if (typeof secret !== 'string' || !safeEqual(secret, webhook.secret)) return answer(response, 401, { error: 'unauthorized' });
    // shutting down: Telegram keeps the update and delivers it again (to another replica, or to the next process)
    if (options.stopping()) return answer(response, 503, { error: 'shutting down' });
    let update: Update;
    try {
      update = JSON.parse(await readBody(request, limit)) as Update;
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(response, 413, { error: 'body too large' });
      return answer(response, 400, { error: 'bad request' });
    }
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') return answer(response, 400, { error: 'bad request' });
    await webhook.onUpdate(update);
    answer(response, 200, { ok: true });
  };
  return createServer((request, response) => {
    request.on('error', () => response.destroy());
    handle(request, response).catch((error: unknown) => {
      options.log.error('HTTP request failed', error);
      answer(response, 500, { error: 'internal error' });
    });
  });
}
