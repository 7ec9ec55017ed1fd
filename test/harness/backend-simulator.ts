/**
 * An in-memory BIMUZ backend for tests, answering like the real Django/DRF service at commit
 * 6419cb4 does (status codes, body shapes, Uzbek texts, its 500s), as recorded in
 * ../shared/reference/bimuz-api/captures (beside the checkout). Use it in-process through `fetch`, or over HTTP
 * through `listen()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { STATUS_TEXT, toResponse } from './backend/response.js';
import { dispatch, parseBody } from './backend/router.js';
import { BULK_EMPLOYEE_PASSWORD, bulkStudent, seedDefault } from './backend/seed.js';
import { State, type PaymentLinkMode } from './backend/state.js';
import type { Db, Employee, Group, Invoice, RequestLogEntry, Role, SimResponse, Student } from './backend/types.js';
import { HTML_502, money } from './backend/http.js';

export type { Attendance, Db, Employee, Group, Invoice, InvoiceStatus, RequestLogEntry, Role, Student } from './backend/types.js';
export type { PaymentLinkMode } from './backend/state.js';

export interface BackendSimulatorOptions {
  /** default true: the accounts, students, groups, invoices and attendances of the capture session */
  seed?: boolean;
}

/**
 * What a broken backend or the network in front of it does to a request: a Django 500 page, a
 * proxy's HTML 502, no answer at all (until the client gives up), a refused connection, a JSON
 * content type with a body cut short, or a 200 whose body is not what the endpoint answers.
 */
export type Fault = 'http500' | 'html502' | 'timeout' | 'refused' | 'malformedJson' | 'unexpectedShape';
export const FAULTS: readonly Fault[] = ['http500', 'html502', 'timeout', 'refused', 'malformedJson', 'unexpectedShape'];

/**
 * How the next write (any request but GET and HEAD) goes wrong: a 502 from the proxy, or the
 * record its path names deleted by someone else just before it arrives (the backend then answers
 * its own 404).
 */
export type WriteFault = 'html502' | 'gone';

/** The records a path names: `/api/v1/auth/employees/5/` is employee 5. */
const RECORD_PATHS: [RegExp, 'students' | 'employees' | 'groups'][] = [
  [/\/auth\/students\/(\d+)\/$/, 'students'],
  [/\/auth\/employees\/(\d+)\/$/, 'employees'],
  [/\/education\/groups\/(\d+)\/$/, 'groups'],
];

export interface FaultRule {
  fault: Fault;
  method?: string;
  /** matched against the path (e.g. /^\/api\/v1\/auth\/students\/$/) */
  path?: RegExp;
  /** the request takes effect first and only its answer is lost (the worst case for a write) */
  afterEffect?: boolean;
  /** how many matching requests it hits (default 1) */
  times?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function delay(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal ? abortError(signal) : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function lastValues(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) out[key] = value;
  return out;
}

export class BackendSimulator {
  /** when true every request answers 502 text/html, like a proxy in front of a dead backend */
  down = false;
  /** what happens to the next write, once (null: nothing) */
  nextWrite: WriteFault | null = null;
  /** artificial delay before each request is handled */
  latencyMs = 0;
  requests: RequestLogEntry[] = [];
  /** faults still to be injected, first match first */
  faults: FaultRule[] = [];

  private readonly state = new State();
  private server: Server | null = null;

  constructor(options: BackendSimulatorOptions = {}) {
    if (options.seed ?? true) seedDefault(this.state);
  }

  get db(): Db {
    return this.state.db;
  }

  /**
   * false (default): as captured — create-payment and a change of group that needs a new invoice
   * answer 500, booking creates neither invoice nor contract. true: as the code intends.
   */
  get intended(): boolean {
    return this.state.intended;
  }
  set intended(value: boolean) {
    this.state.intended = value;
  }

  /**
   * How create-payment answers, whatever `intended` says: 'broken' as captured (HTML 500),
   * 'unconfigured' as 262 (no Multicard credentials), 'working' as 266–268. null (default):
   * 'working' when `intended`, 'broken' otherwise.
   */
  get paymentLinks(): PaymentLinkMode | null {
    return this.state.paymentLinks;
  }
  set paymentLinks(mode: PaymentLinkMode | null) {
    this.state.paymentLinks = mode;
  }


