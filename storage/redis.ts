import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';
import { SessionCodec } from './session-crypto.js';
import {
  RECENT_UPDATES,
  defaultStoreOptions,
  type FinishResult,
  type Holder,
  type ReceiveResult,
  type Session,
  type Store,
  type StoreOptions,
  type TakeResult,
  type Taken,
} from './types.js';

/**
 * Redis key layout (every key the bot writes; `{prefix}` is `bimuz:` unless configured):
 *
 * | key                          | type   | fields / value                                     | TTL                 |
 * |------------------------------|--------|----------------------------------------------------|---------------------|
 * | `{prefix}chat:{<chatId>}`    | hash   | `s`: persisted snapshot JSON; `u`: the last 16      | snapshotTtlSeconds, |
 * |                              |        | update ids received, space separated               | renewed when idle   |
 * | `{prefix}inbox:{<chatId>}`   | stream | one entry per update received and not yet finished | snapshotTtlSeconds  |
 * |                              |        | (`p`: the update); consumer group `g`, one         |                     |
 * |                              |        | consumer per process                               |                     |
 * | `{prefix}lock:{<chatId>}`    | string | random token of the chain of updates holding it    | lockTtlMs, renewed  |
 * | `{prefix}session:{<userId>}` | string | Session JSON (tokens, employee, checkedAt)         | sessionTtlSeconds,  |
 * |                              |        |                                                    | renewed on refresh  |
 * | `{prefix}login:{<userId>}`   | zset   | times of the person's failed logins in the last    | the window (15 min) |
 * |                              |        | 15 minutes                                         |                     |
 * | `{prefix}due:{d<n>}`         | zset   | chat ids with recent updates, scored by when a     | none (entries are   |
 * |                              |        | dead process's work there would be due; n < 8      | removed when done)  |
 *
 * The braces are Redis Cluster hash tags: a private chat's id equals its person's user id, so a
 * chat's five keys share one hash slot and every script touches that slot only. The `due` sets
 * are written by separate commands (sent together with the script, so no extra round trip) and
 * are spread over eight slots by chat id; nothing sends commands for several slots in one
 * pipeline, so the same code runs on one Redis and on a Redis Cluster.
 *
 * With a session key the tokens in `session:{…}` are encrypted (storage/session-crypto.ts).
 */

/** Takes the first entry of the inbox: one left by a holder that died (claimed), else a new one. */
const TAKE = `
local function take(inbox, consumer, claim)
  if claim then
    local claimed = redis.call('XAUTOCLAIM', inbox, 'g', consumer, 0, '0-0', 'COUNT', 1)[2]
    if #claimed > 0 then
      local id = claimed[1][1]
      local pending = redis.call('XPENDING', inbox, 'g', id, id, 1)
      return id, claimed[1][2][2], pending[1][4] - 1
    end
  end
  local read = redis.call('XREADGROUP', 'GROUP', 'g', consumer, 'COUNT', 1, 'STREAMS', inbox, '>')
  if not read then return nil end
  local entry = read[1][2][1]
  return entry[1], entry[2][2], 0
end
`;

// KEYS: chat, lock, session, inbox; ARGV: update id, payload, token, lock ttl ms, consumer, recent
const RECEIVE = `${TAKE}
local state = redis.call('HMGET', KEYS[1], 'u', 's')
local recent = state[1] or ''
if string.find(' ' .. recent .. ' ', ' ' .. ARGV[1] .. ' ', 1, true) then
  return {'duplicate'}
end
local ids = {}
for id in string.gmatch(recent, '%S+') do ids[#ids + 1] = id end
ids[#ids + 1] = ARGV[1]
redis.call('HSET', KEYS[1], 'u', table.concat(ids, ' ', math.max(1, #ids - tonumber(ARGV[6]) + 1), #ids))
if not redis.call('XADD', KEYS[4], 'NOMKSTREAM', '*', 'p', ARGV[2]) then
  redis.call('XGROUP', 'CREATE', KEYS[4], 'g', '0', 'MKSTREAM')
  redis.call('XADD', KEYS[4], '*', 'p', ARGV[2])
end
if not redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then
  return {'queued'}
end
local id, payload, attempts = take(KEYS[4], ARGV[5], true)
return {'taken', id, payload, attempts, state[2], redis.call('GET', KEYS[3])}
`;

