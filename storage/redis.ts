import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';
import { SessionCodec } from './session-crypto.js';
import {
  RECENT_UPDATES,
  defaultStoreOptions,
  type FinishResult,
  type Holder,
  type InboxEntry,
  type ReceiveResult,
  type Session,
  type Store,
  type StoreOptions,
  type TakeResult,
  type Taken,
} from './types.js';

/**
 * Redis key layout (every key the bot writes; `{prefix}` is `bimuz:` unless configured, and `<s>`
 * stands for the chat's session key with its prefix, `bimuz:session:<chatId>`):
 *
 * | key                          | type   | fields / value                                     | TTL                 |
 * |------------------------------|--------|----------------------------------------------------|---------------------|
 * | `{prefix}session:<userId>`   | string | Session JSON (tokens, employee, checkedAt)         | sessionTtlSeconds,  |
 * |                              |        |                                                    | renewed on refresh  |
 * | `{prefix}chat:{<s>}`         | string | the chat's state: one header line (the lock's      | snapshotTtlSeconds, |
 * |                              |        | token and deadline, the update in hand, how many   | renewed on every    |
 * |                              |        | wait behind it, the last 16 update ids), then the  | write               |
 * |                              |        | update in hand and the persisted snapshot JSON     |                     |
 * | `{prefix}queue:{<s>}`        | list   | updates received while the chat's lock was held    | snapshotTtlSeconds  |
 * |                              |        | (`<update id> <update>`), oldest first             |                     |
 * | `{prefix}login:{<userId>}`   | zset   | times of the person's failed logins in the last    | the window (15 min) |
 * |                              |        | 15 minutes                                         |                     |
 * | `{prefix}due:{d<n>}`         | zset   | chat ids with recent updates, scored by when a     | none (entries are   |
 * |                              |        | dead process's work there would be due; n < 8      | removed when done)  |
 *
 * The chat's header line is `<token> <deadline> <attempts> <id> <length> <queued> <has snapshot>
 * <recent ids…>`: the lock's token (`-` when free) and the epoch ms at which it lapses unless
 * renewed; the update in hand (its update id, `-` for none, how many times it was taken before,
 * and its length in bytes); how many updates wait in the queue; 1 when a snapshot follows the
 * update in hand. An update is thus stored, and the chat locked, by one write of one key, and a
 * chat's updates are ever in one of two places: in hand (in the chat's state) or queued.
 *
 * The braces are Redis Cluster hash tags: a private chat's id equals its person's user id, and the
 * chat's state and queue are tagged with the person's whole session key, so the three keys share
 * the session key's hash slot and every script touches that slot only. (The session keeps the plain
 * `session:<userId>` it has always had.) The `due` sets are written by separate commands (sent
 * together with the script, so no extra round trip; at most once per half lock lifetime per chat
 * and process) and are spread over eight slots by chat id; nothing sends commands for several slots
 * in one pipeline, so the same code runs on one Redis and on a Redis Cluster. It needs Redis 6.2 or
 * later (`SET … GET`, `ZADD GT`).
 *
 * With a session key (`SESSION_KEY`) the tokens in the session, the snapshot and the updates
 * waiting are encrypted (storage/session-crypto.ts).
 *
 * A process remembers the chat's state it wrote last and the sessions it read or wrote lately:
 * the chat's next update is then taken in without reading the chat and the session first (the
 * script checks the chat by what its write replaces; ADR 6, "A chat this process wrote last").
 */

/**
 * Reading and writing the chat's state, and handing over its next update. KEYS: chat, session,
 * queue. The update in hand stays there until it is finished: a holder that died leaves it, and
 * the next holder takes it again with one more attempt.
 */
