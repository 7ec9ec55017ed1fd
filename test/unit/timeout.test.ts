import { describe, expect, it } from 'vitest';
import { SharedTimeout, withSharedTimeout } from '../../adapters/timeout.js';

describe('a timeout shared by the requests of one window', () => {
  it('gives the requests of one window one signal, and the next window another', () => {
    let now = 1_000;
    const timeout = new SharedTimeout(30_000, 1000, () => now);
    const first = timeout.current();
    now += 999;
    expect(timeout.current()).toBe(first);
    now += 1;
    const second = timeout.current();
    expect(second).not.toBe(first);
    expect(first.aborted).toBe(false);
  });

  it('cuts a request off between the timeout and the timeout plus the window after it started', async () => {
    const timeout = new SharedTimeout(40, 20);
    const signal = timeout.current();
    const started = performance.now();
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(40 - 1);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });

  it('leaves a request that brings its own signal (the long poll) alone, and gives one to every other', async () => {
    const seen: (AbortSignal | null | undefined)[] = [];
    const fetchImpl = withSharedTimeout((async (_input: unknown, init?: RequestInit) => {
      seen.push(init?.signal);
      return new Response('{}');
    }) as typeof fetch, 30_000);
    const own = new AbortController().signal;
    await fetchImpl('http://telegram.test/getUpdates', { method: 'POST', signal: own });
    await fetchImpl('http://telegram.test/sendMessage', { method: 'POST', body: 'x' });
    await fetchImpl('http://telegram.test/sendMessage');
    expect(seen[0]).toBe(own);
    expect(seen[1]).toBeInstanceOf(AbortSignal);
    expect(seen[2]).toBe(seen[1]);
  });
});
