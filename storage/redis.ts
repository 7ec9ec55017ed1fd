import { Redis } from 'ioredis';
import {
  RECENT_UPDATES,
  defaultStoreOptions,
  type BeginResult,
  type Session,
  type Store,
  type StoreOptions,
} from './types.js';

/**
 * Redis key layout (every key the bot writes):
 *
 * | key                        | type   | fields / value                                  | TTL                  |
 * |----------------------------|--------|--------------------------------------------------|----------------------|
 * | `{prefix}chat:{chatId}`    | hash   | `s`: persisted snapshot JSON; `u`: the last 16   | snapshotTtlSeconds,  |
 * |                            |        | processed update ids, space separated            | renewed on commit    |
 * | `{prefix}lock:{chatId}`    | string | random token of the process holding the lock     | lockTtlMs            |
 * | `{prefix}session:{userId}` | string | Session JSON (tokens, employee, checkedAt)       | sessionTtlSeconds,   |
 * |                            |        |                                                  | renewed on refresh   |
 *
 * A private chat's id equals its person's user id, so one chat and one session go together.
 */
const BEGIN = `
local recent = redis.call('HGET', KEYS[1], 'u')
if recent and string.find(' ' .. recent .. ' ', ' ' .. ARGV[1] .. ' ', 1, true) then
  return {'duplicate'}
end
if not redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then
  return {'locked'}
end
return {'ok', redis.call('HGET', KEYS[1], 's'), redis.call('GET', KEYS[3])}
`;

const COMMIT = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return 0
end
local recent = redis.call('HGET', KEYS[1], 'u') or ''
local ids = {}
for id in string.gmatch(recent, '%S+') do ids[#ids + 1] = id end
ids[#ids + 1] = ARGV[3]
local first = math.max(1, #ids - tonumber(ARGV[5]) + 1)
local kept = table.concat(ids, ' ', first, #ids)
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 's')
  redis.call('HSET', KEYS[1], 'u', kept)
else
  redis.call('HSET', KEYS[1], 's', ARGV[2], 'u', kept)
end
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('DEL', KEYS[2])
return 1
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

interface ScriptedRedis extends Redis {
  bimuzBegin(chat: string, lock: string, session: string, updateId: number, token: string, ttlMs: number): Promise<unknown[]>;
  bimuzCommit(chat: string, lock: string, token: string, snapshot: string, updateId: number, ttl: number, recent: number): Promise<number>;
  bimuzRelease(lock: string, token: string): Promise<number>;
}

export class RedisStore implements Store {
  private readonly redis: ScriptedRedis;
  private readonly options: StoreOptions;

  constructor(url: string, options: Partial<StoreOptions> & { prefix?: string } = {}) {
    this.options = { ...defaultStoreOptions, ...options };
    this.redis = new Redis(url, { keyPrefix: options.prefix ?? 'bimuz:', lazyConnect: false, maxRetriesPerRequest: 2 }) as ScriptedRedis;
    this.redis.defineCommand('bimuzBegin', { numberOfKeys: 3, lua: BEGIN });
    this.redis.defineCommand('bimuzCommit', { numberOfKeys: 2, lua: COMMIT });
    this.redis.defineCommand('bimuzRelease', { numberOfKeys: 1, lua: RELEASE });
  }

  async begin(chatId: number, userId: number, updateId: number, lockToken: string): Promise<BeginResult> {
    const reply = await this.redis.bimuzBegin(
      `chat:${chatId}`, `lock:${chatId}`, `session:${userId}`, updateId, lockToken, this.options.lockTtlMs,
    );
    const [status, snapshot, session] = reply as [string, string | null, string | null];
    if (status === 'duplicate' || status === 'locked') return { status };
    return { status: 'ok', snapshot: snapshot ?? null, session: session ? (JSON.parse(session) as Session) : null };
  }

  async commit(chatId: number, updateId: number, lockToken: string, snapshot: string | null): Promise<boolean> {
    const written = await this.redis.bimuzCommit(
      `chat:${chatId}`, `lock:${chatId}`, lockToken, snapshot ?? '', updateId, this.options.snapshotTtlSeconds, RECENT_UPDATES,
    );
    return written === 1;
  }

  async release(chatId: number, lockToken: string): Promise<void> {
    await this.redis.bimuzRelease(`lock:${chatId}`, lockToken);
  }

  async getSession(userId: number): Promise<Session | null> {
    const raw = await this.redis.get(`session:${userId}`);
    return raw ? (JSON.parse(raw) as Session) : null;
  }

  async setSession(userId: number, session: Session): Promise<void> {
    await this.redis.set(`session:${userId}`, JSON.stringify(session), 'EX', this.options.sessionTtlSeconds);
  }

  async deleteSession(userId: number): Promise<void> {
    await this.redis.del(`session:${userId}`);
  }

  async ping(): Promise<boolean> {
    return (await this.redis.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