// KEYS: chat, lock, session, inbox; ARGV: token, lock ttl ms, consumer
const TAKE_CHAT = `${TAKE}
if redis.call('EXISTS', KEYS[4]) == 0 then
  return {'empty'}
end
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {'locked'}
end
local id, payload, attempts = take(KEYS[4], ARGV[3], true)
if not id then
  redis.call('DEL', KEYS[2])
  return {'empty'}
end
return {'taken', id, payload, attempts, redis.call('HGET', KEYS[1], 's'), redis.call('GET', KEYS[3])}
`;

// KEYS: chat, lock, session, inbox; ARGV: token, entry id, snapshot mode (set, del, keep),
// snapshot, ttl seconds, consumer, lock ttl ms
const FINISH = `${TAKE}
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return {'lost'}
end
local snapshot
if ARGV[3] == 'set' then
  redis.call('HSET', KEYS[1], 's', ARGV[4])
  snapshot = ARGV[4]
elseif ARGV[3] == 'del' then
  redis.call('HDEL', KEYS[1], 's')
  snapshot = false
end
redis.call('XACK', KEYS[4], 'g', ARGV[2])
redis.call('XDEL', KEYS[4], ARGV[2])
-- the lock was ours throughout: nothing of another holder's is pending
local id, payload, attempts = take(KEYS[4], ARGV[6], false)
if id then
  redis.call('PEXPIRE', KEYS[2], ARGV[7])
  if snapshot == nil then snapshot = redis.call('HGET', KEYS[1], 's') end
  return {'taken', id, payload, attempts, snapshot, redis.call('GET', KEYS[3])}
end
redis.call('DEL', KEYS[2])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[4], ARGV[5])
return {'done'}
`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

// KEYS: due set; ARGV: chat id, now: forgets the chat unless an update arrived since it fell due
const FORGET = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= tonumber(ARGV[2]) then
  return redis.call('ZREM', KEYS[1], ARGV[1])
end
return 0
`;

// KEYS: failures; ARGV: max, window ms, now: the time the person may try again, or false
const LOGIN_BLOCKED = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[2]))
local count = redis.call('ZCARD', KEYS[1])
local max = tonumber(ARGV[1])
if count < max then return false end
local oldest = redis.call('ZRANGE', KEYS[1], count - max, count - max, 'WITHSCORES')
return tostring(tonumber(oldest[2]) + tonumber(ARGV[2]))
`;

// KEYS: failures; ARGV: window ms, now, a unique member
const LOGIN_FAILED = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[1]))
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`;

const DUE_SETS = 8;

type Reply = (string | number | null)[];

interface ScriptedRedis extends Redis {
  bimuzReceive(chat: string, lock: string, session: string, inbox: string, updateId: number, payload: string, token: string, ttlMs: number, consumer: string, recent: number): Promise<Reply>;
  bimuzTake(chat: string, lock: string, session: string, inbox: string, token: string, ttlMs: number, consumer: string): Promise<Reply>;
  bimuzFinish(chat: string, lock: string, session: string, inbox: string, token: string, entryId: string, mode: string, snapshot: string, ttl: number, consumer: string, ttlMs: number): Promise<Reply>;
  bimuzRenew(lock: string, token: string, ttlMs: number): Promise<number>;
  bimuzForget(due: string, chatId: number, now: number): Promise<number>;
  bimuzLoginBlocked(key: string, max: number, windowMs: number, now: number): Promise<string | null>;
  bimuzLoginFailed(key: string, windowMs: number, now: number, member: string): Promise<number>;
}

function chatKeys(chatId: number): [string, string, string, string] {
  const tag = `{${chatId}}`;
  return [`chat:${tag}`, `lock:${tag}`, `session:${tag}`, `inbox:${tag}`];
}

function dueKey(chatId: number): string {
  return `due:{d${Math.abs(chatId) % DUE_SETS}}`;
}

function loginKey(userId: number): string {
  return `login:{${userId}}`;
}

export interface RedisStoreOptions extends Partial<StoreOptions> {
  prefix?: string;
  /** called on connection errors (ioredis reconnects by itself) */
  onError?: (error: Error) => void;
  /** 32 bytes: the tokens of sessions are stored encrypted with it */
  sessionKey?: Buffer;
}

/** The nodes, credentials and TLS of a `redis-cluster://[user:password@]host:port[,host:port…]` URL; null for another URL. */
export function parseClusterUrl(url: string): { nodes: ClusterNode[]; username?: string; password?: string; tls: boolean } | null {
  const match = /^(rediss?)-cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)/.exec(url);
  if (!match) return null;
  const [, scheme, username, password, hosts] = match;
  const nodes = hosts!.split(',').map((node) => {
    const at = node.lastIndexOf(':');
    return { host: node.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(node.slice(at + 1)) };
  });
  return {
    nodes,
    username: username ? decodeURIComponent(username) : undefined,
    password: password ? decodeURIComponent(password) : undefined,
    tls: scheme === 'rediss',
  };
}

