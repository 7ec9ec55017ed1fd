import { setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { sectionNavigation, type Intent } from '../kit/navigation.js';
import { expectText, followRole, readingToday, set, show } from '../kit/patterns.js';
import type { ButtonData } from '../ui/callback.js';
import { reportScreens } from '../ui/reports-screens.js';
import { reportButtons, press, type NavigationAction } from './buttons.js';
import type { BalanceView, MonthlyReportView } from './model.js';
import { isMonth, monthOfDate, parseMonth } from './month.js';

interface ReportsContext {
  employee: Employee;
  intent: Intent<NavigationAction>;
  notice: string | null;
  /** Tashkent's date from the runtime; null when it could not be read */
  today: string | null;
  /** the month asked for (YYYY-MM); null: none, or a button's value that is not a month */
  month: string | null;
}

const navigation = sectionNavigation<NavigationAction, ReportsContext>({
  buttons: reportButtons,
  permissions: { home: null, month: null, balance: null },
  follow: (button) => (button.action === 'month' ? { month: isMonth(button.value) ? button.value : null } : {}),
});

const thisMonth = (context: ReportsContext) => (context.today ? monthOfDate(context.today) : null);

/** The button that repeats what failed. */
function retryOf(context: ReportsContext): ButtonData {
  return context.intent === 'balance' ? press.balance() : press.month(context.month ?? '');
}

const failureScreen = ({ context, event }: { context: ReportsContext; event: { error: unknown } }) => {
  const failure = asFailure(event.error);
  return reportScreens.failure(failure.message, failure.kind === 'forbidden' ? null : retryOf(context));
};

const typedMonth = ({ context, event }: { context: ReportsContext; event: FlowEvent }) => parseMonth(event.type === 'TEXT' ? event.text : '', thisMonth(context));

/**
 * The reports section: the monthly report of a chosen month (this month, last month, or typed as
 * `2026-11`) and the overall balance, as the backend computes them. Every button navigates, from
 * every state and after a restart; a month typed at any time opens its report.
 */
export const reportsMachine = setup({
  types: {
    context: {} as ReportsContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
  },
  actions: {
    ...effects,
    rememberToday: set((_: unknown, today: string) => ({ today })),
  },
  actors: {
    today: backendCall('today'),
    readMonthlyReport: backendCall('readMonthlyReport'),
    readBalance: backendCall('readBalance'),
  },
}).createMachine({
  id: 'reports',
  description:
    'The reports section: the monthly report of a chosen month (this month, last month, or typed as 2026-11) and the overall balance, ' +
    "as the backend computes them; each mentor named from their groups. Buttons work from every state and after a restart.",
  context: ({ input }: { input: FlowInput }) => navigation.entry(input, { employee: input.employee, intent: 'home', notice: null, today: null, month: null }),
  initial: 'readingToday',
  on: {
    BUTTON: navigation.buttons,
    TEXT: [
      {
        description: 'a month typed (2026-11)',
        guard: (args) => typedMonth(args).ok,
        target: '.loadingMonth',
        actions: set((args: { context: ReportsContext; event: FlowEvent }) => {
          const checked = typedMonth(args);
          return { month: checked.ok ? checked.value : null, intent: 'month' };
        }),
      },
      {
        description: 'not a month: why, and how to type one',
        actions: show((args: { context: ReportsContext; event: FlowEvent }) => {
          const checked = typedMonth(args);
          return reportScreens.badMonth(checked.ok ? '' : checked.reason);
        }),
      },
    ],
    ...expectText,
    ...followRole,
  },
  states: {
    readingToday: readingToday('routing'),
    routing: navigation.routing([
      { description: 'the choice of reports', intents: ['home'], target: 'home' },
      { description: "a month's report", intents: ['month'], target: 'checkingMonth' },
      { description: 'the balance', intents: ['balance'], target: 'loadingBalance' },
    ]),
    home: {
      description: 'the choice: this month, last month, a typed month, or the balance',
      entry: show(({ context }: { context: ReportsContext }) => reportScreens.home(thisMonth(context))),
    },
    checkingMonth: {
      description: "the button's month is a month",
      always: [
        { description: 'a month: its report', guard: ({ context }) => context.month !== null, target: 'loadingMonth' },
        { description: 'not a month: the choice', target: 'home' },
      ],
    },
    loadingMonth: {
      description: "reading the month's report, and each mentor's name from their groups",
      invoke: {
        src: 'readMonthlyReport',
        input: ({ context }) => ({ month: context.month ?? '' }),
        onDone: { target: 'shown', actions: show(({ context, event }: { context: ReportsContext; event: { output: MonthlyReportView } }) => reportScreens.monthly(event.output, thisMonth(context))) },
        onError: { target: 'idle', actions: show(failureScreen) },
      },
    },
    loadingBalance: {
      description: 'reading the overall balance',
      invoke: {
        src: 'readBalance',
        onDone: { target: 'shown', actions: show(({ context, event }: { context: ReportsContext; event: { output: BalanceView } }) => reportScreens.balance(event.output, thisMonth(context))) },
        onError: { target: 'idle', actions: show(failureScreen) },
      },
    },
    shown: { description: 'a report is shown; its buttons lead on, a typed month opens its report' },
    idle: { description: 'a failure is shown; its buttons lead on' },
  },
});
