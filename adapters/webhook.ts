import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { safeEqual, type Update } from 'node-telegram-bot-api';
import type { Logger } from './log.js';

export interface WebhookServerOptions {
  path: string;
  secret: string;
  onUpdate: (update: Update) => Promise<void>;
  health: () => Promise<boolean>;
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
 * The webhook endpoint and /healthz on a plain node:http server: the secret header is checked in
 * constant time before the body is read, the body size is limited, and no request can make the
 * process crash (an aborted upload or a bad body only ends that request).
 */
export function createWebhookServer(options: WebhookServerOptions): Server {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, { error: 'method not allowed' });
      const healthy = await options.health().catch(() => false);
      return answer(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
    }
    if (path !== options.path) return answer(response, 404, { error: 'not found' });
    if (request.method !== 'POST') return answer(response, 405, { error: 'method not allowed' });
    const secret = request.headers['x-telegram-bot-api-secret-token'];
    if (typeof secret !== 'string' || !safeEqual(secret, options.secret)) return answer(response, 401, { error: 'unauthorized' });
    let update: Update;
    try {
      update = JSON.parse(await readBody(request, limit)) as Update;
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(response, 413, { error: 'body too large' });
      return answer(response, 400, { error: 'bad request' });
    }
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') return answer(response, 400, { error: 'bad request' });
    await options.onUpdate(update);
    answer(response, 200, { ok: true });
  };
  return createServer((request, response) => {
    request.on('error', () => response.destroy());
    handle(request, response).catch((error: unknown) => {
      options.log.error('webhook request failed', error);
      answer(response, 500, { error: 'internal error' });
    });
  });
}
