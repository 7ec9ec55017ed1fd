import { fork, type ChildProcess } from 'node:child_process';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { toResponse } from '../../test/harness/backend/response.js';
import type { Update } from '../../test/harness/telegram-emulator.js';

export const BENCH_TOKEN = '123456789:BENCH-token_for-the-emulator-only';

/** A request or a response as it crosses to the fakes and back. */
export interface WireRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: string | null;
}
export interface WireResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string | null;
}

type Operation =
  | ({ op: 'fetch'; target: 'telegram' | 'backend' } & WireRequest)
  | { op: 'send'; chatId: number; text: string }
  | { op: 'press'; chatId: number; label: string | RegExp }
  | { op: 'password'; email: string }
  | { op: 'forget'; chatIds: number[] }
  | { op: 'exit' };
export type FakesRequest = { id: number } & Operation;
export type FakesReply = { id: number; value?: unknown; error?: string };

/** Request bodies the bot's libraries send (a JSON string, URL-encoded form) cross as they are. */
async function toWire(input: string | URL | Request, init: RequestInit = {}): Promise<WireRequest> {
  if (input instanceof Request || (init.body != null && typeof init.body !== 'string' && !(init.body instanceof URLSearchParams))) {
    const request = new Request(input, init);
    return { url: request.url, method: request.method, headers: [...request.headers], body: request.body ? await request.text() : null };
  }
  const headers = new Headers(init.headers);
  if (init.body instanceof URLSearchParams && !headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
  return { url: String(input), method: init.method ?? 'GET', headers: [...headers], body: init.body == null ? null : String(init.body) };
}

/**
 * The bench's Bot API and backend, answering from a worker thread (its own core, its own heap)
 * or from a child process (nothing of theirs in the bot's memory): `fakes.ts` on the other side.
 */
export class RemoteFakes {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly post: (request: FakesRequest) => void;
  private readonly end: () => Promise<unknown>;
  private worker: Worker | null = null;

  constructor(where: 'thread' | 'process') {
    const compiled = import.meta.url.endsWith('.js');
    const path = new URL(compiled ? './fakes.js' : './fakes.ts', import.meta.url);
    const execArgv = compiled ? [] : ['--import', 'tsx'];
    const onReply = (reply: FakesReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.value);
    };
    // fakes that die must fail the run, not leave it waiting for answers that never come
    const onExit = (code: number | null) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`the fakes stopped (exit code ${code})`));
      this.waiting.clear();
    };
    if (where === 'thread') {
      // a worker thread does not take --import: run from TypeScript, it registers tsx itself
      const worker = compiled
        ? new Worker(path)
        : new Worker(`import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(path.href)}))`, { eval: true });
      this.worker = worker;
      worker.on('message', onReply).on('error', (error) => console.error('fakes:', error)).on('exit', onExit);
      this.post = (request) => worker.postMessage(request);
      this.end = () => new Promise((resolve) => worker.once('exit', resolve).postMessage({ id: 0, op: 'exit' }));
    } else {
      const child: ChildProcess = fork(path, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.on('message', onReply).on('exit', onExit);
      this.post = (request) => child.send(request);
      this.end = () => new Promise((resolve) => child.once('exit', resolve).send({ id: 0, op: 'exit' }));
    }
  }

  private call<T>(request: Operation): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ ...request, id });
    });
  }

  /** A fetch function answered by the emulator or the simulator. */
  fetchOf(target: 'telegram' | 'backend'): typeof fetch {
    return async (input, init) => {
      if (init?.signal?.aborted) throw init.signal.reason;
      const wire = await toWire(input, init);
      const { headers, ...answer } = await this.call<WireResponse>({ op: 'fetch', target, ...wire });
      return toResponse({ ...answer, headers: Object.fromEntries(headers) }, wire.url, wire.method);
    };
  }

  sendText(chatId: number, text: string): Promise<Update> {
    return this.call({ op: 'send', chatId, text });
  }

  /** Presses the newest button whose label matches. */
  press(chatId: number, label: string | RegExp): Promise<Update> {
    return this.call({ op: 'press', chatId, label });
  }

  passwordOf(email: string): Promise<string> {
    return this.call({ op: 'password', email });
  }

  /** Drops what the fakes remember of finished chats. */
  forget(chatIds: number[]): Promise<void> {
    return this.call({ op: 'forget', chatIds });
  }

  /** The worker thread's event-loop utilisation since `since` (thread mode only). */
  utilization(since?: EventLoopUtilization): EventLoopUtilization | null {
    return this.worker ? this.worker.performance.eventLoopUtilization(since) : null;
  }

  async close(): Promise<void> {
    await this.end();
  }
}
