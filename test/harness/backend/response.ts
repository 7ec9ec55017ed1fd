import type { SimResponse } from './types.js';

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A Response carrying what the simulator produced; a 204 keeps its JSON body readable (gunicorn 21.2 sends it). */
export function toResponse(sim: SimResponse & { statusText?: string }, url: string, method: string): Response {
  const init = { status: sim.status, statusText: sim.statusText ?? STATUS_TEXT[sim.status] ?? '', headers: sim.headers };
  let response: Response;
  if (NULL_BODY_STATUSES.has(sim.status) && sim.body) {
    // the Fetch API refuses a body on 204; build it as 200 and report 204, so `status` reads right
    // while a client that still calls .json() gets the body, as over the wire from gunicorn 21.2
    response = new Response(method === 'HEAD' ? null : sim.body, { ...init, status: 200 });
    Object.defineProperty(response, 'status', { value: sim.status });
  } else {
    response = new Response(method === 'HEAD' || NULL_BODY_STATUSES.has(sim.status) ? null : sim.body, init);
  }
  Object.defineProperty(response, 'url', { value: url });
  return response;
}
