import type { BimuzBot } from './app.js';

/**
 * SIGTERM and SIGINT stop the bot gracefully: no new update is taken, the updates under way are
 * finished (at most `timeoutMs`; those left stay in their inboxes for the next process), Redis is
 * closed and the process exits with 0. A second signal, or a stop that hangs past the timeout by
 * five seconds, exits at once with 1.
 */
export function stopOnSignals(bot: BimuzBot, timeoutMs: number, exit: (code: number) => never = process.exit): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      bot.log.warn(`${signal} again: exiting without waiting`);
      exit(1);
    }
    stopping = true;
    bot.log.info(`${signal}: taking no more updates, finishing those under way (at most ${timeoutMs} ms)`);
    setTimeout(() => {
      bot.log.error('the shutdown did not finish in time; exiting');
      exit(1);
    }, timeoutMs + 5000).unref();
    bot.stop(timeoutMs).then(
      () => {
        bot.log.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        bot.log.error('the shutdown failed', error);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
