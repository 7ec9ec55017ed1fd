import { BimuzBot } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { stopOnSignals } from './shutdown.js';

let config;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const bot = new BimuzBot(config);
if (!config.REDIS_URL) bot.log.warn('REDIS_URL is not set: conversations are kept in memory and lost on restart');

stopOnSignals(bot, config.SHUTDOWN_TIMEOUT_MS);

try {
  await bot.start();
} catch (error) {
  bot.log.error('the bot could not start', error);
  process.exit(1);
}
