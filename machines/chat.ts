import { assign, enqueueActions, setup } from 'xstate';
import { asFailure, backendCall } from './backend.js';
import { effects } from './effects.js';
import { forwardToFlow } from './flow.js';
import type { ChatEvent, FlowEvent } from './events.js';
import type { Employee } from '../api/types.js';
import { mayOpen, type Section } from './kit/section.js';
import { loginMachine } from './login.js';
import { fullMenu, type MainMenu } from './sections.js';
import type { ButtonData } from './ui/callback.js';
import { screens } from './ui/screens.js';
import { buttons, menu, t, type MenuItem } from './ui/texts.js';

export interface ChatContext {
  /** why the person has to log in (again), shown above the login's first prompt */
  loginIntro: string | null;
  /** who is logged in (null when nobody); the role drives menus and permissions */
  employee: Employee | null;
  /** the button that opened the current flow from outside it, handed to the flow as it starts */
  entry: ButtonData | null;
}

const inSection = (section: string) => ({ event }: { event: ChatEvent }) => event.type === 'BUTTON' && event.button.section === section;

/**
 * A section flow running as the child 'flow': the person's text, media and the section's own
 * buttons go to it. A section's root flow never finishes: the person leaves it through the main
 * menu or a command.
 */
const sectionFlow = <S extends string>(section: Section, src: S) => ({
  description: `the ${section.name} section`,
  invoke: {
    id: 'flow',
    src,
    input: ({ context }: { context: ChatContext }) => ({ employee: context.employee!, entry: context.entry }),
  },
  on: {
    PROFILE: {
      description: 'the role changed and may still open this section: the flow goes on with the new role, the menu is renewed',
      guard: ({ context, event }: { context: ChatContext; event: ChatEvent }) =>
        event.type === 'PROFILE' && context.employee?.role !== event.employee.role && mayOpen(event.employee.role, section),
      actions: 'followNewRole',
    },
    TEXT: { actions: 'forwardToFlow' },
    MEDIA: { actions: 'forwardToFlow' },
    BUTTON: { description: `a button of the ${section.name} section`, guard: inSection(section.name), actions: 'forwardToFlow' },
  },
} as const);

const isMenu = (item: MenuItem) => ({ event }: { event: ChatEvent }) => event.type === 'MENU' && event.item === item;
const isCommand = (command: string) => ({ event }: { event: ChatEvent }) => event.type === 'COMMAND' && event.command === command;
const isNav = (action: string) => ({ event }: { event: ChatEvent }) =>
  event.type === 'BUTTON' && event.button.section === 'nav' && event.button.action === action;

/**
 * The chat: one per Telegram private chat. Logged out, logging in, or logged in with the main
 * menu and at most one flow running as a child machine. Main-menu buttons and the commands
 * /start, /menu, /cancel and /help work from every state and leave the current flow cleanly.
 */
