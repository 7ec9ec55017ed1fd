import type { Employee } from '../api/types.js';
import type { AnyStateMachine } from 'xstate';
import type { ButtonData } from './ui/callback.js';

/**
 * What every section flow is started with: who is acting (the role decides what is offered) and,
 * when the flow was entered by pressing one of its buttons from elsewhere (an old message, after a
 * restart), that button, so the flow can open where the button points.
 */
export interface FlowInput {
  employee: Employee;
  entry: ButtonData | null;
}

/** Whether an actor implementation is a flow machine (and not a backend call or another logic). */
export function isMachine(logic: unknown): logic is AnyStateMachine {
  return typeof logic === 'object' && logic !== null && 'root' in logic && 'provide' in logic && 'implementations' in logic;
}
