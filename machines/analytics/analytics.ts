import { setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { sectionNavigation, type Intent } from '../kit/navigation.js';
import { show } from '../kit/patterns.js';
import { can } from '../permissions.js';
import { analyticsScreens } from '../ui/analytics-screens.js';
import { analyticsButtons, type NavigationAction } from './buttons.js';
import type { AnalyticsView } from './model.js';

interface AnalyticsContext {
  employee: Employee;
  intent: Intent<NavigationAction>;
  notice: string | null;
}

const navigation = sectionNavigation<NavigationAction, AnalyticsContext>({
  buttons: analyticsButtons,
  permissions: { show: null },
  follow: () => ({}),
});

/**
 * The analytics section: a live summary read from the backend each time it is opened or
 * refreshed. The figures are read in parallel; one that could not be read says so, the others
 * are shown.
 */
export const analyticsMachine = setup({
  types: {
    context: {} as AnalyticsContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
  },
  actions: { ...effects },
  actors: {
    readAnalytics: backendCall('readAnalytics'),
  },
}).createMachine({
  id: 'analytics',
  description:
    "A live summary from the backend's own figures: students, groups by stage and their seats, invoices by status, this month's income " +
    'where the role may read the report, attendance records this week. A figure that could not be read says so.',
  ...navigation.root((employee) => ({ employee, intent: 'show', notice: null })),
  states: {
    routing: navigation.routing([{ description: 'the summary', intents: ['show'], target: 'loading' }]),
    loading: {
      description: 'reading every figure at once',
      invoke: {
        src: 'readAnalytics',
        input: ({ context }) => ({ income: can(context.employee.role, 'reports.view') }),
        onDone: { target: 'shown', actions: show(({ event }: { event: { output: AnalyticsView } }) => analyticsScreens.summary(event.output)) },
        onError: { target: 'idle', actions: show(({ event }: { event: { error: unknown } }) => analyticsScreens.failure(asFailure(event.error).message)) },
      },
    },
    shown: { description: 'the summary is shown; its button reads it again' },
    idle: { description: 'the summary could not be read; its button tries again' },
  },
});
