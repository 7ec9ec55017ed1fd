import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Update } from 'node-telegram-bot-api';
import { freePort } from './redis-server.js';

const entry = fileURLToPath(new URL('./bot-process.ts', import.meta.url));

export interface ReplicaSettings {
  token: string;
  redisUrl: string;
  redisPrefix: string;
  telegramRoot: string;
  backendUrl: string;
  lockTtlMs: number;
  /** how long a replica given SIGTERM may take to finish its updates (8 s unless set) */
  shutdownTimeoutMs?: number;
  /** the replicas' API_TIMEOUT_MS (3 s unless set) */
  apiTimeoutMs?: number;
}

interface Replica {
  child: ChildProcess;
  url: string;
  ready: Promise<void>;
  alive: boolean;
}

const SECRET = 'replica-set-webhook-secret-0123';

/**
 * Bot processes sharing one Redis, each serving its own webhook on loopback: the test plays
 * Telegram, posting each update to a replica of its choice and posting it again (to another
 * replica) until one answers 2xx, as Telegram redelivers an unacknowledged update.
 */
export class ReplicaSet {
  private readonly replicas: Replica[] = [];
  /** what the processes wrote to stderr (warnings and errors) */
  stderr = '';
  kills = 0;

  constructor(private readonly settings: ReplicaSettings) {}

  async start(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) this.replicas.push(await this.spawnReady());
  }

  /** Starts a replica and waits for it; a port taken meanwhile by another program means another try. */
  private async spawnReady(): Promise<Replica> {
    for (let attempt = 1; ; attempt += 1) {
      const replica = await this.spawn();
      try {
        await replica.ready;
        return replica;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  private async spawn(): Promise<Replica> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      env: { PATH: process.env.PATH, BOT_PROCESS: JSON.stringify({ ...this.settings, secret: SECRET, port }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    const replica: Replica = {
      child,
      url: `http://127.0.0.1:${port}/hook`,
      alive: true,
      ready: new Promise((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`replica exited (${code}) before it was ready:\n${this.stderr.slice(-2000)}`)));
      }),
    };
    replica.ready.catch(() => {});
    child.once('exit', () => (replica.alive = false));
    return replica;
  }

  get size(): number {
    return this.replicas.length;
  }

  /** Kills replica i at once (SIGKILL) and starts a new process in its place. */
  async crash(i: number): Promise<void> {
    const old = this.replicas[i]!;
    old.alive = false;
    const exited = new Promise((resolve) => old.child.once('exit', resolve));
    old.child.kill('SIGKILL');
    this.kills += 1;
    await exited;
    this.replicas[i] = await this.spawnReady();
  }

  /** Sends replica i SIGTERM (a deploy's stop) and resolves with its exit code; it is not replaced. */
  async terminate(i: number): Promise<number | null> {
    const replica = this.replicas[i]!;
    const exited = new Promise<number | null>((resolve) => replica.child.once('exit', (code) => resolve(code)));
    replica.child.kill('SIGTERM');
    return exited;
  }

  /** Posts the update to replica i once, as Telegram would: its HTTP status, or 0 when nobody answered. */
  async post(i: number, update: Update): Promise<number> {
    try {
      const response = await fetch(this.replicas[i]!.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }

  /** GET a path of replica i's HTTP server: status and JSON body, or status 0 when nobody answered. */
  async get(i: number, path: string): Promise<{ status: number; body?: unknown }> {
    try {
      const response = await fetch(new URL(path, this.replicas[i]!.url));
      return { status: response.status, body: await response.json() };
    } catch {
      return { status: 0 };
    }
  }

  /** Starts a new process in place of replica i (after `terminate`). */
  async replace(i: number): Promise<void> {
    this.replicas[i] = await this.spawnReady();
  }

  /**
   * Delivers the update as Telegram does: to the given replica first, then to others until one
   * acknowledges it. Returns how many posts it took.
   */
  async deliver(update: Update, first: number): Promise<number> {
    for (let attempt = 0; ; attempt += 1) {
      const replica = this.replicas[(first + attempt) % this.replicas.length]!;
      if (replica.alive) {
        try {
          const response = await fetch(replica.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
            body: JSON.stringify(update),
          });
          await response.arrayBuffer();
          if (response.ok) return attempt + 1;
        } catch {
          // the replica died under the request: Telegram tries again
        }
      }
      if (attempt > 200) throw new Error(`update ${update.update_id} was never acknowledged`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.replicas.map(
        (replica) =>
          new Promise<void>((resolve) => {
            if (replica.child.exitCode !== null || replica.child.signalCode !== null) return resolve();
            replica.child.once('exit', () => resolve());
            replica.child.kill('SIGTERM');
            setTimeout(() => replica.child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
  }
}
