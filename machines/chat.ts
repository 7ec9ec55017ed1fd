import { assign, forwardTo, setup } from 'xstate';
import { asFailure, backendCall } from './backend.js';
import { effects } from './effects.js';
import type { ChatEvent } from './events.js';
import { loginMachine } from './login.js';
import { screens, type Employee } from './ui/screens.js';
import { t, type MenuItem } from './ui/texts.js';

export interface ChatContext {
  /** who is logged in (null when nobody); the role drives menus and permissions */
  employee: Employee | null;
}

/** Sections whose flow is not built yet answer that they are coming. */
const comingSoon: MenuItem[] = ['groups', 'payments', 'employees', 'attendance', 'documents'];

const isMenu = (item: MenuItem) => ({ event }: { event: ChatEvent }) => event.type === 'MENU' && event.item === item;
const isCommand = (command: string) => ({ event }: { event: ChatEvent }) => event.type === 'COMMAND' && event.command === command;
const isNav = (action: string) => ({ event }: { event: ChatEvent }) =>
  event.type === 'BUTTON' && event.button.section === 'nav' && event.button.action === action;

/**
 * The chat: one per Telegram private chat. Logged out, logging in, or logged in with the main
 * menu and at most one flow running as a child machine. Main-menu buttons and the commands
 * /start, /menu, /cancel and /help work from every state and leave the current flow cleanly.
 */
