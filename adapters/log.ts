import { createRequire } from 'node:module';
import { pino, type DestinationStream, type LoggerOptions } from 'pino';

/**
 * Structured logs: one JSON object a line on stderr (pino), readable by a person only when stderr
 * is a terminal and pino-pretty is installed (a development dependency). Callers pass a message
 * and, for warnings and errors, the error; never passwords, tokens or bodies. Should one slip in
 * anyway, three layers keep it out of the output:
 * - errors are reduced to their name, message, code and stack frames (an ioredis error carries the
 *   command's arguments, an ofetch error the request's headers and body, and neither is printed);
 * - fields named like secrets (password, token, access, refresh, authorization, body, …) are
 *   replaced by pino's redaction;
 * - every line is scrubbed of the configured secrets (the bot token, the webhook secret, the
 *   session key, Redis's password) and of whatever looks like a JWT, a Bearer header, a bot token
 *   in a Bot API address or a password in a URL.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export interface LoggerSettings {
  /** where lines go (tests collect them); stderr by default */
  destination?: DestinationStream;
  /** values that must never appear in a line (the bot token, the webhook secret, …) */
  secrets?: (string | undefined)[];
  /** pretty lines for a person: by default when stderr is a terminal */
  pretty?: boolean;
}

const REDACTED = '[redacted]';

/** Field names whose values are never written, at the top level and one or two levels down. */
const secretFields = ['password', 'access', 'refresh', 'token', 'tokens', 'authorization', 'Authorization', 'body', 'session', 'args', 'secret', 'cookie'];
const redactPaths = secretFields.flatMap((name) => [name, `*.${name}`, `*.*.${name}`]);

const patterns: [RegExp, string][] = [
  // a JSON Web Token (the backend's access and refresh tokens)
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/(Bearer\s+)[^\s"',]+/gi, `$1${REDACTED}`],
  // a Bot API address carries the bot's token
  [/\/bot\d+:[A-Za-z0-9_-]+/g, `/bot${REDACTED}`],
  // user:password@ in a URL (REDIS_URL)
  [/(\/\/[^/\s:@"]*:)[^@\s"/]+@/g, `$1${REDACTED}@`],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes the secrets from one serialized line. */
export function scrubber(secrets: (string | undefined)[] = []): (line: string) => string {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const exact = known.length ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : null;
  return (line) => {
    let out = exact ? line.replace(exact, REDACTED) : line;
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
    return out;
  };
}

interface SafeError {
  type: string;
  message: string;
  code?: string | number;
  status?: number;
  stack?: string;
  cause?: SafeError;
}

/** What of an error is written: never its other properties (command arguments, request options, response data). */
export function safeError(error: unknown, depth = 0): SafeError | string {
  if (!(error instanceof Error)) return typeof error === 'string' ? error : typeof error;
  const { code, status, statusCode } = error as { code?: unknown; status?: unknown; statusCode?: unknown };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8);
  const safe: SafeError = { type: error.name, message: error.message };
  if (typeof code === 'string' || typeof code === 'number') safe.code = code;
  const httpStatus = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  if (httpStatus !== undefined) safe.status = httpStatus;
  if (frames.length) safe.stack = frames.join('\n');
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && depth < 2) {
    const inner = safeError(cause, depth + 1);
    if (typeof inner === 'object') safe.cause = inner;
  }
  return safe;
}

function prettyTransport(): LoggerOptions['transport'] | undefined {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } };
  } catch {
    return undefined; // not installed (the production image): JSON lines
  }
}

export function createLogger(level: LogLevel = 'info', settings: LoggerSettings = {}): Logger {
  const scrub = scrubber(settings.secrets);
  const options: LoggerOptions = {
    level,
    base: { pid: process.pid },
    redact: { paths: redactPaths, censor: REDACTED },
    serializers: { err: (error: unknown) => safeError(error) },
    hooks: { streamWrite: scrub },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  const pretty = settings.destination === undefined && (settings.pretty ?? process.stderr.isTTY === true);
  const transport = pretty ? prettyTransport() : undefined;
  const logger = transport
    ? pino({ ...options, transport })
    : pino(options, settings.destination ?? pino.destination({ dest: 2, sync: true }));
  const withError = (at: 'warn' | 'error') => (message: string, error?: unknown) => {
    if (error === undefined || error === '') logger[at](message);
    else logger[at]({ err: error }, message);
  };
  return {
    debug: (message, fields) => (fields ? logger.debug(fields, message) : logger.debug(message)),
    info: (message, fields) => (fields ? logger.info(fields, message) : logger.info(message)),
    warn: withError('warn'),
    error: withError('error'),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A logger whose lines are kept in memory (tests read them). */
export function memoryLogger(level: LogLevel = 'debug', secrets: (string | undefined)[] = []): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(line) };
  return { log: createLogger(level, { destination, secrets }), lines };
}
