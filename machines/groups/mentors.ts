import { asFailure } from '../backend.js';
import type { FlowEvent } from '../events.js';
import { isPress } from '../kit/buttons.js';
import { set, show } from '../kit/patterns.js';
import type { MentorPicker } from '../ui/groups-screens.js';
import type { Screen } from '../ui/screen.js';
import type { MentorOption } from './model.js';

/**
 * The mentor picker the create wizard and the edit flow share: the mentors are read afresh each
 * time the question is asked (an employee's role may have changed), shown as buttons a page at a
 * time, and "no mentor" is a button of its own. The flow names `listMentors` among its actors.
 */
export interface PickerContext {
  picker: MentorPicker | null;
}

type Args<C> = { context: C; event: FlowEvent };

/** Reading the mentors, then `target`; a failure leaves the picker empty, with the reason shown there. */
export const loadingMentors = (target: string) => ({
  description: 'reading the employees who are mentors',
  invoke: {
    src: 'listMentors' as const,
    onDone: { target, actions: set(({ event }: { event: { output: MentorOption[] } }) => ({ picker: { mentors: event.output, page: 1, failure: null } })) },
    onError: {
      target,
      actions: set(({ event }: { event: { error: unknown } }) => ({ picker: { mentors: [], page: 1, failure: asFailure(event.error).message } })),
    },
  },
});

/** The mentor a button picks: one of the mentors read, or null for "no mentor"; undefined for any other button. */
export function pickedMentor<C extends PickerContext>({ context, event }: Args<C>): MentorOption | null | undefined {
  if (event.type !== 'BUTTON') return undefined;
  if (event.button.action === 'no_mentor') return null;
  if (event.button.action !== 'mentor') return undefined;
  return context.picker?.mentors.find((mentor) => mentor.id === event.button.id);
}

/**
 * The picker's transitions besides the choice itself: another page of mentors. `screen` shows
 * the question again with the new page.
 */
export function turningPages<C extends PickerContext>(screen: (context: C) => Screen) {
  return {
    description: 'another page of mentors',
    guard: ({ event }: Args<C>) => isPress(event, 'mentors'),
    actions: [
      set(({ context, event }: Args<C>) => ({ picker: context.picker && event.type === 'BUTTON' ? { ...context.picker, page: event.button.id ?? 1 } : context.picker })),
      show(({ context }: Args<C>) => screen(context)),
    ],
  };
}