  // ------------------------------------------------------------------ transports

  /** In-process handler with fetch's signature; any host is accepted and used for absolute URLs. */
  readonly fetch: typeof fetch = async (input, init) => {
    let request = new Request(input, init);
    const mode = request.redirect;
    for (let hops = 0; ; hops += 1) {
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
      const url = new URL(request.url);
      const proto = request.headers.get('x-forwarded-proto') === 'https' ? 'https:' : url.protocol;
      const origin = `${proto}//${request.headers.get('host') ?? url.host}`;
      const sim = await this.handle(request.method, url, request.headers, body, origin, request.signal);
      const location = sim.headers.Location;
      if (!REDIRECT_STATUSES.has(sim.status) || location === undefined || mode === 'manual') {
        const response = toResponse(sim, request.url, request.method);
        if (hops > 0) Object.defineProperty(response, 'redirected', { value: true });
        return response;
      }
      if (mode === 'error' || hops >= 20) throw new TypeError('fetch failed', { cause: new Error('redirect') });
      // fetch turns a redirected POST into a GET without body for 301/302/303
      const toGet = sim.status === 303 ? request.method !== 'HEAD' : (sim.status === 301 || sim.status === 302) && request.method === 'POST';
      const headers = new Headers(request.headers);
      if (toGet) {
        headers.delete('content-type');
        headers.delete('content-length');
      }
      request = new Request(new URL(location, request.url), {
        method: toGet ? 'GET' : request.method,
        headers,
        body: toGet || body === null ? null : body,
        signal: request.signal,
        redirect: mode,
      });
    }
  };

