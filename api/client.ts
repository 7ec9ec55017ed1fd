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
  /** each request's outcome (status: the HTTP status, or network) and duration, for metrics */
  observe?: (call: { method: Method; path: string; status: string; seconds: number }) => void;
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

/** The pause before a GET is tried again, and the least time worth giving a second attempt. */
const GET_RETRY_DELAY_MS = 300;
const MIN_ATTEMPT_MS = 1000;

function isTimeout(error: unknown): boolean {
  const cause = error instanceof Error ? ((error as { cause?: unknown }).cause ?? error) : error;
  return cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
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
    // issue 14: ofetch applies a numeric `retry` to every method and reuses the first attempt's
    // (already cleared) timeout signal; the client retries by itself instead, GETs only, each
    // attempt with its own timeout inside one deadline of `timeoutMs` for the whole call
    this.http = createFetch({ fetch: fetchImpl, Headers: globalThis.Headers, AbortController: globalThis.AbortController }).create({
      baseURL: `${options.baseUrl.replace(/\/+$/, '')}/api/v1`,
      retry: false,
    });
  }

  as(userId: number, session: Session | null): UserApi {
    return new UserApi(this, userId, session);
  }

  get sessions(): SessionStore {
    return this.options.sessions;
  }

  /**
   * One request, answered or refused within `timeoutMs`. Only a GET is tried again (once, after a
   * refused connection or a proxy's 502/503/504, when time is left): a POST, PATCH or DELETE may
   * have taken effect on the backend even when its answer was lost, and is never sent twice.
   */
  async send<T extends v.GenericSchema>(spec: RequestSpec<T>, access?: string): Promise<v.InferOutput<T>> {
    const deadline = Date.now() + this.options.timeoutMs;
    let data: unknown;
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      const observe = (status: string) => this.options.observe?.({ method: spec.method, path: spec.path, status, seconds: (performance.now() - started) / 1000 });
      try {
        const response = await this.http.raw(spec.path, {
          method: spec.method,
          query: spec.query,
          body: spec.body,
          headers: access ? { Authorization: `Bearer ${access}` } : undefined,
          // a signal of our own, not ofetch's `timeout`, whose timer stops once the headers are in:
          // a body that never ends must not hold the person's update either
          signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        });
        data = response._data;
        observe(String(response.status));
        break;
      } catch (error) {
        observe(error instanceof FetchError && error.response ? String(error.response.status) : 'network');
        const failure = this.toBackendError(error, spec);
        const retriable = spec.method === 'GET' && attempt === 1 && failure.kind === 'network' && failure.detail !== 'timeout';
        if (!retriable || deadline - Date.now() < GET_RETRY_DELAY_MS + MIN_ATTEMPT_MS) throw failure;
        await new Promise((resolve) => setTimeout(resolve, GET_RETRY_DELAY_MS));
      }
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
      const timedOut = isTimeout(error);
      this.options.log?.(`${where}: no answer (${timedOut ? 'timeout' : error instanceof Error ? error.name : 'error'})`);
      return new BackendError('network', failureTexts.network, undefined, timedOut ? 'timeout' : 'unreachable');
    }
    const status = error.response.status;
    const body = typeof error.data === 'object' ? error.data : undefined;
    const { message, fields } = readErrorBody(body);
    this.options.log?.(`${where}: HTTP ${status}`);
    if (status === 400) return new BackendError('validation', message ?? failureTexts.validation, fields);
    if (status === 401) return new BackendError('session', failureTexts.session, undefined, 'unauthorized');
    if (status === 403) return new BackendError('forbidden', message ?? failureTexts.forbidden);
    if (status === 404) return new BackendError('notFound', body ? (message ?? failureTexts.notFound) : failureTexts.notFound);
    if (status === 502 || status === 503 || status === 504) return new BackendError('network', failureTexts.network, undefined, `http ${status}`);
    return new BackendError('server', failureTexts.server);
  }

  /** Whether the backend answers at all (any HTTP answer below 500 within a few seconds): for /readyz. */
  async ping(timeoutMs = 3000): Promise<boolean> {
    try {
      const response = await this.http.raw('/', { method: 'GET', signal: AbortSignal.timeout(timeoutMs), ignoreResponseError: true, responseType: 'text' });
      return response.status < 500;
    } catch {
      return false;
    }
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
      // a 401 is decided before the backend acts, so sending a write again with fresh tokens is
      // its first effective sending, not a second one
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
