import { setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { firstPage, pagedList } from '../kit/list.js';
import { recordNavigation, sectionNavigation, type RecordsContext } from '../kit/navigation.js';
import { alert, checkingPermission, childEvents, recordRootActions, set, show } from '../kit/patterns.js';
import { confirmOnce, confirmedRemoval, loadingRecord } from '../kit/record.js';
import { clip, escapeHtml } from '../ui/format.js';
import { studentScreens } from '../ui/students-screens.js';
import { t } from '../ui/texts.js';
import { studentBookingMachine } from './booking.js';
import { isNavigation, press, pressed, studentButtons, type NavigationAction } from './buttons.js';
import { createStudentMachine } from './create.js';
import { editStudentMachine } from './edit.js';
import type { StudentPage, StudentView } from './model.js';

interface StudentsContext extends RecordsContext<NavigationAction> {
  studentId: number | null;
  /** the student the current screen is about, as last read from the backend */
  student: StudentView | null;
}

const records = recordNavigation<NavigationAction, StudentsContext>({ buttons: studentButtons, id: 'studentId' });

const navigation = sectionNavigation<NavigationAction, StudentsContext>({
  buttons: studentButtons,
  permissions: {
    list: null,
    open: null,
    new: 'students.create',
    edit: 'students.edit',
    delete: 'students.delete',
    book: 'students.book',
    change: 'students.changeGroup',
    unbook: 'students.cancelBooking',
  },
  follow: records.follow,
});

const intentIs = navigation.intentIs;

const hasGroup = ({ context }: { context: StudentsContext }) => context.student?.groupId != null;

const failureScreen = (error: unknown, context: StudentsContext) =>
  studentScreens.failure(asFailure(error).message, records.retryAfter(error, context), press.list(context.page, context.search));

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
  actions: recordRootActions,
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
  ...navigation.root((employee) => ({ employee, ...firstPage, studentId: null, student: null })),
  states: {
    routing: navigation.routing([
      { description: 'a list page', intents: ['list'], target: 'list' },
      { description: 'a new student', intents: ['new'], target: 'creating' },
      { description: 'a student, or an action on one', intents: ['open', 'edit', 'delete', 'book', 'change', 'unbook'], target: 'loadingStudent' },
    ]),
    list: pagedList({
      src: 'listStudents',
      description: 'the list of students, a page at a time',
      screen: (page: StudentPage, context: StudentsContext) =>
        studentScreens.list(page, { role: context.employee.role, search: context.search, notice: context.notice }),
      failure: failureScreen,
      failed: '#students.idle',
      searchHint: t.students.list.searchHint,
    }),
    loadingStudent: loadingRecord({
      src: 'getStudent',
      description: 'reading the student afresh before showing or acting on them',
      id: (context: StudentsContext) => context.studentId ?? 0,
      into: 'student',
      target: 'studentLoaded',
      failure: failureScreen,
      failed: 'idle',
    }),
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
          actions: set(({ context }: { context: StudentsContext }) => ({ notice: t.students.detail.alreadyInGroup(escapeHtml(clip(context.student?.groupName, 120))) })),
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
          actions: set({ notice: t.students.detail.notInGroup }),
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
    ...confirmedRemoval({
      description: 'asking to confirm the deletion (the account goes too)',
      screen: (context: StudentsContext) => studentScreens.confirmRemove(context.student!),
      permission: 'students.delete',
      src: 'deleteStudent',
      what: 'the student',
      id: (context: StudentsContext) => context.studentId,
      deleted: (context: StudentsContext) => t.students.list.deleted(studentName(context)),
      forget: ['student', 'studentId'],
      target: 'list',
      failure: failureScreen,
      failed: 'idle',
    }),
    confirmingCancelBooking: confirmOnce({
      description: 'asking to confirm taking the student out of their group',
      screen: (context: StudentsContext) => studentScreens.confirmCancelBooking(context.student!),
      action: 'unbook_ok',
      id: (context: StudentsContext) => context.studentId,
      target: 'mayCancelBooking',
    }),
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
        ...childEvents(studentButtons),
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
          actions: set(({ event }: { event: { output: { student: StudentView } } }) => ({ student: event.output.student, notice: t.students.detail.saved })),
        },
      },
      on: childEvents(studentButtons),
    },
    booking: {
      description: 'booking into a group, or changing the group',
      invoke: {
        id: 'child',
        src: 'bookingFlow',
        input: ({ context }) => ({ employee: context.employee, student: context.student! }),
        onDone: { target: 'idle' },
      },
      on: childEvents(studentButtons),
    },
    idle: {
      description: "a result or a failure is shown; its buttons lead on",
    },
  },
});

function studentName(context: StudentsContext): string {
  return escapeHtml(clip(context.student?.fullName, 120));
}