  /** Serves over node:http on 127.0.0.1 with a free port; resolves the base URL (without /api/v1). */
  listen(): Promise<string> {
    if (this.server) return Promise.reject(new Error('already listening'));
    const server = createServer((req, res) => {
      void this.serve(req, res);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        if (address === null || typeof address === 'string') {
          reject(new Error('no TCP address'));
          return;
        }
        resolve(`http://127.0.0.1:${address.port}`);
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.serveOne(req, res);
    } catch {
      // a client that went away mid-request: nothing left to answer
      res.destroy();
    }
  }

  private async serveOne(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? new Uint8Array(Buffer.concat(chunks)) : null;
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const host = req.headers.host ?? '127.0.0.1';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    const method = req.method ?? 'GET';
    const sim = await this.handle(method, url, headers, body, `${proto}://${host}`, null);
    if (res.destroyed) return;
    const payload = sim.body === null || method === 'HEAD' ? '' : sim.body;
    const socket: Socket | null = res.socket;
    if (sim.status === 204 && payload !== '' && socket) {
      // Node never writes a body on 204; gunicorn 21.2 (the pinned version) does, and closes
      res.detachSocket(socket);
      const lines = Object.entries(sim.headers).map(([k, v]) => `${k}: ${v}`);
      lines.push(`Content-Length: ${Buffer.byteLength(payload)}`, 'Connection: close');
      socket.end(`HTTP/1.1 204 No Content\r\n${lines.join('\r\n')}\r\n\r\n${payload}`);
      return;
    }
    res.writeHead(sim.status, STATUS_TEXT[sim.status] ?? '', { ...sim.headers, 'Content-Length': String(Buffer.byteLength(payload)) });
    res.end(method === 'HEAD' ? undefined : payload);
  }

  private async handle(method: string, url: URL, headers: Headers, body: Uint8Array<ArrayBuffer> | null, origin: string, signal: AbortSignal | null): Promise<SimResponse> {
    await delay(this.latencyMs, signal);
    const entry: RequestLogEntry = { method, path: url.pathname, query: lastValues(url.search), status: 0 };
    if (this.down) {
      entry.status = 502;
      this.requests.push(entry);
      return { status: 502, headers: { 'Content-Type': 'text/html' }, body: HTML_502 };
    }
    if (this.nextWrite !== null && method !== 'GET' && method !== 'HEAD') {
      const fault = this.nextWrite;
      this.nextWrite = null;
      if (fault === 'html502') {
        entry.status = 502;
        this.requests.push(entry);
        return { status: 502, headers: { 'Content-Type': 'text/html' }, body: HTML_502 };
      }
      for (const [pattern, table] of RECORD_PATHS) {
        const id = pattern.exec(url.pathname)?.[1];
        const rows = this.db[table] as { id: number }[];
        const index = id === undefined ? -1 : rows.findIndex((row) => row.id === Number(id));
        if (index >= 0) rows.splice(index, 1);
      }
    }
    const rule = this.takeFault(method, url.pathname);
    if (rule && !rule.afterEffect) {
      entry.fault = rule.fault;
      this.requests.push(entry);
      return this.faultResponse(rule.fault, signal);
    }
    const parsed = await parseBody(headers, body);
    if (parsed.ok && body && body.length > 0) entry.body = parsed.value;
    const { response, principal } = dispatch(this.state, { method: method.toUpperCase(), url, headers, origin, parsed });
    if (principal?.kind === 'employee') {
      entry.role = principal.employee.role;
      entry.employeeId = principal.employee.id;
    }
    entry.status = response.status;
    if (rule) entry.fault = rule.fault;
    this.requests.push(entry);
    return rule ? this.faultResponse(rule.fault, signal) : response;
  }

  private takeFault(method: string, path: string): FaultRule | undefined {
    const index = this.faults.findIndex((rule) => (rule.method === undefined || rule.method === method.toUpperCase()) && (rule.path === undefined || rule.path.test(path)));
    if (index < 0) return undefined;
    const rule = this.faults[index]!;
    const left = (rule.times ?? 1) - 1;
    if (left <= 0) this.faults.splice(index, 1);
    else this.faults[index] = { ...rule, times: left };
    return rule;
  }

  private async faultResponse(fault: Fault, signal: AbortSignal | null): Promise<SimResponse> {
    switch (fault) {
      case 'http500':
        return { status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n' };
      case 'html502':
        return { status: 502, headers: { 'Content-Type': 'text/html' }, body: HTML_502 };
      case 'malformedJson':
        return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"success": true, "data": {"id": 1, "full_na' };
      case 'unexpectedShape':
        return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ok: 'yes', items: 'none' }) };
      case 'refused':
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' }) });
      case 'timeout':
        // no answer until the client gives up
        await new Promise<void>((_, reject) => {
          if (!signal) return;
          if (signal.aborted) reject(abortError(signal));
          signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
        });
        throw new Error('unreachable');
    }
  }

  /** Requests that changed, or may have changed, the backend's data. */
  writeRequests(): RequestLogEntry[] {
    return this.requests.filter((entry) => entry.method !== 'GET' && entry.method !== 'HEAD');
  }

  // ------------------------------------------------------------------ test controls

  /** Every access token issued so far answers 401 "Token is expired"; refresh tokens keep working. */
  expireAccessTokens(): void {
    this.state.tokens.expireAll('access');
  }

  /** Every refresh token issued so far answers 401 token_not_valid "Token is expired" (capture 251). */
  expireRefreshTokens(): void {
    this.state.tokens.expireAll('refresh');
  }

  resetLog(): void {
    this.requests.length = 0;
  }

  // ------------------------------------------------------------------ data access

  /** Bulk students like the captures' "Bulk Talaba N", newest last, without a group. */
  addStudents(n: number): Student[] {
    const added: Student[] = [];
    for (let i = 0; i < n; i += 1) {
      const student = bulkStudent(this.state, this.state.clock.stamp());
      this.state.db.students.push(student);
      added.push(student);
    }
    return added;
  }

