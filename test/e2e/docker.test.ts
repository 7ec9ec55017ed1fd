import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { freePort } from '../harness/redis-server.js';
import { TelegramEmulator } from '../harness/telegram-emulator.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = '123456789:DOCKER-token_for-the-emulator-only';

/** One Dockerfile instruction, its arguments joined (continuation lines folded). */
interface Instruction {
  op: string;
  args: string;
}

function parseDockerfile(text: string): Instruction[] {
  const folded = text.replace(/\\\n/g, ' ');
  return folded
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

/** .dockerignore as Docker reads it: the last matching pattern wins; `!` re-includes. */
function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return { negated, regex: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(path)) ignored = !rule.negated;
    return ignored;
  };
}

/** Copies `from` (a file or directory of the build context) to `to`, leaving out what .dockerignore excludes. */
function copyFromContext(ignored: (path: string) => boolean, from: string, to: string): number {
  const rel = relative(root, from);
  if (!existsSync(from) || ignored(rel)) throw new Error(`COPY ${rel}: not in the build context (.dockerignore or missing)`);
  if (statSync(from).isFile()) {
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
    return 1;
  }
  let count = 0;
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (ignored(relative(root, path))) continue;
    count += copyFromContext(ignored, path, join(to, name));
  }
  return count;
}

interface Image {
  /** the final stage's file system root (its WORKDIR is inside) */
  rootDir: string;
  workdir: string;
  env: Record<string, string>;
  user?: string;
  cmd: string[];
  healthcheck: string[];
  exposed: string[];
}

/**
 * Runs the Dockerfile's steps without a Docker engine: each stage is a directory standing for its
 * file system root; COPY takes from the build context (filtered by .dockerignore) or from an
 * earlier stage; RUN runs in the stage's WORKDIR with its ENV. The base image's Node is this one.
 */
function build(workspace: string): Image {
  const ignored = dockerignore(readFileSync(join(root, '.dockerignore'), 'utf8'));
  const stages = new Map<string, string>();
  let image: Image | null = null;
  let index = 0;
  for (const { op, args } of parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'))) {
    if (op === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${index}`;
      const rootDir = join(workspace, name);
      mkdirSync(rootDir, { recursive: true });
      stages.set(name, rootDir);
      index += 1;
      image = { rootDir, workdir: '/', env: {}, cmd: [], healthcheck: [], exposed: [] };
      continue;
    }
    if (!image) throw new Error(`${op} before FROM`);
    const at = (path: string) => join(image!.rootDir, path.startsWith('/') ? path : join(image!.workdir, path));
    switch (op) {
      case 'WORKDIR':
        image.workdir = args;
        mkdirSync(at(args), { recursive: true });
        break;
      case 'ENV': {
        const [name, ...value] = args.split('=');
        image.env[name!] = value.join('=');
        break;
      }
      case 'COPY': {
        const parts = args.split(/\s+/);
        const from = parts[0]!.startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
        const dest = parts.pop()!;
        for (const source of parts) {
          const target = dest.endsWith('/') ? join(at(dest), source.split('/').pop()!) : at(dest);
          if (from) {
            const stageRoot = stages.get(from);
            if (!stageRoot) throw new Error(`COPY --from=${from}: no such stage`);
            const path = join(stageRoot, source);
            if (!existsSync(path)) throw new Error(`COPY --from=${from} ${source}: not there`);
            cpSync(path, target, { recursive: true });
          } else {
            copyFromContext(ignored, join(root, source), target);
          }
        }
        break;
      }
      case 'RUN': {
        const result = spawnSync('sh', ['-c', args], {
          cwd: at('.'),
          env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', ...image.env },
          encoding: 'utf8',
          timeout: 300_000,
        });
        if (result.status !== 0) throw new Error(`RUN ${args} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
        break;
      }
      case 'USER':
        image.user = args;
        break;
      case 'EXPOSE':
        image.exposed.push(...args.split(/\s+/));
        break;
      case 'CMD':
        image.cmd = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK':
        image.healthcheck = JSON.parse(/\bCMD\s+(\[.*\])$/.exec(args)?.[1] ?? '[]') as string[];
        break;
      default:
        throw new Error(`the test does not know ${op}`);
    }
  }
  if (!image) throw new Error('no FROM');
  return image;
}

/**
 * No Docker engine here: the image's own steps are run in a temporary directory (its two
 * `npm ci`, the compile, the copies between stages), then its CMD is started with the
 * environment the compose file would give and its HEALTHCHECK is run against it.
 */
describe('the Docker image, built and started without Docker', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'bimuz-image-'));
  const telegram = new TelegramEmulator({ token: TOKEN });
  const backend = new BackendSimulator();
  let image: Image;
  let bot: ChildProcess | undefined;
  let stderr = '';
  beforeAll(() => {
    image = build(workspace);
  }, 600_000);
  afterAll(async () => {
    if (bot && bot.exitCode === null) {
      const exited = new Promise((resolve) => bot!.once('exit', resolve));
      bot.kill('SIGKILL');
      await exited;
    }
    await telegram.close();
    await backend.close();
    rmSync(workspace, { recursive: true, force: true });
  }, 120_000);

  it('holds the compiled bot and production dependencies only, and runs as a non-root user', () => {
    const app = join(image.rootDir, image.workdir);
    expect(image.user).toBe('node');
    expect(existsSync(join(app, 'dist/adapters/main.js'))).toBe(true);
    expect(existsSync(join(app, 'dist/adapters/healthcheck.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/pino'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/ioredis'))).toBe(true);
    for (const dev of ['typescript', 'vitest', 'tsx', 'mermaid', 'playwright-core']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    for (const absent of ['dist/scripts', 'dist/test', 'adapters', 'test', 'docs', '.env']) expect(existsSync(join(app, absent)), absent).toBe(false);
    expect(image.env.NODE_ENV).toBe('production');
  });

  it('starts with its CMD, passes its HEALTHCHECK, answers a person, and stops on SIGTERM with 0', async () => {
    const app = join(image.rootDir, image.workdir);
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      ...image.env,
      BOT_TOKEN: TOKEN,
      BOT_MODE: 'polling',
      TELEGRAM_API_ROOT: await telegram.listen(),
      API_BASE_URL: await backend.listen(),
      REDIS_URL: inject('redisUrl'),
      SESSION_KEY: 'ef'.repeat(32),
      HTTP_PORT: String(port),
      LOG_LEVEL: 'info',
    };
    const healthcheck = () => spawnSync(image.healthcheck[0]!, image.healthcheck.slice(1), { cwd: app, env, timeout: 10_000 }).status;
    expect(healthcheck()).toBe(1); // nothing is running yet

    bot = spawn(image.cmd[0]!, image.cmd.slice(1), { cwd: app, env, stdio: ['ignore', 'ignore', 'pipe'] });
    bot.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bot!.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (healthcheck() !== 0) {
      if (Date.now() > deadline || bot.exitCode !== null) throw new Error(`the health check never passed:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const chatId = 300_000 + Math.floor(Math.random() * 1_000_000);
    await telegram.sendText(chatId, '/start');
    await telegram.waitFor(chatId, (messages) => messages.some((m) => m.from === 'bot' && (m.plain ?? '').includes('email')), 15_000);

    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    // JSON lines on stderr, the token in none of them
    const lines = stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(stderr).not.toContain(TOKEN);
  }, 60_000);
});
