import type { TestProject } from 'vitest/node';
import { startRedis, type RunningRedis } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let redis: RunningRedis | null = null;

/** One real Redis for the whole run: REDIS_URL when set, else a private redis-server. */
export default async function setup(project: TestProject) {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return;
  }
  redis = await startRedis();
  project.provide('redisUrl', redis.url);
  return async () => {
    await redis?.stop();
  };
}
