import { fromPromise } from 'xstate';
import type { Employee } from './ui/screens.js';

/** A failed backend call, as every flow sees it (the message is Uzbek and safe to show). */
export interface Failure {
  kind: 'validation' | 'forbidden' | 'notFound' | 'session' | 'network' | 'server';
  message: string;
  fields?: Record<string, string>;
}

/**
 * Every backend call a machine can make, by name, with its input and output. Machines invoke
 * them by name (`invoke: { src: 'login' }`); the adapter provides the implementations and tests
 * provide fakes. An implementation rejects with a Failure.
 */
export interface BackendCalls {
  login: { input: { email: string; password: string }; output: Employee };
  fetchProfile: { input: void; output: Employee };
  logout: { input: void; output: void };
}

export type BackendCallName = keyof BackendCalls;

/** The placeholder a machine declares; it fails loudly if nobody provided the real call. */
export function backendCall<K extends BackendCallName>(name: K) {
  return fromPromise<BackendCalls[K]['output'], BackendCalls[K]['input']>(async () => {
    throw new Error(`backend call '${name}' was not provided`);
  });
}

export function asFailure(error: unknown): Failure {
  if (error && typeof error === 'object' && 'kind' in error && 'message' in error) return error as Failure;
  return { kind: 'server', message: "Kutilmagan xatolik yuz berdi. Qayta urinib ko'ring." };
}
