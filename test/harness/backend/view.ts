/**
 * The request context a view sees and the DRF-like view description (allowed methods,
 * authentication, permission) the router evaluates before calling a handler.
 */
import { HttpError, ServerError, pyType, type PageRequest, type Reply } from './http.js';
import type { State } from './state.js';
import type { Employee, Principal, Role } from './types.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Parsed = { ok: true; value: unknown } | { ok: false; error: HttpError };

export class Ctx {
  principal: Principal | null = null;

  constructor(
    readonly state: State,
    readonly method: string,
    readonly path: string,
    readonly rawQuery: string,
    readonly origin: string,
    readonly headers: Headers,
    private readonly parsed: Parsed,
  ) {}

  /** The same request as another method, for DRF's metadata which asks "could this user POST?". */
  withMethod(method: string): Ctx {
    const clone = new Ctx(this.state, method, this.path, this.rawQuery, this.origin, this.headers, this.parsed);
    clone.principal = this.principal;
    return clone;
  }

  /** QueryDict.get: the last value of a repeated key. */
  query(name: string): string | undefined {
    const values = new URLSearchParams(this.rawQuery).getAll(name);
    return values.length > 0 ? values[values.length - 1] : undefined;
  }

  /** request.data; a malformed body only fails when a view reads it, as in DRF. */
  data(): unknown {
    if (!this.parsed.ok) throw this.parsed.error;
    return this.parsed.value;
  }

  /** What a serializer accepts: anything but a JSON object is rejected like DRF does. */
  dict(): Record<string, unknown> {
    const data = this.data();
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new HttpError(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${pyType(data)}.`] });
    }
    return data as Record<string, unknown>;
  }

  /** `request.data.get(name)` in a plain view: a non-dict body is an AttributeError, i.e. a 500. */
  field(name: string): unknown {
    const data = this.data();
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ServerError(`'${pyType(data)}' object has no attribute 'get'`);
    return (data as Record<string, unknown>)[name];
  }

  pageRequest(): PageRequest {
    return { origin: this.origin, path: this.path, rawQuery: this.rawQuery, page: this.query('page') };
  }

  get employee(): Employee | undefined {
    return this.principal?.kind === 'employee' ? this.principal.employee : undefined;
  }

  hasRole(...roles: Role[]): boolean {
    const employee = this.employee;
    return employee !== undefined && roles.includes(employee.role);
  }
}

/** true = allowed; false = denied with DRF's default text; a string = denied with that text. */
export type Permission = (ctx: Ctx) => boolean | string;

export type Handler = (ctx: Ctx, id: number) => Reply;

export interface View {
  /** the view class name as DRF's metadata shows it */
  name: string;
  /** 'none' for views with `authentication_classes = []`: a bad Authorization header is ignored */
  auth: 'jwt' | 'none';
  permission: Permission;
  handlers: Partial<Record<Method, Handler>>;
  /** OPTIONS metadata `actions`, where captured */
  actions?: Record<string, unknown>;
}

export const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

export const allowAny: Permission = () => true;
export const isAuthenticated: Permission = (ctx) => ctx.principal !== null;
export const isEmployee = (ctx: Ctx): boolean => ctx.principal?.kind === 'employee';

/** Reading open to every employee, writing to the listed roles. */
export function employeesReadRolesWrite(...writers: Role[]): Permission {
  return (ctx) => isEmployee(ctx) && (SAFE_METHODS.includes(ctx.method) || ctx.hasRole(...writers));
}

export function rolesOnly(...roles: Role[]): Permission {
  return (ctx) => ctx.hasRole(...roles);
}
