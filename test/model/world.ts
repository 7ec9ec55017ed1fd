/**
 * The backend as the model sees it. A model step must be synchronous (the graph library steps
 * machines with a plain function), yet backend answers should be the real ones: a seed student's
 * real fields, the backend's real refusal of a duplicate phone, a real 403 for a demoted role.
 * So the model looks answers up in a cache, and between traversals every missing answer is
 * produced by the bot's own backend implementations (adapters/backend.ts and api/) against a
 * fresh in-process backend simulator, brought to the same state as the path: the seed data, then
 * every change made so far on the path, then the conditions of this step (backend down, tokens
 * expired). A new backend call therefore needs nothing here.
 */
import { backendImplementations } from '../../adapters/backend.js';
import type { UpdateScope } from '../../adapters/provide.js';
import { BimuzApi } from '../../api/client.js';
import { BackendError } from '../../api/errors.js';
import { asFailure, type BackendCallName, type Failure } from '../../machines/backend.js';
import { MemoryStore } from '../../storage/memory.js';
import { BackendSimulator, type PaymentLinkMode, type Role, type WriteFault } from '../harness/backend-simulator.js';

/** Something that happened to the backend's data before a step, in order. */
export type WorldChange =
  /** a call that changed data: the bot's own, earlier on the path, or (in a step's `change`) another employee's */
  | { kind: 'call'; call: BackendCallName; input: unknown; email: string }
  /** another employee deleted a record meanwhile */
  | { kind: 'remove'; table: 'students' | 'groups' | 'employees'; id: number }
  /** an administrator changed the person's role meanwhile */
  | { kind: 'role'; email: string; role: Role }
  /** the backend's Multicard setup changed: as intended (links work), or without credentials */
  | { kind: 'paymentLinks'; mode: PaymentLinkMode }
  /** the backend's defects fixed: it behaves as its authors intended (a change of group that needs an invoice succeeds) */
  | { kind: 'intended' };

/** Conditions that hold during one step only. */
export interface Conditions {
  /** every request answers 502 from the proxy, as when the backend is stopped */
  down?: boolean;
  /** access and refresh tokens have expired: the session is over */
  expired?: boolean;
  /**
   * the step's reads answer, then its write does not: the backend fails it (502), or someone else
   * deleted the record it names just before it arrived (the backend's own 404)
   */
  writeFails?: WriteFault;
  /** Redis fails the bot's own storage commands (the session's deletion at the logout) */
  storageDown?: boolean;
}

export interface CallRequest {
  call: BackendCallName;
  input: unknown;
  /** whose session makes the call (null for the login itself) */
  email: string | null;
  world: readonly WorldChange[];
  conditions: Conditions;
}

export type Outcome =
  | { ok: true; output: unknown; changedData: boolean }
  /** `unexpected`: the implementation threw something other than a BackendError (a bug) */
  | { ok: false; failure: Failure; unexpected?: string };

const BASE_URL = 'http://backend.model';

/** What the model's store throws when a step's condition says Redis is down. */
class StorageDown extends Error {
  constructor() {
    super('Connection is closed.');
    this.name = 'StorageDown';
  }
}

/**
 * The bot's own backend implementations, acting for any employee against a simulator: for the
 * model's answers, and for the replay's "someone else did this meanwhile".
 */
export class BackendClient {
  private readonly sessions = new MemoryStore();
  private readonly api: BimuzApi;
  private readonly userIds = new Map<string, number>();

  constructor(readonly simulator: BackendSimulator) {
    this.api = new BimuzApi({ baseUrl: BASE_URL, timeoutMs: 3000, sessions: this.sessions, fetch: simulator.fetch });
  }

  private userId(email: string): number {
    let id = this.userIds.get(email);
    if (id === undefined) {
      id = 10_000 + this.userIds.size;
      this.userIds.set(email, id);
    }
    return id;
  }

  private scope(api: UpdateScope['api']): UpdateScope {
    return { api, now: Date.now(), effects: [], pending: 0, sessionExpiredAt: null, forbidden: false, onCallStart() {}, onCallEnd() {} };
  }

  /** The person's client, logging in first when they have no session here yet. */
  async as(email: string): Promise<UpdateScope['api']> {
    const userId = this.userId(email);
    let session = await this.sessions.getSession(userId);
    if (!session) {
      await backendImplementations.login({ email, password: this.simulator.passwordOf(email) }, this.scope(this.api.as(userId, null)));
      session = await this.sessions.getSession(userId);
    }
    return this.api.as(userId, session);
  }