const STATE = `
local function load(raw)
  local c = {token = '-', deadline = '0', attempts = 0, id = '-', queued = 0, recent = '', payload = '', snapshot = false}
  if not raw then return c end
  local newline = string.find(raw, '\\n', 1, true)
  local attempts, length, queued, has
  c.token, c.deadline, attempts, c.id, length, queued, has, c.recent =
    string.match(string.sub(raw, 1, newline - 1), '^(%S+) (%d+) (%d+) (%S+) (%d+) (%d+) ([01]) ?(.*)$')
  c.attempts, c.queued, length = tonumber(attempts), tonumber(queued), tonumber(length)
  c.payload = string.sub(raw, newline + 1, newline + length)
  if has == '1' then c.snapshot = string.sub(raw, newline + length + 1) end
  return c
end

local function header(c)
  return table.concat({c.token, c.deadline, c.attempts, c.id, #c.payload, c.queued, c.snapshot and 1 or 0, c.recent}, ' ')
end

local function render(c)
  return header(c) .. '\\n' .. c.payload .. (c.snapshot or '')
end

local function save(c, ttl)
  redis.call('SET', KEYS[1], render(c), 'EX', ttl)
end

local function held(c, now)
  return c.token ~= '-' and tonumber(c.deadline) >= tonumber(now)
end

local function enqueue(c, id, payload, ttl)
  redis.call('RPUSH', KEYS[3], id .. ' ' .. payload)
  redis.call('EXPIRE', KEYS[3], ttl)
  c.queued = c.queued + 1
end

-- the update a holder that died left in hand (one attempt more), else the first queued one
local function next_update(c)
  if c.id ~= '-' then
    c.attempts = c.attempts + 1
    return true
  end
  if c.queued == 0 then return false end
  local entry = redis.call('LPOP', KEYS[3])
  if not entry then
    c.queued = 0
    return false
  end
  local space = string.find(entry, ' ', 1, true)
  c.id, c.payload, c.attempts, c.queued = string.sub(entry, 1, space - 1), string.sub(entry, space + 1), 0, c.queued - 1
  return true
end

local function taken(c, session)
  return {'taken', c.id, c.payload, c.attempts, c.snapshot, session, header(c)}
end
`;

// ARGV: update id, payload, token, now, deadline, recent, ttl seconds, and the chat's state as
// this process last wrote it ('' when it does not know it)
const RECEIVE = `${STATE}
-- notes the update's id among the chat's recent ones; false when it is there already
local function remember(c, id, keep)
  if string.find(' ' .. c.recent .. ' ', ' ' .. id .. ' ', 1, true) then return false end
  local ids = {}
  for recent in string.gmatch(c.recent, '%S+') do ids[#ids + 1] = recent end
  ids[#ids + 1] = id
  c.recent = table.concat(ids, ' ', math.max(1, #ids - keep + 1), #ids)
  return true
end

if ARGV[8] ~= '' then
  -- the chat idle as this process left it: take the update without reading the chat first, and
  -- make sure by what the write replaced that nobody has written the chat since
  local c = load(ARGV[8])
  if not held(c, ARGV[4]) and c.id == '-' and c.queued == 0 and remember(c, ARGV[1], tonumber(ARGV[6])) then
    c.id, c.payload, c.attempts, c.token, c.deadline = ARGV[1], ARGV[2], 0, ARGV[3], ARGV[5]
    local replaced = redis.call('SET', KEYS[1], render(c), 'EX', ARGV[7], 'GET')
    if replaced == ARGV[8] then
      return {'known', header(c)}
    end
    -- somebody has: put back what was there, and go the usual way
    if replaced then redis.call('SET', KEYS[1], replaced, 'EX', ARGV[7]) else redis.call('DEL', KEYS[1]) end
  end
end

local values = redis.call('MGET', KEYS[1], KEYS[2])
local c = load(values[1])
if not remember(c, ARGV[1], tonumber(ARGV[6])) then
  return {'duplicate'}
end
if held(c, ARGV[4]) or c.id ~= '-' or c.queued > 0 then
  enqueue(c, ARGV[1], ARGV[2], ARGV[7])
  if held(c, ARGV[4]) then
    save(c, ARGV[7])
    return {'queued'}
  end
  next_update(c)
else
  c.id, c.payload, c.attempts = ARGV[1], ARGV[2], 0
end
c.token, c.deadline = ARGV[3], ARGV[5]
save(c, ARGV[7])
return taken(c, values[2])
`;

