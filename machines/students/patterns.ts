import { can, type Permission } from '../permissions.js';
import type { Screen } from '../ui/screen.js';
import { screens, type Employee } from '../ui/screens.js';
import { t } from '../ui/texts.js';

/** Small pieces every students flow repeats: effects by name, answers to unexpected input, role checks. */

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
 * permission the person is told so and taken back.
 */
export function checkingPermission(permission: Permission, target: string, fallback: string) {
  return {
    description: `the role is checked again (${permission})`,
    always: [
      { description: 'allowed', guard: permitted(permission), target },
      { target: fallback, actions: alert(t.students.forbidden) },
    ],
  };
}

/**
 * The first state of a flow that checks a birth date: today's date comes from the runtime (machines
 * never read a clock). Without it the flow goes on and checks the date itself only.
 */
export function readingToday(target: string) {
  return {
    description: "reading today's date (for the age check)",
    invoke: {
      src: 'today' as const,
      onDone: { target, actions: { type: 'rememberToday' as const, params: ({ event }: { event: { output: string } }) => event.output } },
      onError: { target },
    },
  };
}
