/**
 * `npm start`: the bot when BOT_TOKEN is set (polling or webhook, per BOT_MODE), otherwise the
 * playground in a browser page (scripts/playground.ts). The Docker image runs adapters/main.js
 * directly, so it never starts the playground.
 */
if (process.env.BOT_TOKEN?.trim()) await import('../adapters/main.js');
else await import('./playground.js');
