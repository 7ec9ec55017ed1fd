/**
 * Plain shapes that cross from the BIMUZ client to the machines: no I/O and no imports, so that
 * every layer (machines, adapters, api, storage) may use them without depending on another.
 */

/** The person as the bot knows them: no tokens, no password. */
export interface Employee {
  id: number;
  email: string;
  fullName: string;
  role: string;
  roleDisplay: string;
  professionality: string | null;
  createdAt: string;
}

export type FailureKind =
  | 'validation' // 400: the backend refused the data; `fields` says which and why
  | 'forbidden' // 403
  | 'notFound' // 404
  | 'session' // 401 and the refresh failed: the person has to log in again
  | 'network' // no answer, timeout, a proxy's 502/503/504
  | 'server'; // 5xx, HTML instead of JSON, a body that does not match its schema

/** A failed backend call, as every flow sees it (the message is Uzbek and safe to show). */
export interface Failure {
  kind: FailureKind;
  message: string;
  /** field name → the backend's first reason, for 400 answers */
  fields?: Record<string, string>;
}
