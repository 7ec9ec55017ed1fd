import { createFetch, FetchError, type $Fetch } from 'ofetch';
import * as v from 'valibot';
import type { Session, SessionStore } from '../storage/types.js';
import { BackendError, failureTexts, readErrorBody } from './errors.js';
import * as s from './schemas.js';

export interface ApiOptions {
  /** e.g. http://api:8000 — the client appends /api/v1/… */
  baseUrl: string;
  timeoutMs: number;
  sessions: SessionStore;
  /** injectable for tests and benchmarks */
  fetch?: typeof fetch;
  /** reports failures for the operator's log; never given passwords, tokens or bodies */
  log?: (message: string) => void;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface RequestSpec<T extends v.GenericSchema> {
  method: Method;
  path: string;
  schema: T;
  query?: Record<string, string | number | undefined>;
  body?: Record<string, unknown>;
  /** false for login and refresh */
  auth?: boolean;
}

/**
 * The BIMUZ backend client. `as(userId, session)` gives a client acting for one person; on a 401
 * it refreshes that person's tokens once (parallel requests share one refresh), stores the
 * rotated pair, and when the refresh fails deletes the session and fails with kind 'session'.
 */
export class BimuzApi {
  private readonly http: $Fetch;
  private readonly refreshing = new Map<number, Promise<Session>>();

  constructor(private readonly options: ApiOptions) {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    this.http = createFetch({ fetch: fetchImpl, Headers: globalThis.Headers, AbortController: globalThis.AbortController }).create({
      baseURL: `${options.baseUrl.replace(/\/+$/, '')}/api/v1`,
      timeout: options.timeoutMs,
      // ofetch retries only GET and HEAD by default; creating twice must never happen
      retry: 1,
      retryDelay: 300,
      retryStatusCodes: [408, 425, 429, 502, 503, 504],
    });
  }

  as(userId: number, session: Session | null): UserApi {
    return new UserApi(this, userId, session);
  }

  get sessions(): SessionStore {
    return this.options.sessions;
  }

  async send<T extends v.GenericSchema>(spec: RequestSpec<T>, access?: string): Promise<v.InferOutput<T>> {
    let data: unknown;
    try {
      data = await this.http(spec.path, {
        method: spec.method,
        query: spec.query,
        body: spec.body,
        headers: access ? { Authorization: `Bearer ${access}` } : undefined,
      });
    } catch (error) {
      throw this.toBackendError(error, spec);
    }
    const parsed = v.safeParse(spec.schema, data);
    if (!parsed.success) {
      this.options.log?.(`${spec.method} ${spec.path}: unexpected response shape at ${v.getDotPath(parsed.issues[0]) ?? '(root)'}`);
      throw new BackendError('server', failureTexts.server, undefined, 'schema');
    }
    return parsed.output;
  }

  private toBackendError(error: unknown, spec: RequestSpec<v.GenericSchema>): BackendError {
    const where = `${spec.method} ${spec.path}`;
    if (!(error instanceof FetchError) || !error.response) {
      this.options.log?.(`${where}: no answer (${error instanceof Error ? error.name : 'error'})`);
      return new BackendError('network', failureTexts.network);
    }
    const status = error.response.status;
    const body = typeof error.data === 'object' ? error.data : undefined;
    const { message, fields } = readErrorBody(body);
    this.options.log?.(`${where}: HTTP ${status}`);
    if (status === 400) return new BackendError('validation', message ?? failureTexts.validation, fields);
    if (status === 401) return new BackendError('session', failureTexts.session, undefined, 'unauthorized');
    if (status === 403) return new BackendError('forbidden', message ?? failureTexts.forbidden);
    if (status === 404) return new BackendError('notFound', body ? (message ?? failureTexts.notFound) : failureTexts.notFound);
    if (status === 502 || status === 503 || status === 504) return new BackendError('network', failureTexts.network);
    return new BackendError('server', failureTexts.server);
  }

  /** One refresh per person at a time; a second caller waits for the first one's result. */
  refresh(userId: number, failedAccess: string): Promise<Session> {
    const running = this.refreshing.get(userId);
    if (running) return running;
    const refresh = this.doRefresh(userId, failedAccess).finally(() => this.refreshing.delete(userId));
    this.refreshing.set(userId, refresh);
    return refresh;
  }

  private async doRefresh(userId: number, failedAccess: string): Promise<Session> {
    const stored = await this.sessions.getSession(userId);
    if (!stored) throw new BackendError('session', failureTexts.session);
    // another process may have refreshed already: its pair is the one to use
    if (stored.access !== failedAccess) return stored;
    try {
      const pair = await this.send({ method: 'POST', path: '/auth/token/refresh/', schema: s.refreshResponse, body: { refresh: stored.refresh }, auth: false });
      const renewed: Session = { ...stored, access: pair.access, refresh: pair.refresh ?? stored.refresh };
      await this.sessions.setSession(userId, renewed);
      return renewed;
    } catch (error) {
      if (error instanceof BackendError && (error.kind === 'session' || error.kind === 'validation')) {
        await this.sessions.deleteSession(userId);
        throw new BackendError('session', failureTexts.session);
      }
      throw error;
    }
  }
}

/** Requests made for one person. Its session may change under it when tokens are refreshed. */
export class UserApi {
  constructor(
    private readonly api: BimuzApi,
    readonly userId: number,
    public session: Session | null,
  ) {}

  sessions(): SessionStore {
    return this.api.sessions;
  }

  async request<T extends v.GenericSchema>(spec: RequestSpec<T>): Promise<v.InferOutput<T>> {
    if (spec.auth === false) return this.api.send(spec);
    const session = this.session;
    if (!session) throw new BackendError('session', failureTexts.session);
    try {
      return await this.api.send(spec, session.access);
    } catch (error) {
      if (!(error instanceof BackendError) || error.kind !== 'session') throw error;
      this.session = await this.api.refresh(this.userId, session.access).catch((refreshError: unknown) => {
        if (refreshError instanceof BackendError && refreshError.kind === 'session') this.session = null;
        throw refreshError;
      });
      try {
        return await this.api.send(spec, this.session.access);
      } catch (retryError) {
        // fresh tokens refused too: the account was deactivated or deleted
        if (retryError instanceof BackendError && retryError.kind === 'session') {
          this.session = null;
          await this.api.sessions.deleteSession(this.userId);
        }
        throw retryError;
      }
    }
  }
}
