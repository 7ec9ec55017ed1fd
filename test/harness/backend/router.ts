/**
 * URL resolution and the request cycle of Django + DRF: CommonMiddleware's trailing-slash
 * redirect, authentication before permissions before the method check (so a mentor's POST to a
 * GET-only list is 403 while a developer's is 405), and the error pages Django renders itself.
 */
import {
  HTML_404,
  HTML_500,
  HttpError,
  MSG,
  ServerError,
  WWW_AUTHENTICATE,
  detail,
  notAuthenticated,
  type Reply,
} from './http.js';
import { authViews } from './routes-auth.js';
import { educationViews } from './routes-education.js';
import { paymentViews } from './routes-payment.js';
import { reportViews } from './routes-reports.js';
import type { State } from './state.js';
import type { Principal, SimResponse } from './types.js';
import { Ctx, type Method, type Parsed, type View } from './view.js';

const ID = '(\\d+)';
const route = (path: string, view: View): [RegExp, View] => [new RegExp(`^/api/v1/${path}$`), view];

const ROUTES: Array<[RegExp, View]> = [
  route('auth/register/', authViews.register),
  route('auth/login/', authViews.login),
  route('auth/profile/', authViews.profile),
  route('auth/token/refresh/', authViews.refresh),
  route('auth/employees/', authViews.employees),
  route(`auth/employees/${ID}/`, authViews.employee),
  route('auth/students/', authViews.students),
  route(`auth/students/${ID}/`, authViews.student),
  route('auth/students/login/', authViews.studentLogin),
  route('education/groups/', educationViews.groups),
  route(`education/groups/${ID}/`, educationViews.group),
  route('education/attendances/', educationViews.attendances),
  route(`education/attendances/${ID}/`, educationViews.attendance),
  route('education/booking/groups/', educationViews.bookingGroups),
  route('education/booking/book/', educationViews.book),
  route('education/booking/cancel/', educationViews.cancel),
  route('education/booking/change-group/', educationViews.changeGroup),
  route('payment/invoices/', paymentViews.invoices),
  route(`payment/invoices/${ID}/`, paymentViews.invoice),
  route('payment/create-payment/', paymentViews.createPayment),
  route('payment/check-status/', paymentViews.checkStatus),
  route('payment/employee-invoices/', paymentViews.employeeInvoices),
  route('payment/mark-as-paid/', paymentViews.markAsPaid),
  route('payment/reports/monthly/', reportViews.monthly),
  route('payment/reports/balance/', reportViews.balance),
  route('payment/reports/salary/', reportViews.salary),
];

const HEALTH = '/health/';

/** Headers Django's middleware adds to every response it renders. */
const COMMON_HEADERS = {
  'X-Frame-Options': 'DENY',
  Vary: 'origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function resolve(path: string): { view: View; id: number } | null {
  for (const [pattern, view] of ROUTES) {
    const m = pattern.exec(path);
    if (m) return { view, id: m[1] === undefined ? 0 : Number.parseInt(m[1], 10) };
  }
  return null;
}

const resolvable = (path: string): boolean => path === HEALTH || resolve(path) !== null;

/** DRF's `allowed_methods`, in the order of `http_method_names`. */
function allowHeader(view: View): string {
  const order: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const methods: string[] = order.filter((m) => view.handlers[m] !== undefined);
  if (view.handlers.GET) methods.push('HEAD');
  methods.push('OPTIONS');
  return methods.join(', ');
}

function html(status: number, body: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...COMMON_HEADERS, ...headers }, body };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...COMMON_HEADERS, ...headers }, body: JSON.stringify(value) };
}

/** simplejwt's JWTAuthentication, reduced to the server-side token table. */
function authenticate(ctx: Ctx): Principal | null {
  const header = ctx.headers.get('authorization');
  if (!header) return null;
  const parts = header.trim().split(/\s+/).filter(Boolean);
  // another scheme ("Token …") means "no credentials", not "bad credentials" (capture 232)
  if (parts[0] !== 'Bearer') return null;
  if (parts.length !== 2 || parts[1] === undefined) {
    throw new HttpError(
      401,
      { detail: 'Authorization header must contain two space-delimited values', code: 'bad_authorization_header' },
      WWW_AUTHENTICATE,
    );
  }
  const check = ctx.state.tokens.check(parts[1], 'access');
  if (!check.ok) {
    throw new HttpError(
      401,
      {
        detail: 'Given token not valid for any token type',
        code: 'token_not_valid',
        messages: [{ token_class: 'AccessToken', token_type: 'access', message: check.message }],
      },
      WWW_AUTHENTICATE,
    );
  }
  const { subject } = check;
  const employee = subject.kind === 'employee' ? ctx.state.employee(subject.id) : undefined;
  const student = subject.kind === 'student' ? ctx.state.student(subject.id) : undefined;
  const principal: Principal | null = employee ? { kind: 'employee', employee } : student ? { kind: 'student', student } : null;
  if (!principal) throw new HttpError(401, { detail: 'User not found', code: 'user_not_found' }, WWW_AUTHENTICATE);
  if (!(employee ?? student)?.is_active) throw new HttpError(401, { detail: 'User is inactive', code: 'user_inactive' }, WWW_AUTHENTICATE);
  return principal;
}