export class RedisStore implements Store {
  private readonly redis: ScriptedRedis;
  private readonly options: StoreOptions;
  private readonly codec: SessionCodec;

  constructor(url: string, options: RedisStoreOptions = {}) {
    this.options = { ...defaultStoreOptions, ...options };
    this.codec = new SessionCodec(options.sessionKey);
    const connection: RedisOptions = {
      // while Redis is away a command fails fast, so the person hears so at once; the connection
      // keeps coming back by itself (ioredis's retry strategy)
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    };
    const keyPrefix = options.prefix ?? 'bimuz:';
    const cluster = parseClusterUrl(url);
    this.redis = (
      cluster
        ? new Cluster(cluster.nodes, {
            keyPrefix,
            redisOptions: { ...connection, username: cluster.username, password: cluster.password, tls: cluster.tls ? {} : undefined },
          })
        : new Redis(url, { ...connection, keyPrefix })
    ) as unknown as ScriptedRedis;
    // issue 14: without a listener an unreachable Redis is an unhandled 'error' event
    this.redis.on('error', options.onError ?? (() => {}));
    this.redis.defineCommand('bimuzReceive', { numberOfKeys: 4, lua: RECEIVE });
    this.redis.defineCommand('bimuzTake', { numberOfKeys: 4, lua: TAKE_CHAT });
    this.redis.defineCommand('bimuzFinish', { numberOfKeys: 4, lua: FINISH });
    this.redis.defineCommand('bimuzRenew', { numberOfKeys: 1, lua: RENEW });
    this.redis.defineCommand('bimuzForget', { numberOfKeys: 1, lua: FORGET });
    this.redis.defineCommand('bimuzLoginBlocked', { numberOfKeys: 1, lua: LOGIN_BLOCKED });
    this.redis.defineCommand('bimuzLoginFailed', { numberOfKeys: 1, lua: LOGIN_FAILED });
  }

  private toTaken(chatId: number, reply: Reply): Taken {
    const [, id, payload, attempts, snapshot, session] = reply;
    return {
      status: 'taken',
      entry: { id: String(id), payload: String(payload), attempts: Number(attempts) },
      snapshot: typeof snapshot === 'string' ? snapshot : null,
      session: this.codec.decode(chatId, typeof session === 'string' ? session : null),
    };
  }

  async receive(chatId: number, updateId: number, payload: string, holder: Holder): Promise<ReceiveResult> {
    const { lockTtlMs } = this.options;
    // two commands sent together: the chat's script, and the note that lets another process
    // find the chat should this one die before finishing it
    const [reply] = await Promise.all([
      this.redis.bimuzReceive(...chatKeys(chatId), updateId, payload, holder.token, lockTtlMs, holder.consumer, RECENT_UPDATES),
      this.redis.zadd(dueKey(chatId), Date.now() + lockTtlMs, chatId),
    ]);
    if (reply[0] === 'duplicate' || reply[0] === 'queued') return { status: reply[0] };
    return this.toTaken(chatId, reply);
  }