export function createChatMachine(main: MainMenu = fullMenu) {
  const { sections, sectionNamed } = main;
  const menuOf = (employee: Employee | null) => main.itemsFor(employee?.role ?? '');
  const roleOf = (context: ChatContext) => context.employee?.role;

  /** Each registered section's flow, under the name its state invokes. */
  const flowSrc = (name: string) => `${name}Flow`;
  const sectionActors = Object.fromEntries(sections.map((section) => [flowSrc(section.name), section.flow]));
  const sectionStates = Object.fromEntries(sections.map((section) => [section.name, sectionFlow(section, flowSrc(section.name))]));

  /** Opening a registered section from the main menu, for the roles that see it. */
  const sectionMenuItems = sections.map((section) => ({
    description: menu[section.name],
    guard: ({ context, event }: { context: ChatContext; event: ChatEvent }) => isMenu(section.name)({ event }) && mayOpen(roleOf(context), section),
    target: `.${section.name}`,
    reenter: true,
    actions: 'forgetEntry' as const,
  }));

  /** A registered section's button pressed outside the section (an old message): the section opens where it points. */
  const sectionButtonsOutside = sections.map((section) => ({
    description: `a ${section.name} button pressed outside the section (an old message): open where it points`,
    guard: ({ context, event }: { context: ChatContext; event: ChatEvent }) => inSection(section.name)({ event }) && mayOpen(roleOf(context), section),
    target: `.${section.name}`,
    reenter: true,
    actions: 'rememberEntry' as const,
  }));

  /** A menu item switched off by the configuration says where it is instead; one the role does not see (typed by hand) says so. */
  function menuRefusal({ event }: { event: ChatEvent }) {
    const item: MenuItem = event.type === 'MENU' ? event.item : 'profile';
    return main.switchedOff.includes(item) ? screens.switchedOff(item) : screens.sectionForbidden(item);
  }

  /** A button of a section switched off or the role may not open is refused; any other is out of date. */
  function buttonRefusal({ event }: { event: ChatEvent }) {
    if (event.type !== 'BUTTON') return t.staleButton;
    if ((main.switchedOff as readonly string[]).includes(event.button.section)) return t.switchedOff;
    return sectionNamed(event.button.section) ? t.forbidden : t.staleButton;
  }

  return setup({
    types: {
      context: {} as ChatContext,
      events: {} as ChatEvent,
      input: {} as { employee: Employee | null },
    },
    actions: {
      ...effects,
      forwardToFlow,
      forgetEntry: assign({ entry: null }),
      rememberEntry: assign({ entry: ({ event }) => (event.type === 'BUTTON' ? event.button : null) }),
      forgetEmployee: assign({ employee: null }),
      followNewRole: enqueueActions(({ event, enqueue }) => {
        if (event.type !== 'PROFILE') return;
        enqueue.assign({ employee: event.employee });
        enqueue.sendTo('flow', { type: 'EMPLOYEE', employee: event.employee } satisfies FlowEvent);
        enqueue({ type: 'show', params: screens.mainMenu(menuOf(event.employee), t.roleChanged(event.employee.roleDisplay)) });
      }),
    },
    actors: {
      loginFlow: loginMachine,
      ...sectionActors,
      fetchProfile: backendCall('fetchProfile'),
      logout: backendCall('logout'),
    },
  }).createMachine({
    id: 'chat',
    context: ({ input }) => ({ employee: input?.employee ?? null, entry: null, loginIntro: null }),
    initial: 'starting',
    on: {
      COMMAND: [
        { description: '/help', guard: isCommand('help'), actions: { type: 'show', params: () => screens.help() } },
        { description: 'an unknown command', guard: isCommand('unknown'), actions: { type: 'show', params: () => screens.hint(t.unknownCommand) } },
      ],
    },
    states: {
      starting: {
        description: 'a new chat, or one whose saved state could not be used',
        always: [
          { description: 'someone is logged in in this chat', guard: ({ context }) => context.employee !== null, target: 'loggedIn.ready' },
          { target: 'loggedOut' },
        ],
      },
      loggedOut: {
        description: 'nobody is logged in; /start begins the login',
        on: {
          COMMAND: [
            { description: '/start', guard: isCommand('start'), target: 'loggingIn' },
            { description: '/help', guard: isCommand('help'), actions: { type: 'show', params: () => screens.help() } },
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
          input: ({ context }) => ({ intro: context.loginIntro ?? undefined }),
          onDone: {
            target: 'loggedIn.ready',
            actions: [
              assign({ employee: ({ event }) => event.output }),
              { type: 'show', params: ({ event }) => screens.loggedIn(event.output, menuOf(event.output)) },
            ],
          },
        },
        on: {
          TEXT: { actions: 'forwardToFlow' },
          MEDIA: { actions: 'forwardToFlow' },
          BUTTON: [
            { description: buttons.cancel, guard: isNav('cancel'), target: 'loggedOut', actions: { type: 'show', params: () => screens.loginCancelled() } },
            { actions: 'forwardToFlow' },
          ],
          MENU: { actions: { type: 'show', params: () => screens.hint(t.notLoggedIn) } },
          COMMAND: [
            { description: '/start', guard: isCommand('start'), target: 'loggingIn', reenter: true },
            { description: '/cancel', guard: isCommand('cancel'), target: 'loggedOut', actions: { type: 'show', params: () => screens.loginCancelled() } },
            { description: '/menu', guard: isCommand('menu'), actions: { type: 'show', params: () => screens.hint(t.notLoggedIn) } },
          ],
        },
      },
      loggedIn: {
        description: 'logged in: the main menu and the flows',
        initial: 'ready',
        on: {
          SESSION_EXPIRED: {
            description: 'the backend no longer accepts the session: log in again',
            target: 'loggingIn',
            actions: ['forgetEmployee', assign({ loginIntro: t.sessionEnded })],
          },
          PROFILE: [
            {
              description: 'the role changed: show the menu for the new role',
              guard: ({ context, event }) => context.employee?.role !== event.employee.role,
              target: '.menu',
              actions: [
                assign({ employee: ({ event }) => event.employee }),
                { type: 'show', params: ({ event }) => screens.mainMenu(menuOf(event.employee), t.roleChanged(event.employee.roleDisplay)) },
              ],
            },
            { actions: assign({ employee: ({ event }) => event.employee }) },
          ],
          MENU: [
            { description: menu.profile, guard: isMenu('profile'), target: '.profile' },
            ...sectionMenuItems,
            { description: menu.logout, guard: isMenu('logout'), target: '.loggingOut' },
            {
              description: 'a section the role does not see (typed by hand), or one the configuration switched off',
              target: '.ready',
              actions: { type: 'show', params: menuRefusal },
            },
          ],
          COMMAND: [
            { description: '/start', guard: isCommand('start'), target: '.checking' },
            { description: '/menu', guard: isCommand('menu'), target: '.menu' },
            { description: '/cancel', guard: isCommand('cancel'), target: '.menu' },
          ],
          BUTTON: [
            { description: buttons.home, guard: isNav('home'), target: '.menu' },
            { description: buttons.cancel, guard: isNav('cancel'), target: '.menu' },
            ...sectionButtonsOutside,
            { description: 'a button of a section the role may not open, or one that no longer applies', actions: { type: 'alert', params: buttonRefusal } },
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
            entry: { type: 'show', params: ({ context }) => screens.mainMenu(menuOf(context.employee)) },
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
                  params: ({ context }) => screens.mainMenu(menuOf(context.employee), t.serverUnreachableMenu),
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
          ...sectionStates,
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
}

/** The chat with every section switched on (the default configuration; the diagrams and the model read this one). */
export const chatMachine = createChatMachine();
