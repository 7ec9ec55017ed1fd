import { BimuzBot } from './app.js';
import { ConfigError, readConfig } from './config.js';

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

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  bot.log.info(`${signal}: finishing the updates under way`);
  await bot.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  await bot.start();
} catch (error) {
  bot.log.error('the bot could not start', error);
  process.exit(1);
}