  async take(chatId: number, holder: Holder): Promise<TakeResult> {
    const reply = await this.redis.bimuzTake(...chatKeys(chatId), holder.token, this.options.lockTtlMs, holder.consumer);
    if (reply[0] === 'locked' || reply[0] === 'empty') return { status: reply[0] };
    return this.toTaken(chatId, reply);
  }

  async finish(chatId: number, holder: Holder, entryId: string, snapshot: string | null | undefined): Promise<FinishResult> {
    const mode = snapshot === undefined ? 'keep' : snapshot === null ? 'del' : 'set';
    const reply = await this.redis.bimuzFinish(
      ...chatKeys(chatId), holder.token, entryId, mode, snapshot ?? '', this.options.snapshotTtlSeconds, holder.consumer, this.options.lockTtlMs,
    );
    if (reply[0] === 'lost' || reply[0] === 'done') return { status: reply[0] };
    return this.toTaken(chatId, reply);
  }

  async renew(chatId: number, token: string): Promise<boolean> {
    return (await this.redis.bimuzRenew(chatKeys(chatId)[1], token, this.options.lockTtlMs)) === 1;
  }

  async due(limit: number): Promise<number[]> {
    const now = Date.now();
    // one command per set, sent together (each set is in a slot of its own on a cluster)
    const replies = await Promise.all(Array.from({ length: DUE_SETS }, (_, n) => this.redis.zrangebyscore(`due:{d${n}}`, '-inf', now, 'LIMIT', 0, limit)));
    return replies.flat().map(Number).slice(0, limit);
  }

  /** Entries in the inboxes of the chats noted in the due sets (at most 1000 chats are looked at). */
  async pending(): Promise<number> {
    const noted = await Promise.all(Array.from({ length: DUE_SETS }, (_, n) => this.redis.zrange(`due:{d${n}}`, '0', '124')));
    const lengths = await Promise.all(noted.flat().map((id) => this.redis.xlen(chatKeys(Number(id))[3])));
    return lengths.reduce((sum, length) => sum + length, 0);
  }

  async loginBlockedUntil(userId: number, max: number, windowMs: number, now: number): Promise<number | null> {
    const until = await this.redis.bimuzLoginBlocked(loginKey(userId), max, windowMs, now);
    return until === null ? null : Number(until);
  }

  async recordLoginFailure(userId: number, windowMs: number, now: number): Promise<void> {
    await this.redis.bimuzLoginFailed(loginKey(userId), windowMs, now, `${now}:${Math.random().toString(36).slice(2)}`);
  }

  async resetLoginFailures(userId: number): Promise<void> {
    await this.redis.del(loginKey(userId));
  }

  async reschedule(chatId: number, empty: boolean): Promise<void> {
    if (empty) await this.redis.bimuzForget(dueKey(chatId), chatId, Date.now());
    else await this.redis.zadd(dueKey(chatId), Date.now() + this.options.lockTtlMs, chatId);
  }

  async readSnapshot(chatId: number): Promise<string | null> {
    return this.redis.hget(chatKeys(chatId)[0], 's');
  }

  async forgetSnapshot(chatId: number): Promise<void> {
    await this.redis.hdel(chatKeys(chatId)[0], 's');
  }

  async getSession(userId: number): Promise<Session | null> {
    return this.codec.decode(userId, await this.redis.get(chatKeys(userId)[2]));
  }

  async setSession(userId: number, session: Session): Promise<void> {
    await this.redis.set(chatKeys(userId)[2], this.codec.encode(userId, session), 'EX', this.options.sessionTtlSeconds);
  }

  async deleteSession(userId: number): Promise<void> {
    await this.redis.del(chatKeys(userId)[2]);
  }

  async ping(): Promise<boolean> {
    return (await this.redis.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
