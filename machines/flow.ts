import { forwardTo, type AnyActorRef, type AnyStateMachine, type EventObject } from 'xstate';
import type { Employee } from '../api/types.js';
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

/**
 * The actions that do nothing but hand the event on to a child flow, by name, with the id the
 * child is invoked under: the chat's `forwardToFlow` (its section or the login) and a section
 * root's `forwardToChild` (a wizard, an edit). Machines name these actions only through here.
 */
const forwarders = { forwardToFlow: 'flow', forwardToChild: 'child' } as const;

export const forwardToFlow = forwardTo(forwarders.forwardToFlow) as never;
export const forwardToChild = forwardTo(forwarders.forwardToChild) as never;

interface Forwarding {
  target?: readonly unknown[];
  actions: readonly unknown[];
}

/**
 * The actor a person's event is meant for: the chat itself, or, while the chat would only hand
 * the event on to its running flow (and that flow to its own child), the innermost flow that acts
 * on it. Sending the event there does what sending it to the chat does, without a step of each
 * machine on the way, whose state and context such a step leaves as they were (it has no target and
 * no other action; eventless transitions exist only in passing states, never in a resting one).
 * A level's transition is looked up as xstate would (guards are pure) only when that level has
 * the child it would forward to, so the innermost flow's own guards run once.
 */
export function receiverOf<E extends EventObject>(actor: AnyActorRef, event: E): AnyActorRef {
  let receiver = actor;
  for (;;) {
    const snapshot = receiver.getSnapshot() as { status: string; machine?: AnyStateMachine; children: Record<string, AnyActorRef | undefined> };
    if (snapshot.status !== 'active' || !snapshot.machine) return receiver;
    const child = snapshot.children[forwarders.forwardToFlow] ?? snapshot.children[forwarders.forwardToChild];
    if (!child) return receiver;
    const transitions = snapshot.machine.getTransitionData(snapshot as never, event) as Forwarding[];
    if (transitions.length !== 1) return receiver;
    const [transition] = transitions as [Forwarding];
    const action = transition.actions.length === 1 ? transition.actions[0] : undefined;
    if (transition.target?.length || typeof action !== 'string' || !(action in forwarders)) return receiver;
    const next = snapshot.children[forwarders[action as keyof typeof forwarders]];
    if (!next) return receiver;
    receiver = next;
  }
}
