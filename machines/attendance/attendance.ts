import { setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { forwardToChild, type FlowInput } from '../flow.js';
import type { GroupPage } from '../groups/model.js';
import { fromCompact } from '../kit/dates.js';
import { firstPage, pagedList } from '../kit/list.js';
import { sectionNavigation, type RecordsContext } from '../kit/navigation.js';
import { childEvents, expectText, hint, readingToday, set, show } from '../kit/patterns.js';
import { loadingRecord } from '../kit/record.js';
import { attendanceScreens } from '../ui/attendance-screens.js';
import type { ButtonData } from '../ui/callback.js';
import { t } from '../ui/texts.js';
import { parseDay } from '../validation.js';
import { attendanceButtons, press, type NavigationAction } from './buttons.js';
import { markAttendanceMachine, type MarkOutput } from './mark.js';
import { decodeFilter, noFilter, type AttendanceFilter, type AttendancePage, type AttendanceView } from './model.js';

interface AttendanceContext extends RecordsContext<NavigationAction> {
  /** the list has no search: a typed day narrows it instead */
  search: null;
  filter: AttendanceFilter;
  recordId: number | null;
  record: AttendanceView | null;
  /** the group and day to mark (a record's "correct" button) */
  markGroupId: number | null;
  markDate: string | null;
  pickerPage: number;
  today: string | null;
}

const navigation = sectionNavigation<NavigationAction, AttendanceContext>({
  buttons: attendanceButtons,
  permissions: { list: null, open: null, groups: null, days: null, mark: 'attendance.mark' },
  opens: 'attendance.view',
  follow: (button) => {
    const filter = decodeFilter(button.value);
    if (button.action === 'list') return { page: Math.max(1, button.id ?? 1), filter };
    if (button.action === 'open') return { recordId: button.id ?? null, filter };
    if (button.action === 'groups') return { pickerPage: Math.max(1, button.id ?? 1), filter };
    if (button.action === 'mark') return { markGroupId: button.id ?? null, markDate: fromCompact(button.value) };
    return { filter };
  },
});

const ownGroupsOnly = (context: AttendanceContext) => context.employee.role === 'mentor';

/** The button that repeats what failed. */
function retryOf(context: AttendanceContext): ButtonData | null {
  const buttons: Record<NavigationAction, () => ButtonData> = {
    list: () => press.list(context.page, context.filter),
    open: () => press.open(context.recordId ?? 0, context.filter),
    groups: () => press.groups(context.pickerPage, context.filter),
    days: () => press.days(context.filter),
    mark: () => press.mark(context.markGroupId ?? undefined, context.markDate ?? undefined),
  };
  return context.intent === 'forbidden' || context.intent === 'stale' ? null : buttons[context.intent]();
}

const failureScreen = (error: unknown, context: AttendanceContext) => {
  const failure = asFailure(error);
  // a record or group gone (or another mentor's): back to the list without it
  const filter = failure.kind === 'notFound' ? noFilter : context.filter;
  return attendanceScreens.failure(failure.message, failure.kind === 'notFound' ? null : retryOf(context), filter);
};

type Args = { context: AttendanceContext; event: FlowEvent };

/**
 * The attendance section: the list (the backend's pages and total; narrowed by group and days by
 * the bot, which reads the newest pages and says how far back it looked; a mentor's holds only
 * their own groups), a record with who attended, the pickers of a group and of days, and marking
 * a lesson as a child flow. Navigation buttons carry the filter and work from every state.
 */
export const attendanceMachine = setup({
  types: { context: {} as AttendanceContext, events: {} as FlowEvent, input: {} as FlowInput },
  actions: {
    ...effects,
    forwardToChild,
    rememberToday: set((_: unknown, today: string) => ({ today })),
  },
  actors: {
    markFlow: markAttendanceMachine,
    today: backendCall('today'),
    listAttendance: backendCall('listAttendance'),
    getAttendance: backendCall('getAttendance'),
    listGroups: backendCall('listGroups'),
  },
}).createMachine({
  id: 'attendance',
  description:
    "The attendance section: the list with the backend's total, narrowed by group and days (by the bot, over the newest pages; a mentor sees only their own groups), " +
    'a record with who attended, and marking a lesson (a child flow). Navigation buttons carry the filter and work from every state and after a restart.',
  ...navigation.root((employee) => ({
    employee,
    ...firstPage,
    filter: noFilter,
    recordId: null,
    record: null,
    markGroupId: null,
    markDate: null,
    pickerPage: 1,
    today: null,
  })),
  states: {
    routing: navigation.routing([
      { description: 'a list page', intents: ['list'], target: 'list' },
      { description: 'a record', intents: ['open'], target: 'loadingRecord' },
      { description: 'the group picker', intents: ['groups'], target: 'loadingGroups' },
      { description: 'the days picker', intents: ['days'], target: 'readingToday' },
      { description: 'marking a lesson', intents: ['mark'], target: 'marking' },
    ]),
    list: pagedList({
      src: 'listAttendance',
      description: 'the list of records, a page at a time, narrowed by the filter',
      input: (context: AttendanceContext) => ({ page: context.page, ...context.filter, ownGroupsOnly: ownGroupsOnly(context) }),
      screen: (page: AttendancePage, context: AttendanceContext) => attendanceScreens.list(page, { role: context.employee.role, filter: context.filter, notice: context.notice }),
      failure: failureScreen,
      failed: '#attendance.idle',
      searchHint: null,
      typed: [
        {
          description: 'a typed day narrows the list to it',
          guard: ({ event }: Args) => event.type === 'TEXT' && parseDay(event.text).ok,
          target: 'loading',
          actions: set(({ context, event }: Args) => {
            const day = parseDay(event.type === 'TEXT' ? event.text : '');
            return day.ok ? { filter: { ...context.filter, from: day.value, to: day.value }, page: 1 } : {};
          }),
        },
        { description: 'not a day', actions: hint(t.attendance.list.typeHint) },
      ] as never,
    }),
    loadingRecord: loadingRecord({
      src: 'getAttendance',
      description: 'reading the record afresh (a mentor: only their own groups)',
      id: (context: AttendanceContext) => context.recordId ?? 0,
      input: (context: AttendanceContext) => ({ ownGroupsOnly: ownGroupsOnly(context) }),
      into: 'record',
      target: 'detail',
      failure: failureScreen,
      failed: 'idle',
    }),
    detail: {
      description: 'a record: its group, day, mentor and who attended',
      entry: [
        show(({ context }: { context: AttendanceContext }) => attendanceScreens.detail(context.record!, { role: context.employee.role, filter: context.filter, notice: context.notice })),
        set({ notice: null }),
      ],
    },
    loadingGroups: {
      description: 'reading the groups to filter by (a mentor gets only their own)',
      invoke: {
        src: 'listGroups',
        input: ({ context }) => ({ page: context.pickerPage, search: null }),
        onDone: {
          target: 'idle',
          actions: show(({ context, event }: { context: AttendanceContext; event: { output: GroupPage } }) =>
            attendanceScreens.groups(event.output, { role: context.employee.role, filter: context.filter }),
          ),
        },
        onError: { target: 'idle', actions: show(({ context, event }) => failureScreen(event.error, context)) },
      },
    },
    readingToday: readingToday('days'),
    days: {
      description: 'today, yesterday, this week, or a typed day',
      entry: show(({ context }: { context: AttendanceContext }) => attendanceScreens.days(context.today ?? '', context.filter)),
      on: {
        TEXT: [
          {
            description: 'a typed day',
            guard: ({ event }) => event.type === 'TEXT' && parseDay(event.text).ok,
            target: 'list',
            actions: set(({ context, event }: Args) => {
              const day = parseDay(event.type === 'TEXT' ? event.text : '');
              return day.ok ? { filter: { ...context.filter, from: day.value, to: day.value }, page: 1 } : {};
            }),
          },
          {
            description: 'not a day',
            actions: show(({ event }: Args) => {
              const day = parseDay(event.type === 'TEXT' ? event.text : '');
              return { text: t.error(day.ok ? '' : day.reason) };
            }),
          },
        ],
        ...expectText,
      },
    },
    marking: {
      description: 'marking a lesson',
      invoke: {
        id: 'child',
        src: 'markFlow',
        input: ({ context }) => ({ employee: context.employee, groupId: context.markGroupId, date: context.markDate }),
        onDone: {
          description: 'saved: the record',
          target: 'detail',
          actions: set(({ event }: { event: { output: MarkOutput } }) => {
            const { record, corrected, total } = event.output;
            const present = record.attendees.length;
            return {
              record,
              recordId: record.id,
              filter: noFilter,
              notice: corrected ? t.attendance.mark.corrected(present, total) : t.attendance.mark.saved(present, total),
            };
          }),
        },
      },
      on: childEvents(attendanceButtons),
    },
    idle: { description: 'a result or a failure is shown; its buttons lead on' },
  },
});
