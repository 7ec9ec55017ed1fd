import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

/**
 * The benchmark's engine-only phase still runs: a few chats through the whole workload with the
 * cheap fakes, every update handled without an error the bot logs (the phase stops on one). Its
 * figures are the benchmark's business, not this test's.
 */
describe('the engine-only phase of the benchmark', () => {
  it('runs three chats through the workload without an error', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench/engine.ts', inject('redisUrl'), `bench-test:${randomUUID()}:`, '3', '1000', '1'], {
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { updates: number; telegramCalls: number; backendCalls: number };
    // the workload is 17 updates a chat: login, the student wizard, paging
    expect(result.updates).toBe(3 * 17);
    expect(result.telegramCalls).toBeGreaterThanOrEqual(result.updates);
    expect(result.backendCalls).toBeGreaterThan(0);
  }, 90_000);
});