// ARGV: token, now, deadline, ttl seconds
const TAKE_CHAT = `${STATE}
local values = redis.call('MGET', KEYS[1], KEYS[2])
local c = load(values[1])
if c.id == '-' and c.queued == 0 then
  return {'empty'}
end
if held(c, ARGV[2]) then
  return {'locked', c.deadline}
end
next_update(c)
c.token, c.deadline = ARGV[1], ARGV[3]
save(c, ARGV[4])
return taken(c, values[2])
`;

// ARGV: token, snapshot mode (set, del, keep), snapshot, deadline, ttl seconds, the header written
// when the update was taken
const FINISH = `${STATE}
local expected = ARGV[6] .. '\\n'
local raw
if ARGV[2] ~= 'keep' and string.match(expected, '^%S+ %d+ %d+ %S+ %d+ 0 ') then
  -- the common case, nothing queued when the update was taken: write the released chat at once,
  -- and undo the write below if the chat changed since (a renewal, an update queued, a new holder)
  local released = load(expected)
  released.token, released.deadline, released.attempts, released.id, released.payload = '-', '0', 0, '-', ''
  released.snapshot = ARGV[2] == 'set' and ARGV[3]
  raw = redis.call('SET', KEYS[1], render(released), 'EX', ARGV[5], 'GET')
  if raw and string.sub(raw, 1, #expected) == expected then
    return {'done', header(released)}
  end
  if raw then redis.call('SET', KEYS[1], raw, 'EX', ARGV[5]) else redis.call('DEL', KEYS[1]) end
else
  raw = redis.call('GET', KEYS[1])
end
local c = load(raw)
if c.token ~= ARGV[1] then
  return {'lost'}
end
if ARGV[2] == 'set' then
  c.snapshot = ARGV[3]
elseif ARGV[2] == 'del' then
  c.snapshot = false
end
c.id, c.payload, c.attempts = '-', '', 0
if next_update(c) then
  c.deadline = ARGV[4]
  save(c, ARGV[5])
  return taken(c, redis.call('GET', KEYS[2]))
end
c.token, c.deadline = '-', '0'
save(c, ARGV[5])
return {'done', header(c)}
`;

// ARGV: token, deadline, ttl seconds
const RENEW = `${STATE}
local c = load(redis.call('GET', KEYS[1]))
if c.token ~= ARGV[1] then return 0 end
c.deadline = ARGV[2]
save(c, ARGV[3])
return 1
`;

// ARGV: ttl seconds
const FORGET_SNAPSHOT = `${STATE}
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local c = load(raw)
c.snapshot = false
save(c, ARGV[1])
return 1
`;

// KEYS: due set; ARGV: chat id, now: forgets the chat unless an update arrived since it fell due
const FORGET = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= tonumber(ARGV[2]) then
  return redis.call('ZREM', KEYS[1], ARGV[1])
end
return 0
`;

// KEYS: failures; ARGV: window ms, now, a unique member
const LOGIN_FAILED = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[1]))
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`;

const DUE_SETS = 8;
/** How many chats' notes a process remembers (forgetting them only costs a note more). */
const MAX_NOTED = 10_000;
/**
 * How long a session this process read or wrote is used without reading it again. Every write of
 * a session by the bot happens in an update of its chat, under the chat's lock, so a change by
 * another replica shows as a change of the chat's state; only the session's time to live running
 * out, or a hand deleting the key, goes unseen until then.
 */
const SESSION_TRUST_MS = 60_000;
/** How many chats' states and sessions a process remembers (forgetting one costs a read more). */
const MAX_KNOWN = 500;

type Reply = (string | number | null)[];

interface ScriptedRedis extends Redis {
  bimuzReceive(chat: string, session: string, queue: string, updateId: number, payload: string, token: string, now: number, deadline: number, recent: number, ttl: number, known: string): Promise<Reply>;
  bimuzTake(chat: string, session: string, queue: string, token: string, now: number, deadline: number, ttl: number): Promise<Reply>;
  bimuzFinish(chat: string, session: string, queue: string, token: string, mode: string, snapshot: string, deadline: number, ttl: number, version: string): Promise<Reply>;
  bimuzRenew(chat: string, session: string, queue: string, token: string, deadline: number, ttl: number): Promise<number>;
  bimuzForgetSnapshot(chat: string, session: string, queue: string, ttl: number): Promise<number>;
  bimuzForget(due: string, chatId: number, now: number): Promise<number>;
  bimuzLoginFailed(key: string, windowMs: number, now: number, member: string): Promise<number>;
}