function metadata(ctx: Ctx, view: View): Reply {
  const body: Record<string, unknown> = {
    name: view.name,
    description: '',
    renders: ['application/json'],
    parses: ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'],
  };
  // DRF describes the POST serializer only to someone allowed to POST
  if (view.actions && view.permission(ctx.withMethod('POST')) === true) body.actions = view.actions;
  return { status: 200, json: body };
}

function runView(ctx: Ctx, view: View, id: number): Reply {
  if (view.auth === 'jwt') ctx.principal = authenticate(ctx);
  const allowed = view.permission(ctx);
  if (allowed !== true) {
    if (view.auth === 'jwt' && ctx.principal === null) throw notAuthenticated();
    throw detail(403, typeof allowed === 'string' ? allowed : MSG.permissionDenied);
  }
  if (ctx.method === 'OPTIONS') return metadata(ctx, view);
  const handler = ctx.method === 'HEAD' ? view.handlers.GET : view.handlers[ctx.method as Method];
  if (!handler) throw detail(405, `Method "${ctx.method}" not allowed.`);
  return handler(ctx, id);
}

export interface Incoming {
  method: string;
  url: URL;
  headers: Headers;
  /** scheme://host the backend believes it is reached at */
  origin: string;
  parsed: Parsed;
}

export interface Outcome {
  response: SimResponse;
  principal: Principal | null;
}

export function dispatch(state: State, req: Incoming): Outcome {
  const path = req.url.pathname;
  const rawQuery = req.url.search.replace(/^\?/, '');
  if (path === HEALTH) {
    return { response: json(200, { status: 'healthy', database: 'connected', version: '1.0' }), principal: null };
  }
  const match = resolve(path);
  if (!match) {
    // APPEND_SLASH: a permanent redirect, for POST too, before any view or authentication runs
    if (!path.endsWith('/') && resolvable(`${path}/`)) {
      return { response: html(301, '', { Location: `${path}/${req.url.search}` }), principal: null };
    }
    return { response: html(404, HTML_404), principal: null };
  }
  const ctx = new Ctx(state, req.method, path, rawQuery, req.origin, req.headers, req.parsed);
  const allow = { Allow: allowHeader(match.view) };
  try {
    const reply = runView(ctx, match.view, match.id);
    if (reply.html !== undefined) return { response: html(reply.status, reply.html), principal: ctx.principal };
    return { response: json(reply.status, reply.json, { ...allow, ...reply.headers }), principal: ctx.principal };
  } catch (error) {
    if (error instanceof HttpError) {
      return { response: json(error.status, error.json, { ...allow, ...error.headers }), principal: ctx.principal };
    }
    if (!(error instanceof ServerError)) {
      // a defect in the simulator itself: still answer like Django, but leave a trace for the test run
      console.error('[backend-simulator] unexpected error', error);
    }
    return { response: html(500, HTML_500), principal: ctx.principal };
  }
}

/** DRF's parsers: JSON, form and multipart; an empty body is an empty dict whatever the type. */
export async function parseBody(headers: Headers, body: Uint8Array<ArrayBuffer> | null): Promise<Parsed> {
  if (!body || body.length === 0) return { ok: true, value: {} };
  const contentType = headers.get('content-type');
  if (!contentType) return { ok: true, value: {} };
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const text = new TextDecoder().decode(body);
  if (media === 'application/json') {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false, error: detail(400, `JSON parse error - ${(error as Error).message}`) };
    }
  }
  if (media === 'application/x-www-form-urlencoded') {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (media === 'multipart/form-data') {
    try {
      const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      const value: Record<string, unknown> = {};
      form.forEach((entry, key) => {
        if (typeof entry === 'string') value[key] = entry;
      });
      return { ok: true, value };
    } catch {
      return { ok: false, error: detail(400, 'Multipart form parse error - Invalid boundary in multipart: None') };
    }
  }
  return { ok: false, error: new HttpError(415, { detail: `Unsupported media type "${contentType}" in request.` }) };
}
