import { assign } from 'xstate';
import type { Employee } from '../../api/types.js';
import { effects } from '../effects.js';
import { forwardToChild } from '../flow.js';
import type { FlowEvent } from '../events.js';
import { can, type Permission } from '../permissions.js';
import type { Screen } from '../ui/screen.js';
import { screens } from '../ui/screens.js';
import { t } from '../ui/texts.js';
import type { SectionButtons } from './buttons.js';

/**
 * Small pieces every flow repeats: effects by name, answers to unexpected input, role checks,
 * today's date, and handing events to a child flow. They return plain state and transition
 * configs, so a flow reads `on: { ...expectText }` or `mayDelete: checkingPermission(...)`.
 */

/**
 * `assign`, typed loosely: the kit's builders serve every section's context, which they know only
 * by the fields they need (typed at their call sites).
 */
export const set = (assignment: unknown): never => assign(assignment as never) as never;

export const show = <A>(screen: (args: A) => Screen) => ({ type: 'show' as const, params: screen });
export const hint = (text: string) => ({ type: 'show' as const, params: () => screens.hint(text) });
export const alert = (text: string) => ({ type: 'alert' as const, params: text });

/** Where a button is expected: text and photos get a hint, and the screen above stays usable. */
export const expectButtons = {
  TEXT: { actions: hint(t.buttonExpected) },
  MEDIA: { actions: hint(t.buttonExpected) },
};

/** Where text is expected: a photo, sticker or file gets a hint. */
export const expectText = { MEDIA: { actions: hint(t.textExpected) } };

/** A button no state of the flow is waiting for: an old message's, or a second tap of a confirm. */
export const staleButton = { BUTTON: { actions: alert(t.staleButton) } };

export const permitted =
  (permission: Permission) =>
  ({ context }: { context: { employee: Employee } }): boolean =>
    can(context.employee.role, permission);

/**
 * A passing state in front of every change: the role is checked again right before the backend
 * is asked (the screen with the button may be older than a change of role); without the
 * permission the person is told so and taken back to `fallback`.
 */
export function checkingPermission(permission: Permission, target: string, fallback: string, options: { notice?: boolean } = {}) {
  return {
    description: `the role is checked again (${permission})`,
    always: [
      { description: 'allowed', guard: permitted(permission), target },
      // `notice`: the fallback screen (a wizard's summary) says it too, as its failure line
      { target: fallback, actions: options.notice ? [alert(t.forbidden), set({ notice: t.forbidden })] : alert(t.forbidden) },
    ],
  };
}

/**
 * The first state of a flow that checks a date against today: the date comes from the runtime
 * (machines never read a clock), which computes it and cannot fail to.
 * The flow names `today: backendCall('today')` in its actors and a `rememberToday` action.
 */
export function readingToday(target: string) {
  return {
    description: "reading today's date",
    invoke: {
      src: 'today' as const,
      onDone: { target, actions: { type: 'rememberToday' as const, params: ({ event }: { event: { output: string } }) => event.output } },
    },
  };
}

/**
 * The `on` every flow's root spreads: the role changed while the flow runs (the chat sends the
 * employee as the backend now describes them); the flow goes on with it, so every
 * `checkingPermission` after it decides with the new role.
 */
export const followRole = {
  EMPLOYEE: { description: 'the role changed meanwhile: the flow goes on with the new one', actions: set({ employee: ({ event }: { event: { employee: Employee } }) => event.employee }) },
};

/**
 * The setup `actions` of a section root with a record's detail and child flows: the effects,
 * `forwardToChild`, and `takeNotice`, which a detail's entry names to drop the one-line notice
 * once it was shown.
 */
export const recordRootActions = { ...effects, forwardToChild, takeNotice: set({ notice: null }) };

/**
 * The `on` of a state running a child flow (`invoke: { id: 'child', ... }`): the person's text,
 * photos and the child's own buttons go to it; navigation buttons stay with the section's root,
 * which handles them in every state. The setup names `forwardToChild` among its actions.
 */
export function childEvents(buttons: Pick<SectionButtons<string>, 'isNavigation'>) {
  return {
    EMPLOYEE: { description: 'the role changed meanwhile: the child flow goes on with it too', actions: [followRole.EMPLOYEE.actions, 'forwardToChild' as const] },
    TEXT: { actions: 'forwardToChild' as const },
    MEDIA: { actions: 'forwardToChild' as const },
    BUTTON: {
      description: "the child flow's own buttons",
      guard: ({ event }: { event: FlowEvent }) => !buttons.isNavigation(event),
      actions: 'forwardToChild' as const,
    },
  };
}