/**
 * The chat's keys, in the order the chat's scripts take them, without the prefix (the client adds
 * it). The person's session is `session:<userId>`; the chat's other keys carry that whole key,
 * prefix included, as their Redis Cluster hash tag, so all three share its slot (a private chat's
 * id is its person's user id).
 */
export function chatKeys(prefix: string, chatId: number): [chat: string, session: string, queue: string] {
  const session = `session:${chatId}`;
  const tag = `{${prefix}${session}}`;
  return [`chat:${tag}`, session, `queue:${tag}`];
}

/** The parts of a chat's state (the value of its `chat:{…}` key, read as bytes). */
export function parseChatState(state: Buffer): { header: string[]; update: string; snapshot: string | null } {
  const newline = state.indexOf(10);
  const header = state.subarray(0, newline).toString().split(' ');
  const end = newline + 1 + Number(header[4]);
  return { header, update: state.subarray(newline + 1, end).toString(), snapshot: header[6] === '1' ? state.subarray(end).toString() : null };
}

/** The chat's state with another snapshot (tests that change what a chat saved). */
export function replaceSnapshot(state: Buffer, snapshot: string): Buffer {
  const { header, update } = parseChatState(state);
  header[6] = '1';
  return Buffer.from(`${header.join(' ')}\n${update}${snapshot}`);
}

