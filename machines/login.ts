import { assign, setup } from 'xstate';
import { asFailure, backendCall } from './backend.js';
import { effects } from './effects.js';
import type { FlowEvent } from './events.js';
import { screens, type Employee } from './ui/screens.js';
import { t } from './ui/texts.js';
import { normaliseEmail } from './validation.js';

interface LoginContext {
  /** the first line above the first prompt: a welcome, or why the person has to log in again */
  intro: string;
  email: string | null;
  /** why the bot asks again (the backend's reason), shown once with the next prompt */
  notice: string | null;
  employee: Employee | null;
}

const hints = {
  MEDIA: { actions: { type: 'show', params: () => screens.hint(t.textExpected) } },
  BUTTON: { actions: { type: 'alert', params: t.staleButton } },
} as const;

/**
 * Login: email, then password. The password travels from the person's message straight into the
 * backend call's input and is never kept in context; the message holding it is deleted at once.
 * Wrong credentials return to the email with the backend's reason; a backend that cannot be
 * reached keeps the email and asks for the password again.
 */
export const loginMachine = setup({
  types: {
    context: {} as LoginContext,
    events: {} as FlowEvent,
    input: {} as { intro?: string } | undefined,
    output: {} as Employee,
  },
  actions: { ...effects, forgetNotice: assign({ notice: null }) },
  actors: { login: backendCall('login') },
}).createMachine({
  id: 'login',
  context: ({ input }) => ({ intro: input?.intro ?? t.welcome, email: null, notice: null, employee: null }),
  initial: 'waitingForEmail',
  states: {
    waitingForEmail: {
      description: 'waiting for the email',
      entry: [{ type: 'show', params: ({ context }) => screens.askEmail(context.intro, context.notice ?? undefined) }, 'forgetNotice'],
      on: {
        TEXT: [
          {
            description: 'an email',
            guard: ({ event }) => normaliseEmail(event.text) !== null,
            target: 'waitingForPassword',
            actions: assign({ email: ({ event }) => normaliseEmail(event.text) }),
          },
          { description: 'not an email', actions: { type: 'show', params: () => screens.badEmail() } },
        ],
        ...hints,
      },
    },
    waitingForPassword: {
      description: 'waiting for the password',
      entry: [{ type: 'show', params: ({ context }) => screens.askPassword(context.notice ?? undefined) }, 'forgetNotice'],
      on: {
        TEXT: { description: 'the password: its message is deleted at once', target: 'loggingIn', actions: 'deleteMessage' },
        ...hints,
      },
    },
    loggingIn: {
      description: 'checking the email and password with the backend',
      invoke: {
        src: 'login',
        input: ({ context, event }) => ({ email: context.email ?? '', password: event.type === 'TEXT' ? event.text : '' }),
        onDone: { target: 'loggedIn', actions: assign({ employee: ({ event }) => event.output }) },
        onError: [
          {
            description: 'the backend refused the email or password',
            guard: ({ event }) => asFailure(event.error).kind === 'validation',
            target: 'waitingForEmail',
            actions: assign({ notice: ({ event }) => asFailure(event.error).message }),
          },
          {
            description: 'the backend could not be reached',
            target: 'waitingForPassword',
            actions: assign({ notice: ({ event }) => asFailure(event.error).message }),
          },
        ],
      },
    },
    loggedIn: { type: 'final' },
  },
  output: ({ context }) => context.employee!,
});
