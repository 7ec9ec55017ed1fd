import { setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { isPress, pressed } from '../kit/buttons.js';
import { fromCompact } from '../kit/dates.js';
import { expectButtons, followRole, permitted, readingToday, set, show, staleButton } from '../kit/patterns.js';
import { attendanceScreens } from '../ui/attendance-screens.js';
import { escapeHtml } from '../ui/format.js';
import type { Screen } from '../ui/screen.js';
import { t } from '../ui/texts.js';
import { parseDay, type Checked } from '../validation.js';
import { press } from './buttons.js';
import { noFilter, type MarkingResult, type MarkingSheet } from './model.js';
import type { GroupPage } from '../groups/model.js';

/** What a marking ends with: the saved record, whether it was a correction, and how many students the group has. */
export interface MarkOutput extends MarkingResult {
  total: number;
}

export interface MarkInput {
  employee: Employee;
  /** the group to mark (a record's "correct" button); null: the person picks one */
  groupId: number | null;
  /** the day to mark (a record's); null: today */
  date: string | null;
}

interface MarkContext extends MarkInput {
  /** Tashkent's date from the runtime; null when it could not be read */
  today: string | null;
  pickerPage: number;
  sheet: MarkingSheet | null;
  /** the students ticked as present */
  present: number[];
  notice: string | null;
}

type Args = { context: MarkContext; event: FlowEvent };

const m = t.attendance.mark;

/** A typed day for the lesson: a real date, not after today. */
function lessonDay(text: string, today: string | null): Checked<string> {
  const day = parseDay(text);
  if (day.ok && today !== null && day.value > today) return { ok: false, reason: t.attendance.invalid.future };
  return day;
}

/** The person may mark this group: a mentor only their own (the backend would accept any, capture 215). */
const ownsGroup = ({ context }: { context: MarkContext }): boolean =>
  context.sheet !== null && (context.employee.role !== 'mentor' || context.sheet.group.mentorId === context.employee.id);

/**
 * Checked again right before sending, with the role as it is now: the role may mark (every role
 * that may open the attendance section may, so this alone never refuses) and, a mentor, the group
 * is their own.
 */
const mayMarkGroup = ({ context }: { context: MarkContext }): boolean => permitted('attendance.mark')({ context }) && ownsGroup({ context });

const rosterIds = (context: MarkContext): number[] => context.sheet?.students.map((student) => student.id) ?? [];

const sheetScreen = (context: MarkContext): Screen => attendanceScreens.sheet(context.sheet!, { present: context.present, today: context.today, notice: context.notice });

const failure = (error: unknown, retry = press.mark()) => {
  const reason = asFailure(error);
  return attendanceScreens.failure(reason.message, reason.kind === 'notFound' ? null : retry, noFilter);
};

/**
 * Marking a lesson: the group (a mentor's own only; managers any), the day (today in Tashkent by
 * default), then one message of the group's students that edits itself as they are ticked, with
 * the count of those present and "all" / "none"; saving sends the day always, creates the record
 * or corrects the day's existing one. A mentor's forged button for another's group finds no
 * group (the backend reads a mentor only their own); a manager made a mentor meanwhile is refused
 * another's group before anything is sent; the save button works once.
 */
export const markAttendanceMachine = setup({
  types: { context: {} as MarkContext, events: {} as FlowEvent, input: {} as MarkInput, output: {} as MarkOutput },
  actions: {
    ...effects,
    rememberToday: set((_: unknown, today: string) => ({ today })),
  },
  actors: {
    today: backendCall('today'),
    listGroups: backendCall('listGroups'),
    openMarking: backendCall('openMarking'),
    saveAttendance: backendCall('saveAttendance'),
  },
}).createMachine({
  id: 'markAttendance',
  description:
    "Marking a lesson's attendance: a group (a mentor's own only), the day (today in Tashkent by default), the students ticked on one message that edits itself, " +
    'then a save that creates the record or corrects the existing one; nothing is sent for a group the person may not mark.',
  context: ({ input }) => ({ ...input, today: null, pickerPage: 1, sheet: null, present: [], notice: null }),
  initial: 'readingToday',
  on: { ...staleButton, ...expectButtons, ...followRole },
  states: {
    readingToday: readingToday('starting'),
    starting: {
      description: 'today is the default day; a group given by the button is opened at once',
      entry: set(({ context }: { context: MarkContext }) => ({ date: context.date ?? context.today })),
      always: [
        { description: 'a group was given', guard: ({ context }) => context.groupId !== null, target: 'opening' },
        { target: 'loadingGroups' },
      ],
    },
    loadingGroups: {
      description: 'reading the groups to choose from (a mentor gets only their own)',
      invoke: {
        src: 'listGroups',
        input: ({ context }) => ({ page: context.pickerPage, search: null }),
        onDone: {
          target: 'choosingGroup',
          actions: [
            set(({ event }: { event: { output: GroupPage } }) => ({ pickerPage: event.output.page })),
            show(({ context, event }: { context: MarkContext; event: { output: GroupPage } }) => attendanceScreens.groups(event.output, { role: context.employee.role, filter: null })),
          ],
        },
        onError: { target: 'failed', actions: show(({ event }) => failure(event.error)) },
      },
    },
    choosingGroup: {
      description: 'the groups are shown; one is picked',
      on: {
        BUTTON: [
          { description: 'a group', guard: ({ event }) => isPress(event, 'pick') && event.button.id !== undefined, target: 'opening', actions: set(({ event }: Args) => ({ groupId: event.type === 'BUTTON' ? event.button.id : null })) },
          { description: 'another page', guard: ({ event }) => isPress(event, 'gpage'), target: 'loadingGroups', actions: set(({ event }: Args) => ({ pickerPage: event.type === 'BUTTON' ? Math.max(1, event.button.id ?? 1) : 1 })) },
          { actions: { type: 'alert', params: t.staleButton } },
        ],
      },
    },
    opening: {
      description: "reading the group, its students and the day's existing record",
      invoke: {
        src: 'openMarking',
        input: ({ context }) => ({ groupId: context.groupId ?? 0, date: context.date ?? '' }),
        // the backend reads a mentor only their own groups (another's answers 404, a failure here),
        // so a sheet opened is one the person may mark; `checking` asks again before the save
        onDone: {
          target: 'sheet',
          actions: set(({ event }: { event: { output: MarkingSheet } }) => {
            const members = new Set(event.output.students.map((student) => student.id));
            return { sheet: event.output, present: (event.output.existing?.participants ?? []).filter((id) => members.has(id)) };
          }),
        },
        onError: { target: 'failed', actions: show(({ context, event }) => failure(event.error, press.mark(context.groupId ?? undefined, context.date ?? undefined))) },
      },
    },
    sheet: {
      description: 'the students, ticked as present or not, on one message that edits itself',
      entry: [show(({ context }: { context: MarkContext }) => sheetScreen(context)), set({ notice: null })],
      on: {
        BUTTON: [
          {
            description: 'a student ticked or unticked',
            guard: ({ context, event }) => isPress(event, 'tog') && rosterIds(context).includes(event.button.id ?? -1),
            target: 'sheet',
            reenter: true,
            actions: set(({ context, event }: Args) => {
              const id = event.type === 'BUTTON' ? (event.button.id ?? -1) : -1;
              return { present: context.present.includes(id) ? context.present.filter((p) => p !== id) : [...context.present, id] };
            }),
          },
          {
            description: 'all present',
            guard: ({ context, event }) => isPress(event, 'all') && rosterIds(context).some((id) => !context.present.includes(id)),
            target: 'sheet',
            reenter: true,
            actions: set(({ context }: Args) => ({ present: rosterIds(context) })),
          },
          {
            description: 'nobody present',
            guard: ({ context, event }) => isPress(event, 'none') && context.present.length > 0,
            target: 'sheet',
            reenter: true,
            actions: set({ present: [] }),
          },
          { description: 'all or none, already so: the sheet stays as it is', guard: ({ event }) => isPress(event, 'all') || isPress(event, 'none'), actions: { type: 'alert', params: m.unchanged } },
          { description: 'another day', guard: pressed<MarkContext>('date'), target: 'choosingDate' },
          { description: 'save', guard: pressed<MarkContext>('save'), target: 'checking' },
          { actions: { type: 'alert', params: t.staleButton } },
        ],
      },
    },
    choosingDate: {
      description: "the lesson's day: today, yesterday or a typed date (not after today)",
      entry: show(({ context }: { context: MarkContext }) => attendanceScreens.dates(context.today ?? context.date ?? '')),
      on: {
        BUTTON: [
          {
            description: 'a day',
            guard: ({ context, event }) => isPress(event, 'day') && lessonDay(formatted(fromCompact(event.button.value)), context.today).ok,
            target: 'opening',
            actions: set(({ event }: Args) => ({ date: event.type === 'BUTTON' ? fromCompact(event.button.value) : null })),
          },
          { description: 'back to the sheet', guard: pressed<MarkContext>('sheet'), target: 'sheet' },
          { actions: { type: 'alert', params: t.staleButton } },
        ],
        TEXT: [
          {
            description: 'a typed day',
            guard: ({ context, event }) => event.type === 'TEXT' && lessonDay(event.text, context.today).ok,
            target: 'opening',
            actions: set(({ context, event }: Args) => {
              const day = lessonDay(event.type === 'TEXT' ? event.text : '', context.today);
              return { date: day.ok ? day.value : context.date };
            }),
          },
          {
            description: 'not a day that can be marked',
            actions: show(({ context, event }: Args) => {
              const day = lessonDay(event.type === 'TEXT' ? event.text : '', context.today);
              return { text: t.error(day.ok ? '' : day.reason) };
            }),
          },
        ],
      },
    },
    checking: {
      description: "the role checked again before sending: a manager, or a mentor's own group (a manager made a mentor meanwhile is refused another's)",
      always: [{ description: 'their own, or a manager', guard: mayMarkGroup, target: 'saving' }, { target: 'refused' }],
    },
    saving: {
      description: 'saving: a new record, or the correction of the existing one',
      invoke: {
        src: 'saveAttendance',
        input: ({ context }) => ({
          groupId: context.sheet!.group.id,
          date: context.sheet!.date,
          mentorId: context.sheet!.group.mentorId,
          participants: context.present,
          recordId: context.sheet!.existing?.id ?? null,
        }),
        onDone: { target: 'done', actions: set(({ event }: { event: { output: MarkingResult } }) => ({ result: event.output })) },
        onError: {
          description: 'not saved: the ticks are kept, the reason shown',
          target: 'sheet',
          actions: set(({ event }: { event: { error: unknown } }) => ({ notice: m.notSaved(escapeHtml(asFailure(event.error).message)) })),
        },
      },
    },
    refused: {
      description: "another mentor's group: refused, nothing was sent",
      entry: [show(() => attendanceScreens.notYours()), { type: 'alert', params: t.forbidden }],
    },
    failed: { description: 'a failure is shown; its buttons lead on' },
    done: { type: 'final' },
  },
  output: ({ context }) => ({ ...(context as MarkContext & { result: MarkingResult }).result, total: context.sheet?.students.length ?? 0 }),
});

const formatted = (date: string | null): string => date ?? '';
