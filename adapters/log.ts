/** A small leveled logger to stderr. Callers never pass passwords, tokens or request bodies. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

function describe(error: unknown): string {
  if (error === undefined || error === '') return '';
  if (error instanceof Error) return ` — ${error.name}: ${error.message}`;
  return ` — ${String(error)}`;
}

export function createLogger(level: LogLevel = 'info'): Logger {
  const write = (at: LogLevel, message: string, error?: unknown) => {
    if (order[at] < order[level]) return;
    process.stderr.write(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${describe(error)}\n`);
  };
  return {
    debug: (message) => write('debug', message),
    info: (message) => write('info', message),
    warn: (message, error) => write('warn', message, error),
    error: (message, error) => write('error', message, error),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
