/**
 * Response plumbing shared by the views: DRF-style exceptions, Django's HTML error pages, the
 * PageNumberPagination envelope and the little Python behaviours that leak into response texts.
 */

/** Django with DEBUG=False renders these exact pages (captures 154, 257). */
export const HTML_500 =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';
export const HTML_404 =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';
/** What an nginx in front of a stopped backend answers. */
export const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export const MSG = {
  required: "Ushbu maydon to'ldirilishi shart.",
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  notAuthenticated: 'Authentication credentials were not provided.',
  permissionDenied: 'You do not have permission to perform this action.',
  invalidPage: 'Invalid page.',
} as const;

export type JsonBody = unknown;

/** A view's answer: JSON unless `html` is set. */
export interface Reply {
  status: number;
  json?: JsonBody;
  html?: string;
  headers?: Record<string, string>;
}

/** Thrown anywhere inside a view to answer with that status and body (DRF's exception handler). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly json: JsonBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** An unhandled Python exception: Django answers its bare 500 page. */
export class ServerError extends Error {}

export const ok = (json: JsonBody, status = 200): Reply => ({ status, json });
export const detail = (status: number, message: string): HttpError => new HttpError(status, { detail: message });
export const validationError = (errors: Record<string, unknown>): HttpError => new HttpError(400, errors);
export const notFound = (model: string): HttpError => detail(404, `No ${model} matches the given query.`);

export const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Bearer realm="api"' };
export const notAuthenticated = (): HttpError => new HttpError(401, { detail: MSG.notAuthenticated }, WWW_AUTHENTICATE);

/** Python's `str()` of a JSON value, used where the backend formats the client's input into a message. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  return pyRepr(value);
}

export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Python's `type(x).__name__` for a JSON value. */
export function pyType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/**
 * What Django's integer primary-key lookup does with a client value (`int(value)`): numbers are
 * truncated, digit strings parsed, anything else raises — which these views do not catch.
 */
export function djangoInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value.trim(), 10);
  throw new ServerError(`Field 'id' expected a number but got ${pyRepr(value)}.`);
}

/** Python's `urlencode(..., doseq=True)` as used by DRF's replace_query_param (quote_plus rules). */
function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Rebuilds a URL the way DRF does for next/previous links: query keys sorted, page set or removed. */
export function pageLink(origin: string, path: string, rawQuery: string, page: number | null): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const list = grouped.get(key);
    if (list) list.push(value);
    else grouped.set(key, [value]);
  }
  if (page === null) grouped.delete('page');
  else grouped.set('page', [String(page)]);
  const query = [...grouped.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([key, values]) => values.map((v) => `${quotePlus(key)}=${quotePlus(v)}`))
    .join('&');
  return `${origin}${path}${query ? `?${query}` : ''}`;
}

export interface PageRequest {
  origin: string;
  path: string;
  rawQuery: string;
  /** last value of `page`, as QueryDict.get gives it */
  page: string | undefined;
}

export const PAGE_SIZE = 20;

/** DRF PageNumberPagination over Django's Paginator, including its 404 "Invalid page.". */
export function paginate<T>(rows: T[], req: PageRequest, render: (row: T) => unknown): Reply {
  // `?page=` (present but empty) is int('') for Django: an invalid page, not the first one
  const raw = req.page === undefined ? '1' : req.page;
  const numPages = rows.length === 0 ? 1 : Math.ceil(rows.length / PAGE_SIZE);
  let page: number;
  if (raw === 'last') page = numPages;
  else if (/^\s*[+-]?\d+\s*$/.test(raw)) page = Number.parseInt(raw.trim(), 10);
  else throw detail(404, MSG.invalidPage);
  if (page < 1 || page > numPages) throw detail(404, MSG.invalidPage);
  const slice = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const next = page < numPages ? pageLink(req.origin, req.path, req.rawQuery, page + 1) : null;
  const previous = page > 1 ? pageLink(req.origin, req.path, req.rawQuery, page - 1 === 1 ? null : page - 1) : null;
  return ok({ count: rows.length, next, previous, results: slice.map(render) });
}

/** icontains: case-insensitive substring, never matching null. */
export function icontains(haystack: string | number | null | undefined, needle: string): boolean {
  if (haystack === null || haystack === undefined) return false;
  return String(haystack).toUpperCase().includes(needle.toUpperCase());
}

/** Decimal string with two places from a number of sums (e.g. 1200000 → "1200000.00"). */
export function money(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}
