import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** With a `dir`: writes the data to it (SHUTDOWN SAVE) and stops, as a restarted Redis with persistence does. */
  shutdownSaving(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a private redis-server on a free loopback port (or `port`), with no persistence; with
 * `dir`, it loads and saves its data there (a restart keeps the data).
 */
export async function startRedis(options: { port?: number; dir?: string } = {}): Promise<RunningRedis> {
  const port = options.port ?? (await freePort());
  const persistence = options.dir ? ['--dir', options.dir, '--dbfilename', 'dump.rdb'] : [];
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', ...persistence],
    { stdio: 'ignore' },
  );
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`redis-server could not start (is it installed?): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`)));
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {}); // refused connections are expected while it starts
    try {
      await Promise.race([probe.connect().then(() => probe.ping()), exited]);
      probe.disconnect();
      break;
    } catch (error) {
      probe.disconnect();
      if (Date.now() > deadline || !(error instanceof Error) || error.message.startsWith('redis-server')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const stopped = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    url,
    port,
    stop: () => {
      const done = stopped();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return done;
    },
    shutdownSaving: async () => {
      const done = stopped();
      const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => {}); // the connection ends with the server
      await client.call('SHUTDOWN', 'SAVE').catch(() => {});
      client.disconnect();
      await done;
    },
  };
}
