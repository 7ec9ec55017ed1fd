/**
 * The container's health check (`HEALTHCHECK` in the Dockerfile): asks the bot's own HTTP server
 * for /healthz on loopback (WEBHOOK_PORT in webhook mode, HTTP_PORT in polling mode) and exits 0
 * when it answers 200, 1 otherwise.
 */
const env = process.env;
const webhook = ['webhook', 'prod'].includes((env.BOT_MODE ?? '').trim().toLowerCase());
const port = Number((webhook ? env.WEBHOOK_PORT : env.HTTP_PORT)?.trim() || (webhook ? 8443 : 8080));
const configuredHost = (env.HTTP_HOST ?? '').trim();
const host = webhook || configuredHost === '' || configuredHost === '0.0.0.0' || configuredHost === '::' ? '127.0.0.1' : configuredHost;

try {
  const response = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
