import { assign, setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { Employee } from '../../api/types.js';
import { studentScreens } from '../ui/students-screens.js';
import { t } from '../ui/texts.js';
import { isPress, press, pressed } from './buttons.js';
import type { GroupOption, StudentView } from './model.js';
import { alert, expectButtons, followRole, permitted, show, staleButton } from '../kit/patterns.js';

export interface BookingInput {
  employee: Employee;
  /** without a group: booking; with one: changing it */
  student: StudentView;
}

interface BookingContext extends BookingInput {
  page: number;
  pages: number;
  /** how many groups can be picked in all */
  count: number;
  /** the groups of the page shown (only these can be picked) */
  groups: GroupOption[];
  chosen: GroupOption | null;
  /** the backend's reason the last pick was refused */
  failure: string | null;
}

/** Groups a picker page shows; the backend's list is one unpaginated array. */
export const GROUPS_PER_PAGE = 8;

type Args = { context: BookingContext; event: FlowEvent };

const changing = ({ context }: { context: BookingContext }) => context.student.groupId !== null;

const retry = (context: BookingContext) => (context.student.groupId === null ? press.book(context.student.id) : press.changeGroup(context.student.id));

const failed = (error: unknown, context: BookingContext) =>
  studentScreens.failure(asFailure(error).message, retry(context), press.list(1, null));

/** The backend turned the pick down (the group filled up, the 10-day rule…): pick again from a fresh list. */
const refused = ({ event }: { event: { error: unknown } }) => ['validation', 'notFound'].includes(asFailure(event.error).kind);

/**
 * Booking a student into a group, or moving them to another one. The picker lists only groups
 * that accept bookings and have a free seat, labelled speciality · days · time · start date ·
 * free seats, a page at a time; a pick is confirmed on a screen that says what will happen.
 * After booking: the first invoice and the contract as the backend reports them (or that it did
 * not create them). After a change: the price difference, the refund or the new invoice.
 */
export const studentBookingMachine = setup({
  types: {
    context: {} as BookingContext,
    events: {} as FlowEvent,
    input: {} as BookingInput,
  },
  actions: {
    ...effects,
    turnPage: assign(({ event }) => ({ page: event.type === 'BUTTON' ? (event.button.id ?? 1) : 1 })),
    showPage: assign(({ context }, groups: GroupOption[]) => {
      const pages = Math.max(1, Math.ceil(groups.length / GROUPS_PER_PAGE));
      const page = Math.min(Math.max(1, context.page), pages);
      return { page, pages, count: groups.length, groups: groups.slice((page - 1) * GROUPS_PER_PAGE, page * GROUPS_PER_PAGE) };
    }),
  },
  actors: {
    listBookableGroups: backendCall('listBookableGroups'),
    bookStudent: backendCall('bookStudent'),
    changeStudentGroup: backendCall('changeStudentGroup'),
  },
}).createMachine({
  id: 'studentBooking',
  description:
    'Booking a student into a group, or moving them to another: a paginated picker of groups with a free seat that accept bookings, a confirmation, and the invoice, refund and contract as the backend reports them.',
  context: ({ input }) => ({ ...input, page: 1, pages: 1, count: 0, groups: [], chosen: null, failure: null }),
  initial: 'loading',
  on: { ...staleButton, ...followRole },
  states: {
    loading: {
      description: 'reading the groups that can take the student now',
      invoke: {
        src: 'listBookableGroups',
        input: ({ context }) => ({ exceptGroupId: context.student.groupId }),
        onDone: { target: 'picking', actions: { type: 'showPage', params: ({ event }) => event.output } },
        onError: { target: 'done', actions: show(({ context, event }: { context: BookingContext; event: { error: unknown } }) => failed(event.error, context)) },
      },
    },
    picking: {
      description: 'the groups, a page at a time',
      entry: [
        show(({ context }: Args) =>
          studentScreens.groupPicker({
            student: context.student,
            groups: context.groups,
            page: context.page,
            pages: context.pages,
            count: context.count,
            failure: context.failure,
          }),
        ),
        assign({ failure: null }),
      ],
      on: {
        BUTTON: [
          {
            description: 'a group of this page',
            guard: ({ context, event }) => isPress(event, 'pick') && context.groups.some((group) => group.id === event.button.id),
            target: 'confirming',
            actions: assign({ chosen: ({ context, event }) => context.groups.find((group) => isPress(event, 'pick') && group.id === event.button.id) ?? null }),
          },
          { description: 'another page', guard: pressed('groups'), target: 'loading', actions: 'turnPage' },
        ],
        ...expectButtons,
      },
    },
    confirming: {
      description: 'saying what will happen and asking to confirm',
      entry: show(({ context }: Args) => studentScreens.confirmGroup(context.student, context.chosen!, context.page)),
      on: {
        BUTTON: [
          { description: 'confirmed', guard: pressed<BookingContext>('group_ok', (context) => context.chosen?.id ?? null), target: 'deciding' },
          { description: 'back to the groups', guard: pressed('groups'), target: 'loading', actions: 'turnPage' },
        ],
        ...expectButtons,
      },
    },
    deciding: {
      description: 'booking or changing, if the role (checked again) allows it',
      always: [
        { description: 'may book', guard: ({ context }) => !changing({ context }) && permitted('students.book')({ context }), target: 'booking' },
        { description: 'may change', guard: ({ context }) => changing({ context }) && permitted('students.changeGroup')({ context }), target: 'changing' },
        {
          description: 'the role may not (it changed meanwhile): said, and the flow ends',
          target: 'done',
          actions: [alert(t.students.forbidden), show(({ context }: Args) => studentScreens.failure(t.students.forbidden.replace(/^❌ /, ''), null, press.open(context.student.id)))],
        },
      ],
    },
    booking: {
      description: 'booking the student into the group',
      invoke: {
        src: 'bookStudent',
        input: ({ context }) => ({ studentId: context.student.id, groupId: context.chosen?.id ?? 0 }),
        onDone: { target: 'done', actions: show(({ context, event }) => studentScreens.booked(event.output, context.student.id)) },
        onError: [
          { description: 'refused: pick again', guard: refused, target: 'loading', actions: assign({ failure: ({ event }) => asFailure(event.error).message }) },
          { target: 'done', actions: show(({ context, event }) => failed(event.error, context)) },
        ],
      },
    },
    changing: {
      description: "moving the student to the group",
      invoke: {
        src: 'changeStudentGroup',
        input: ({ context }) => ({ studentId: context.student.id, groupId: context.chosen?.id ?? 0 }),
        onDone: { target: 'done', actions: show(({ context, event }) => studentScreens.groupChanged(event.output, context.student.id)) },
        onError: [
          { description: 'refused: pick again', guard: refused, target: 'loading', actions: assign({ failure: ({ event }) => asFailure(event.error).message }) },
          {
            description: 'the captured backend fails with a 500 whenever a new invoice is needed (the change is rolled back)',
            guard: ({ event }) => asFailure(event.error).kind === 'server',
            target: 'done',
            actions: show(({ context }) => studentScreens.groupChangeFailed(context.student.id)),
          },
          { target: 'done', actions: show(({ context, event }) => failed(event.error, context)) },
        ],
      },
    },
    done: { type: 'final' },
  },
});