export const chatMachine = setup({
  types: {
    context: {} as ChatContext,
    events: {} as ChatEvent,
    input: {} as { employee: Employee | null },
  },
  actions: {
    ...effects,
    forwardToFlow: forwardTo('flow'),
    forgetEmployee: assign({ employee: null }),
  },
  actors: {
    loginFlow: loginMachine,
    fetchProfile: backendCall('fetchProfile'),
    logout: backendCall('logout'),
  },
}).createMachine({
  id: 'chat',
  context: ({ input }) => ({ employee: input?.employee ?? null }),
  initial: 'starting',
  on: {
    COMMAND: [
      { guard: isCommand('help'), actions: { type: 'show', params: () => screens.help() } },
      { guard: isCommand('unknown'), actions: { type: 'show', params: () => screens.hint(t.unknownCommand) } },
    ],
  },
  states: {
    starting: {
      description: 'a new chat, or one whose saved state could not be used',
      always: [{ guard: ({ context }) => context.employee !== null, target: 'loggedIn.ready' }, { target: 'loggedOut' }],
    },
    loggedOut: {
      description: 'nobody is logged in; /start begins the login',
      on: {
        COMMAND: [
          { guard: isCommand('start'), target: 'loggingIn' },
          { guard: isCommand('help'), actions: { type: 'show', params: () => screens.help() } },
          { actions: { type: 'show', params: () => screens.notLoggedIn() } },
        ],
        TEXT: { actions: { type: 'show', params: () => screens.notLoggedIn() } },
        MEDIA: { actions: { type: 'show', params: () => screens.notLoggedIn() } },
        MENU: { actions: { type: 'show', params: () => screens.notLoggedIn() } },
        BUTTON: { actions: { type: 'alert', params: t.notLoggedInAlert } },
      },
    },
    loggingIn: {
      description: 'the login flow: email, then password',
      invoke: {
        id: 'flow',
        src: 'loginFlow',
        onDone: {
          target: 'loggedIn.ready',
          actions: [
            assign({ employee: ({ event }) => event.output }),
            { type: 'show', params: ({ event }) => screens.loggedIn(event.output) },
          ],
        },
      },
      on: {
        TEXT: { actions: 'forwardToFlow' },
        MEDIA: { actions: 'forwardToFlow' },
        BUTTON: [
          { guard: isNav('cancel'), target: 'loggedOut', actions: { type: 'show', params: () => screens.loginCancelled() } },
          { actions: 'forwardToFlow' },
        ],
        MENU: { actions: { type: 'show', params: () => screens.hint(t.notLoggedIn) } },
        COMMAND: [
          { guard: isCommand('start'), target: 'loggingIn', reenter: true },
          { guard: isCommand('cancel'), target: 'loggedOut', actions: { type: 'show', params: () => screens.loginCancelled() } },
          { guard: isCommand('menu'), actions: { type: 'show', params: () => screens.hint(t.notLoggedIn) } },
        ],
      },
    },
    loggedIn: {
      description: 'logged in: the main menu and the flows',
      initial: 'ready',
      on: {
        SESSION_EXPIRED: {
          target: 'loggingIn',
          actions: ['forgetEmployee', { type: 'show', params: () => screens.sessionEnded() }],
        },
        PROFILE: [
          {
            description: 'the role changed: show the menu for the new role',
            guard: ({ context, event }) => context.employee?.role !== event.employee.role,
            target: '.menu',
            actions: [
              assign({ employee: ({ event }) => event.employee }),
              { type: 'show', params: ({ event }) => screens.mainMenu(event.employee, t.roleChanged(event.employee.roleDisplay)) },
            ],
          },
          { actions: assign({ employee: ({ event }) => event.employee }) },
        ],
        MENU: [
          { guard: isMenu('profile'), target: '.profile' },
          { guard: isMenu('logout'), target: '.loggingOut' },
          {
            guard: ({ event }) => event.type === 'MENU' && comingSoon.includes(event.item),
            target: '.ready',
            actions: { type: 'show', params: ({ event }) => screens.comingSoon(event.type === 'MENU' ? event.item : 'profile') },
          },
          { target: '.menu' },
        ],
        COMMAND: [
          { guard: isCommand('start'), target: '.checking' },
          { guard: isCommand('menu'), target: '.menu' },
          { guard: isCommand('cancel'), target: '.menu' },
        ],
        BUTTON: [
          { guard: isNav('home'), target: '.menu' },
          { guard: isNav('cancel'), target: '.menu' },
          { actions: { type: 'alert', params: t.staleButton } },
        ],
        TEXT: { actions: { type: 'show', params: () => screens.hint(t.chooseFromMenu) } },
        MEDIA: { actions: { type: 'show', params: () => screens.hint(t.chooseFromMenu) } },
      },
      states: {
        ready: {
          description: 'at the main menu, waiting for a choice',
        },
        menu: {
          description: 'showing the main menu',
          entry: { type: 'show', params: ({ context }) => screens.mainMenu(context.employee!) },
          always: 'ready',
        },
        checking: {
          description: 'checking the session with the backend (/start)',
          invoke: {
            src: 'fetchProfile',
            onDone: {
              target: 'menu',
              actions: assign({ employee: ({ event }) => event.output }),
            },
            onError: {
              description: 'the backend could not be reached: the menu as last known',
              target: 'ready',
              actions: {
                type: 'show',
                params: ({ context }) => screens.mainMenu(context.employee!, t.serverUnreachableMenu),
              },
            },
          },
        },
        profile: {
          description: 'loading the profile',
          invoke: {
            src: 'fetchProfile',
            onDone: {
              target: 'ready',
              actions: [
                assign({ employee: ({ event }) => event.output }),
                { type: 'show', params: ({ event }) => screens.profile(event.output) },
              ],
            },
            onError: {
              target: 'ready',
              actions: { type: 'show', params: ({ event }) => screens.failure(asFailure(event.error).message) },
            },
          },
        },
        loggingOut: {
          description: 'logging out',
          invoke: {
            src: 'logout',
            onDone: { target: '#chat.loggedOut', actions: ['forgetEmployee', { type: 'show', params: () => screens.loggedOut() }] },
            onError: { target: '#chat.loggedOut', actions: ['forgetEmployee', { type: 'show', params: () => screens.loggedOut() }] },
          },
        },
      },
    },
  },
});