/** Sets a chat's entry as the newest of a bounded map (the oldest goes beyond MAX_KNOWN). */
function remember<T>(map: Map<number, T>, chatId: number, value: T): void {
  map.delete(chatId);
  map.set(chatId, value);
  if (map.size > MAX_KNOWN) map.delete(map.keys().next().value as number);
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
  private readonly prefix: string;
  /**
   * The score this process last gave each chat's due note. A note is never lowered (`GT`) and is
   * removed only once its score has passed, so until then the chat needs no new note.
   */
  private readonly noted = new Map<number, number>();
  private corked = false;
  /**
   * Each chat's state as this process last wrote it, released (the stored value, and the
   * snapshot in it as the runtime gave it): its next update can then be taken in without the
   * chat being read first (see RECEIVE), one command less.
   */
  private readonly states = new Map<number, { header: string; sealed: string; snapshot: string }>();
  /** The sessions this process last read or wrote, and when (see SESSION_TRUST_MS). */
  private readonly sessions = new Map<number, { session: Session | null; at: number }>();

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
    this.prefix = keyPrefix;
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
    this.redis.defineCommand('bimuzReceive', { numberOfKeys: 3, lua: RECEIVE });
    this.redis.defineCommand('bimuzTake', { numberOfKeys: 3, lua: TAKE_CHAT });
    this.redis.defineCommand('bimuzFinish', { numberOfKeys: 3, lua: FINISH });
    this.redis.defineCommand('bimuzRenew', { numberOfKeys: 3, lua: RENEW });
    this.redis.defineCommand('bimuzForgetSnapshot', { numberOfKeys: 3, lua: FORGET_SNAPSHOT });
    this.redis.defineCommand('bimuzForget', { numberOfKeys: 1, lua: FORGET });
    this.redis.defineCommand('bimuzLoginFailed', { numberOfKeys: 1, lua: LOGIN_FAILED });
  }

  private keys(chatId: number) {
    return chatKeys(this.prefix, chatId);
  }

  /**
   * Lets the commands sent until the current burst of callbacks ends leave in one write to the
   * socket instead of one write each: with many chats at once, a reply from Redis wakes several
   * chats, and each sends its next command. (One Redis only: a cluster client has a socket a node.)
   */
  private batchWrites(): void {
    if (this.corked || this.redis instanceof Cluster) return;
    const stream = this.redis.stream;
    if (!stream || stream.destroyed) return;
    this.corked = true;
    stream.cork();
    process.nextTick(() => {
      this.corked = false;
      stream.uncork();
    });
  }

  private toTaken(chatId: number, reply: Reply): Taken {
    const [, id, payload, attempts, snapshot, session, version] = reply;
    return {
      status: 'taken',
      entry: { id: String(id), payload: this.codec.openText(chatId, String(payload)), attempts: Number(attempts), version: String(version) },
      snapshot: typeof snapshot === 'string' ? this.openSnapshot(chatId, snapshot) : null,
      session: this.knowSession(chatId, this.codec.decode(chatId, typeof session === 'string' ? session : null)),
    };
  }

  private knowSession(userId: number, session: Session | null): Session | null {
    remember(this.sessions, userId, { session, at: Date.now() });
    return session;
  }

  async receive(chatId: number, updateId: number, payload: string, holder: Holder): Promise<ReceiveResult> {
    const { lockTtlMs, snapshotTtlSeconds } = this.options;
    const now = Date.now();
    this.batchWrites();
    // the chat as this process left it, and the person's session read or written lately: the
    // script need not read them (it checks the chat by what its write replaces)
    const known = this.states.get(chatId);
    this.states.delete(chatId);
    const session = this.sessions.get(chatId);
    const trusted = known && session && now - session.at < SESSION_TRUST_MS ? { snapshot: known.snapshot, session: session.session } : null;
    // the stored value: the header line, then the snapshot (render in STATE)
    const state = trusted ? `${known!.header}\n${known!.sealed}` : '';
    const script = this.redis.bimuzReceive(...this.keys(chatId), updateId, this.codec.sealText(chatId, payload), holder.token, now, now + lockTtlMs, RECENT_UPDATES, snapshotTtlSeconds, state);
    // the note that lets another process find the chat should this one die before finishing it:
    // sent together with the script (no extra round trip), unless this process's note is recent
    const noted = this.noted.get(chatId);
    let reply: Reply;
    if (noted !== undefined && now < noted - lockTtlMs / 2) reply = await script;
    else {
      [reply] = await Promise.all([script, this.redis.zadd(dueKey(chatId), 'GT', now + lockTtlMs, chatId)]);
      if (this.noted.size >= MAX_NOTED) this.noted.clear();
      this.noted.set(chatId, now + lockTtlMs);
    }
    if (reply[0] === 'duplicate' || reply[0] === 'queued') return { status: reply[0] };
    if (reply[0] === 'known' && trusted) {
      return { status: 'taken', entry: { id: String(updateId), payload, attempts: 0, version: String(reply[1]) }, snapshot: trusted.snapshot, session: trusted.session };
    }
    return this.toTaken(chatId, reply);
  }

  async take(chatId: number, holder: Holder): Promise<TakeResult> {
    const now = Date.now();
    this.states.delete(chatId);
    const reply = await this.redis.bimuzTake(...this.keys(chatId), holder.token, now, now + this.options.lockTtlMs, this.options.snapshotTtlSeconds);
    if (reply[0] === 'locked') return { status: 'locked', until: Number(reply[1]) };
    if (reply[0] === 'empty') return { status: 'empty' };
    return this.toTaken(chatId, reply);
  }

  async finish(chatId: number, holder: Holder, entry: InboxEntry, snapshot: string | null | undefined): Promise<FinishResult> {
    const mode = snapshot === undefined ? 'keep' : snapshot === null ? 'del' : 'set';
    this.batchWrites();
    const sealed = snapshot ? this.codec.sealText(chatId, snapshot) : '';
    const reply = await this.redis.bimuzFinish(
      ...this.keys(chatId), holder.token, mode, sealed, Date.now() + this.options.lockTtlMs, this.options.snapshotTtlSeconds, entry.version ?? '',
    );
    if (reply[0] === 'done') {
      // the chat released with this snapshot (the sealed one is the snapshot itself without a key)
      if (snapshot) remember(this.states, chatId, { header: String(reply[1]), sealed, snapshot });
      return { status: 'done' };
    }
    if (reply[0] === 'lost') return { status: 'lost' };
    return this.toTaken(chatId, reply);
  }

  async renew(chatId: number, token: string): Promise<boolean> {
    return (await this.redis.bimuzRenew(...this.keys(chatId), token, Date.now() + this.options.lockTtlMs, this.options.snapshotTtlSeconds)) === 1;
  }

  async due(limit: number): Promise<number[]> {
    const now = Date.now();
    // one command per set, sent together (each set is in a slot of its own on a cluster)
    const replies = await Promise.all(Array.from({ length: DUE_SETS }, (_, n) => this.redis.zrangebyscore(`due:{d${n}}`, '-inf', now, 'LIMIT', 0, limit)));
    return replies.flat().map(Number).slice(0, limit);
  }

  /** Updates in hand or queued in the chats noted in the due sets (at most 1000 chats are looked at). */
  async pending(): Promise<number> {
    const noted = await Promise.all(Array.from({ length: DUE_SETS }, (_, n) => this.redis.zrange(`due:{d${n}}`, '0', '124')));
    // the header line alone: at most 16 ids of 12 digits and a token
    const headers = await Promise.all(noted.flat().map((id) => this.redis.getrange(this.keys(Number(id))[0], 0, 400).catch(() => '')));
    return headers.reduce((sum, state) => {
      const header = state.slice(0, state.indexOf('\n')).split(' ');
      return state ? sum + (header[3] === '-' ? 0 : 1) + Number(header[5]) : sum;
    }, 0);
  }

  async loginBlockedUntil(userId: number, max: number, windowMs: number, now: number): Promise<number | null> {
    // failures within the window; older ones are dropped when the next failure is noted
    const since = `(${now - windowMs}`;
    const count = await this.redis.zcount(loginKey(userId), since, '+inf');
    if (count < max) return null;
    const [, oldest] = await this.redis.zrangebyscore(loginKey(userId), since, '+inf', 'WITHSCORES', 'LIMIT', count - max, 1);
    return Number(oldest) + windowMs;
  }

  async recordLoginFailure(userId: number, windowMs: number, now: number): Promise<void> {
    await this.redis.bimuzLoginFailed(loginKey(userId), windowMs, now, `${now}:${Math.random().toString(36).slice(2)}`);
  }

  async resetLoginFailures(userId: number): Promise<void> {
    await this.redis.del(loginKey(userId));
  }

  async reschedule(chatId: number, at: number | null): Promise<void> {
    if (at === null) await this.redis.bimuzForget(dueKey(chatId), chatId, Date.now());
    else await this.redis.zadd(dueKey(chatId), 'GT', at, chatId);
  }

  async readSnapshot(chatId: number): Promise<string | null> {
    const state = await this.redis.getBuffer(this.keys(chatId)[0]);
    const snapshot = state ? parseChatState(state).snapshot : null;
    return snapshot === null ? null : this.openSnapshot(chatId, snapshot);
  }

  /** A snapshot sealed under another key (one replaced since) is lost: the chat starts afresh. */
  private openSnapshot(chatId: number, stored: string): string | null {
    try {
      return this.codec.openText(chatId, stored);
    } catch {
      return null;
    }
  }

  async forgetSnapshot(chatId: number): Promise<void> {
    this.states.delete(chatId);
    await this.redis.bimuzForgetSnapshot(...this.keys(chatId), this.options.snapshotTtlSeconds);
  }

  async getSession(userId: number): Promise<Session | null> {
    return this.knowSession(userId, this.codec.decode(userId, await this.redis.get(this.keys(userId)[1])));
  }

  async setSession(userId: number, session: Session): Promise<void> {
    this.sessions.delete(userId);
    await this.redis.set(this.keys(userId)[1], this.codec.encode(userId, session), 'EX', this.options.sessionTtlSeconds);
    this.knowSession(userId, session);
  }

  async deleteSession(userId: number): Promise<void> {
    this.sessions.delete(userId);
    await this.redis.del(this.keys(userId)[1]);
    this.knowSession(userId, null);
  }

  async ping(): Promise<boolean> {
    return (await this.redis.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
