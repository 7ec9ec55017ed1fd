import { assign, forwardTo, setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { can, type Permission } from '../permissions.js';
import type { ButtonData } from '../ui/callback.js';
import { clip, escapeHtml } from '../ui/format.js';
import type { Employee } from '../ui/screens.js';
import { studentScreens } from '../ui/students-screens.js';
import { t } from '../ui/texts.js';
import { normaliseSearch } from '../validation.js';
import { studentBookingMachine } from './booking.js';
import { isNavigation, press, pressed, type NavigationAction } from './buttons.js';
import { createStudentMachine } from './create.js';
import { editStudentMachine } from './edit.js';
import type { StudentView } from './model.js';
import { alert, checkingPermission, expectButtons, expectText, hint, show } from './patterns.js';

/** What a navigation button asked for; 'forbidden' and 'stale' when the flow was entered with one it cannot follow. */
type Intent = NavigationAction | 'forbidden' | 'stale';

interface StudentsContext {
  employee: Employee;
  /** the list page and search the person is in; the detail's back button returns to them */
  page: number;
  search: string | null;
  intent: Intent;
  studentId: number | null;
  /** the student the current screen is about, as last read from the backend */
  student: StudentView | null;
  /** one line for the next screen (what just happened), shown once */
  notice: string | null;
}

const permissionFor: Record<NavigationAction, Permission | null> = {
  list: null,
  open: null,
  new: 'students.create',
  edit: 'students.edit',
  delete: 'students.delete',
  book: 'students.book',
  change: 'students.changeGroup',
  unbook: 'students.cancelBooking',
};

function mayFollow(role: string, button: ButtonData): boolean {
  const permission = permissionFor[button.action as NavigationAction];
  return permission === null || can(role, permission);
}

/** Context taken from a navigation button: where it points. */
function follow(button: ButtonData): Partial<StudentsContext> {
  const intent = button.action as NavigationAction;
  if (intent === 'list') return { intent, page: Math.max(1, button.id ?? 1), search: button.value ? normaliseSearch(button.value) || null : null };
  if (intent === 'new') return { intent };
  return { intent, studentId: button.id ?? null };
}

function entryContext(input: FlowInput): StudentsContext {
  const base: StudentsContext = { employee: input.employee, page: 1, search: null, intent: 'list', studentId: null, student: null, notice: null };
  const entry = input.entry;
  if (!entry) return base;
  const navigation = isNavigation({ type: 'BUTTON', button: entry });
  if (!navigation) return { ...base, intent: 'stale' };
  if (!mayFollow(input.employee.role, entry)) return { ...base, intent: 'forbidden' };
  return { ...base, ...follow(entry) };
}

/** The button that repeats what failed, so that "retry" works like any other navigation. */
function retryOf(context: StudentsContext): ButtonData | null {
  const id = context.studentId ?? 0;
  const buttons: Record<NavigationAction, () => ButtonData> = {
    list: () => press.list(context.page, context.search),
    open: () => press.open(id),
    new: () => press.create(),
    edit: () => press.edit(id),
    delete: () => press.remove(id),
    book: () => press.book(id),
    change: () => press.changeGroup(id),
    unbook: () => press.cancelBooking(id),
  };
  return context.intent === 'forbidden' || context.intent === 'stale' ? null : buttons[context.intent]();
}

const intentIs =
  (...intents: Intent[]) =>
  ({ context }: { context: StudentsContext }) =>
    intents.includes(context.intent);

const hasGroup = ({ context }: { context: StudentsContext }) => context.student?.groupId != null;

const failureScreen = (error: unknown, context: StudentsContext) => {
  const failure = asFailure(error);
  return studentScreens.failure(failure.message, failure.kind === 'notFound' ? null : retryOf(context), press.list(context.page, context.search));
};

/**
 * The students section: the paginated list with search, a student's detail, deleting a student
 * and cancelling a booking, and the child flows for creating, editing and booking (or changing
 * the group of) a student.
 *
 * Navigation buttons (list pages, a student, the actions of a detail) are handled at the root,
 * so they work from every state and after a restart: the flow is then started with the button
 * as `input.entry`. Confirmations are honoured only by the state that showed them.
 */
export const studentsMachine = setup({
  types: {
    context: {} as StudentsContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
  },
  actions: {
    ...effects,
    forwardToChild: forwardTo('child'),
    takeNotice: assign({ notice: null }),
  },
  actors: {
    createFlow: createStudentMachine,
    editFlow: editStudentMachine,
    bookingFlow: studentBookingMachine,
    listStudents: backendCall('listStudents'),
    getStudent: backendCall('getStudent'),
    deleteStudent: backendCall('deleteStudent'),
    cancelStudentBooking: backendCall('cancelStudentBooking'),
  },
}).createMachine({
  id: 'students',
  description:
    'The students section: the backend-paginated list with search, a student\'s detail with the actions the role may take, ' +
    'deleting a student and cancelling a booking; creating, editing and booking run as child flows. Navigation buttons work from every state and after a restart.',
  context: ({ input }) => entryContext(input),
  initial: 'routing',
  on: {
    BUTTON: [
      {
        description: 'a navigation button, from this screen or an older one',
        guard: ({ context, event }) => isNavigation(event) && mayFollow(context.employee.role, event.button),
        target: '.routing',
        actions: assign(({ event }) => (event.type === 'BUTTON' ? follow(event.button) : {})),
      },
      { description: 'a navigation button the role may not follow', guard: ({ event }) => isNavigation(event), actions: alert(t.students.forbidden) },
      { description: 'a confirmation or picker button this state is not waiting for', actions: alert(t.staleButton) },
    ],
    ...expectButtons,
  },
  states: {
    routing: {
      description: 'following a navigation button',
      always: [
        { description: 'a list page', guard: intentIs('list'), target: 'list' },
        { description: 'a new student', guard: intentIs('new'), target: 'creating' },
        { description: 'a student, or an action on one', guard: intentIs('open', 'edit', 'delete', 'book', 'change', 'unbook'), target: 'loadingStudent' },
        { description: 'entered with a button the role may not follow', guard: intentIs('forbidden'), target: 'idle', actions: alert(t.students.forbidden) },
        { description: 'entered with a button that no longer applies', target: 'idle', actions: alert(t.staleButton) },
      ],
    },
    list: {
      description: 'the list of students, a page at a time',
      initial: 'loading',
      states: {
        loading: {
          description: 'loading a page of the list (the backend paginates and searches)',
          invoke: {
            src: 'listStudents',
            input: ({ context }) => ({ page: context.page, search: context.search }),
            onDone: {
              target: 'shown',
              actions: [
                assign({ page: ({ event }) => event.output.page }),
                show(({ context, event }) =>
                  studentScreens.list(event.output, { role: context.employee.role, search: context.search, notice: context.notice }),
                ),
                'takeNotice',
              ],
            },
            onError: { target: '#students.idle', actions: [show(({ context, event }) => failureScreen(event.error, context)), 'takeNotice'] },
          },
        },
        shown: {
          description: 'the list is shown; a text typed now is a search',
          on: {
            TEXT: [
              {
                description: 'a search',
                guard: ({ event }) => normaliseSearch(event.text) !== '',
                target: 'loading',
                actions: assign({ search: ({ event }) => normaliseSearch(event.text), page: 1 }),
              },
              { actions: hint(t.students.list.searchHint) },
            ],
            ...expectText,
          },
        },
      },
    },
    loadingStudent: {
      description: "reading the student afresh before showing or acting on them",
      invoke: {
        src: 'getStudent',
        input: ({ context }) => ({ id: context.studentId ?? 0 }),
        onDone: { target: 'studentLoaded', actions: assign({ student: ({ event }) => event.output }) },
        onError: { target: 'idle', actions: [show(({ context, event }) => failureScreen(event.error, context)), 'takeNotice'] },
      },
    },
    studentLoaded: {
      description: 'going where the button pointed, if the student is in a state that allows it',
      always: [
        { description: 'edit', guard: intentIs('edit'), target: 'editing' },
        { description: 'delete', guard: intentIs('delete'), target: 'confirmingRemoval' },
        { description: 'book (not in a group)', guard: ({ context }) => context.intent === 'book' && !hasGroup({ context }), target: 'booking' },
        {
          description: 'book, but already in a group',
          guard: intentIs('book'),
          target: 'detail',
          actions: assign({ notice: ({ context }) => t.students.detail.alreadyInGroup(escapeHtml(clip(context.student?.groupName, 120))) }),
        },
        { description: 'change the group (in one)', guard: ({ context }) => context.intent === 'change' && hasGroup({ context }), target: 'booking' },
        {
          description: 'cancel the booking (in a group)',
          guard: ({ context }) => context.intent === 'unbook' && hasGroup({ context }),
          target: 'confirmingCancelBooking',
        },
        {
          description: 'change or cancel, but not in a group',
          guard: intentIs('change', 'unbook'),
          target: 'detail',
          actions: assign({ notice: t.students.detail.notInGroup }),
        },
        { description: 'open', target: 'detail' },
      ],
    },
    detail: {
      description: "a student's detail, with the actions the role may take",
      entry: [
        show(({ context }) =>
          studentScreens.detail(context.student!, {
            role: context.employee.role,
            page: context.page,
            search: context.search,
            notice: context.notice,
          }),
        ),
        'takeNotice',
      ],
    },
    confirmingRemoval: {
      description: 'asking to confirm the deletion (the account goes too)',
      entry: show(({ context }) => studentScreens.confirmRemove(context.student!)),
      on: { BUTTON: { description: 'confirmed', guard: pressed<StudentsContext>('delete_ok', (c) => c.studentId), target: 'mayRemove' } },
    },
    mayRemove: checkingPermission('students.delete', 'removing', 'detail'),
    removing: {
      description: 'deleting the student',
      invoke: {
        src: 'deleteStudent',
        input: ({ context }) => ({ id: context.studentId ?? 0 }),
        onDone: {
          target: 'list',
          actions: assign({ notice: ({ context }) => t.students.list.deleted(studentName(context)), student: null, studentId: null }),
        },
        onError: [
          {
            description: 'someone else deleted the student first',
            guard: ({ event }) => asFailure(event.error).kind === 'notFound',
            target: 'list',
            actions: assign({ notice: ({ event }) => t.error(escapeHtml(asFailure(event.error).message)), student: null, studentId: null }),
          },
          { target: 'idle', actions: show(({ context, event }) => failureScreen(event.error, context)) },
        ],
      },
    },
    confirmingCancelBooking: {
      description: 'asking to confirm taking the student out of their group',
      entry: show(({ context }) => studentScreens.confirmCancelBooking(context.student!)),
      on: { BUTTON: { description: 'confirmed', guard: pressed<StudentsContext>('unbook_ok', (c) => c.studentId), target: 'mayCancelBooking' } },
    },
    mayCancelBooking: checkingPermission('students.cancelBooking', 'cancellingBooking', 'detail'),
    cancellingBooking: {
      description: 'cancelling the booking',
      invoke: {
        src: 'cancelStudentBooking',
        input: ({ context }) => ({ studentId: context.studentId ?? 0 }),
        onDone: { target: 'idle', actions: show(({ context, event }) => studentScreens.bookingCancelled(event.output, context.studentId ?? 0)) },
        onError: { target: 'idle', actions: show(({ context, event }) => failureScreen(event.error, context)) },
      },
    },
    creating: {
      description: 'the create wizard',
      invoke: {
        id: 'child',
        src: 'createFlow',
        input: ({ context }) => ({ employee: context.employee, cancel: press.list(context.page, context.search) }),
        onDone: { target: 'idle' },
      },
      on: {
        TEXT: { actions: 'forwardToChild' },
        MEDIA: { actions: 'forwardToChild' },
        BUTTON: [
          { description: "an old list's create button: the draft is kept", guard: pressed('new'), actions: alert(t.students.create.alreadyOpen) },
          { description: "the wizard's own buttons", guard: ({ event }) => !isNavigation(event), actions: 'forwardToChild' },
        ],
      },
    },
    editing: {
      description: 'the edit flow',
      invoke: {
        id: 'child',
        src: 'editFlow',
        input: ({ context }) => ({ employee: context.employee, student: context.student! }),
        onDone: {
          description: 'saved: the refreshed detail',
          target: 'detail',
          actions: assign({ student: ({ event }) => event.output.student, notice: t.students.detail.saved }),
        },
      },
      on: childEvents(),
    },
    booking: {
      description: 'booking into a group, or changing the group',
      invoke: {
        id: 'child',
        src: 'bookingFlow',
        input: ({ context }) => ({ employee: context.employee, student: context.student! }),
        onDone: { target: 'idle' },
      },
      on: childEvents(),
    },
    idle: {
      description: "a result or a failure is shown; its buttons lead on",
    },
  },
});

function studentName(context: StudentsContext): string {
  return escapeHtml(clip(context.student?.fullName, 120));
}

/** A child flow gets the person's text, photos and its own buttons; navigation stays with the root. */
function childEvents() {
  return {
    TEXT: { actions: 'forwardToChild' as const },
    MEDIA: { actions: 'forwardToChild' as const },
    BUTTON: { description: "the child flow's own buttons", guard: ({ event }: { event: FlowEvent }) => !isNavigation(event), actions: 'forwardToChild' as const },
  };
}