  /** Bulk employees like the captures' "Bulk Xodim NN" (roles in turn), newest last, with the bulk password. */
  addEmployees(n: number): Employee[] {
    const added: Employee[] = [];
    const roles: Role[] = ['assistent', 'buxgalter', 'mentor', 'sotuv_agenti', 'administrator'];
    for (let i = 0; i < n; i += 1) {
      const stamp = this.state.clock.stamp();
      const number = String(this.state.db.employees.length + 1).padStart(2, '0');
      const employee: Employee = {
        id: this.state.nextId('employees'),
        email: `bulk.emp${number}@bimuz.local`,
        first_name: `Bulk${number}`,
        last_name: 'Xodim',
        full_name: `Bulk Xodim ${number}`,
        role: roles[i % roles.length]!,
        professionality: null,
        avatar: null,
        is_active: true,
        created_at: stamp,
        updated_at: stamp,
        password: BULK_EMPLOYEE_PASSWORD,
      };
      this.state.db.employees.push(employee);
      added.push(employee);
    }
    return added;
  }

  /** A group created now; unspecified fields get plain, bookable defaults (starts in a week). */
  addGroup(partial: Partial<Group>): Group {
    const stamp = this.state.clock.stamp();
    const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const group: Group = {
      id: partial.id ?? this.state.nextId('groups'),
      speciality_id: 'revit_architecture',
      dates: 'mon_wed_fri',
      time: '10:00:00',
      starting_date: start,
      total_lessons: 48,
      seats: 10,
      is_active: true,
      price: '2000000.00',
      mentor: null,
      created_at: stamp,
      updated_at: stamp,
      ...partial,
    };
    this.state.db.groups.push(group);
    return group;
  }

  /** An invoice created now (newest in the lists), 50 % of the group's price unless given. */
  addInvoice(partial: Partial<Invoice> & Pick<Invoice, 'student' | 'group'>): Invoice {
    const stamp = this.state.clock.stamp();
    const group = this.state.group(partial.group);
    const status = partial.status ?? 'created';
    const invoice: Invoice = {
      id: partial.id ?? this.state.nextId('invoices'),
      amount: money(Number(group?.price ?? 0) / 2),
      status,
      multicard_uuid: null,
      multicard_invoice_id: null,
      checkout_url: null,
      receipt_url: null,
      payment_time: status === 'paid' ? stamp : null,
      payment_method: status === 'paid' ? 'cash' : null,
      card_pan: null,
      created_at: stamp,
      updated_at: stamp,
      ...partial,
    };
    this.state.db.invoices.push(invoice);
    return invoice;
  }

  /**
   * What Multicard's callback does when the student pays through the link: the invoice is paid,
   * with the time, the card and the receipt.
   */
  payByCard(invoiceId: number): Invoice {
    const invoice = this.state.invoice(invoiceId);
    if (!invoice) throw new Error(`no invoice ${invoiceId}`);
    invoice.status = 'paid';
    invoice.payment_time = this.state.clock.stamp();
    invoice.payment_method = 'uzcard';
    invoice.card_pan = '8600****1234';
    invoice.receipt_url = `https://checkout.multicard.invalid/receipt/${invoice.multicard_uuid ?? invoice.id}`;
    this.state.touch(invoice);
    return invoice;
  }

  /** The password of a seeded (or registered) employee or student account. */
  passwordOf(email: string): string {
    const account = this.state.db.employees.find((e) => e.email === email) ?? this.state.db.students.find((s) => s.email === email);
    if (!account) throw new Error(`no account ${email}`);
    return account.password;
  }

  /** An access token as if the account had logged in. */
  accessTokenFor(email: string): string {
    return this.tokensFor(email).access;
  }

  /** A refresh/access pair as the login would issue it (extension of the agreed interface). */
  tokensFor(email: string): { refresh: string; access: string } {
    const employee = this.state.db.employees.find((e) => e.email === email);
    if (employee) return this.state.tokens.pair({ kind: 'employee', id: employee.id });
    const student = this.state.db.students.find((s) => s.email === email);
    if (student) return this.state.tokens.pair({ kind: 'student', id: student.id });
    throw new Error(`no account ${email}`);
  }

  /** The seeded employee of a role (the first one; `mentor2@bimuz.local` is the second mentor). */
  emailOf(role: Role): string {
    const employee = this.state.db.employees.find((e) => e.role === role);
    if (!employee) throw new Error(`no ${role}`);
    return employee.email;
  }
}