  async call(call: BackendCallName, input: unknown, email: string | null): Promise<unknown> {
    const api = email === null ? this.api.as(this.userId(`login:${JSON.stringify(input)}`), null) : await this.as(email);
    const implementation = backendImplementations[call] as (input: unknown, scope: UpdateScope) => Promise<unknown>;
    return implementation(input, this.scope(api));
  }

  /** From now on every storage command fails, as when Redis is unreachable. */
  storageDown(): void {
    const failing = () => Promise.reject(new StorageDown());
    Object.assign(this.sessions, { getSession: failing, setSession: failing, deleteSession: failing });
  }

  /** Applies a change made behind the person's back (or, in a sandbox, one made earlier on the path). */
  async apply(change: WorldChange): Promise<void> {
    const db = this.simulator.db;
    if (change.kind === 'remove') {
      const table = db[change.table] as { id: number }[];
      const index = table.findIndex((row) => row.id === change.id);
      if (index >= 0) table.splice(index, 1);
    } else if (change.kind === 'role') {
      const employee = db.employees.find((e) => e.email === change.email);
      if (employee) employee.role = change.role;
    } else if (change.kind === 'paymentLinks') {
      this.simulator.paymentLinks = change.mode;
    } else if (change.kind === 'intended') {
      this.simulator.intended = true;
    } else {
      await this.call(change.call, change.input, change.email);
    }
  }
}

function requestKey(request: CallRequest): string {
  return JSON.stringify([request.call, request.input ?? null, request.email, request.world, request.conditions]);
}

async function produce(request: CallRequest): Promise<Outcome> {
  // a fresh simulator brought to the path's state: seed data, then every change so far
  const sandbox = new BackendClient(new BackendSimulator());
  for (const change of request.world) await sandbox.apply(change);
  // log in before the conditions of the step: the person's session predates them
  if (request.email !== null) await sandbox.as(request.email);
  const simulator = sandbox.simulator;
  simulator.resetLog();
  if (request.conditions.expired) {
    simulator.expireAccessTokens();
    simulator.expireRefreshTokens();
  }
  simulator.down = request.conditions.down ?? false;
  simulator.nextWrite = request.conditions.writeFails ?? null;
  if (request.conditions.storageDown) sandbox.storageDown();
  try {
    const output = await sandbox.call(request.call, request.input, request.email);
    // writes under auth/ (logins, token refresh, students) count only for employees: registering, changing and deleting one
    const changedData = simulator.requests.some(
      (entry) => entry.method !== 'GET' && entry.status < 400 && (!entry.path.includes('/auth/') || /\/auth\/(employees\/\d+|register)\/$/.test(entry.path)),
    );
    return { ok: true, output: output === undefined ? null : structuredClone(output), changedData };
  } catch (error) {
    // what the runtime's backend actors make of it (adapters/provide.ts)
    if (error instanceof BackendError) return { ok: false, failure: error.toFailure() };
    // Redis failing is a condition of the step, not a defect of the call
    if (error instanceof StorageDown) return { ok: false, failure: asFailure(error) };
    return { ok: false, failure: asFailure(undefined), unexpected: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Backend answers by request, produced in batches between traversals. */
export class BackendWorld {
  private readonly answers = new Map<string, Outcome>();
  private readonly missing = new Map<string, CallRequest>();

  /** The answer, or undefined (and the request remembered) when it has not been produced yet. */
  lookup(request: CallRequest): Outcome | undefined {
    const key = requestKey(request);
    const answer = this.answers.get(key);
    if (!answer) this.missing.set(key, request);
    return answer;
  }

  get pending(): number {
    return this.missing.size;
  }

  /** Produces every answer asked for since the last call; returns how many. */
  async produceMissing(parallel = 64): Promise<number> {
    const batch = [...this.missing.entries()];
    this.missing.clear();
    for (let start = 0; start < batch.length; start += parallel) {
      await Promise.all(batch.slice(start, start + parallel).map(async ([key, request]) => this.answers.set(key, await produce(request))));
    }
    return batch.length;
  }

  /** A seeded simulator for reading seed data (passwords, emails) while generating events. */
  readonly seed = new BackendSimulator();
}
