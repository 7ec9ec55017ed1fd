import { setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { expectButtons, show, staleButton } from '../kit/patterns.js';
import type { ButtonData } from '../ui/callback.js';
import { groupScreens } from '../ui/groups-screens.js';
import { press } from './buttons.js';

export interface AttendanceInput {
  groupId: number;
  /** a lesson to open at once; null: the group's recent lessons */
  lessonId: number | null;
  /** the list page the section is on, for the way back after a failure */
  page: number;
}

type Args = { context: AttendanceInput; event: { error: unknown } };

const failure = (retry: (context: AttendanceInput) => ButtonData) => ({
  target: 'failed' as const,
  actions: show(({ context, event }: Args) => {
    const reason = asFailure(event.error);
    return groupScreens.failure(reason.message, reason.kind === 'notFound' ? null : retry(context), context.page);
  }),
});

/**
 * A group's attendance: its recent lessons with the date and how many attended, or one lesson
 * with who attended, each read together with the group as it is now. The backend's attendance
 * list ignores its filters, so the lessons come from its newest pages only, and the screen says
 * how far back they were read. Every button here (a lesson, the way back) is a navigation button
 * of the section.
 */
export const groupAttendanceMachine = setup({
  types: {
    context: {} as AttendanceInput,
    events: {} as FlowEvent,
    input: {} as AttendanceInput,
  },
  actions: { ...effects },
  actors: {
    listGroupLessons: backendCall('listGroupLessons'),
    getLesson: backendCall('getLesson'),
  },
}).createMachine({
  id: 'groupAttendance',
  description: "A group's recent lessons (date and how many attended), read newest first from the unfiltered attendance list, or one lesson with who attended.",
  context: ({ input }) => input,
  initial: 'choosing',
  on: { ...staleButton, ...expectButtons },
  states: {
    choosing: {
      description: 'the lessons, or the one lesson the button named',
      always: [{ description: 'a lesson', guard: ({ context }) => context.lessonId !== null, target: 'loadingLesson' }, { target: 'loadingLessons' }],
    },
    loadingLessons: {
      description: "reading the group and, from the newest pages of the attendance list, its lessons",
      invoke: {
        src: 'listGroupLessons',
        input: ({ context }) => ({ groupId: context.groupId }),
        onDone: { target: 'lessons', actions: show(({ event }) => groupScreens.lessons(event.output.group, event.output)) },
        onError: failure((context) => press.lessons(context.groupId)),
      },
    },
    lessons: { description: 'the recent lessons are shown; each opens with its button' },
    loadingLesson: {
      description: 'reading the group and the lesson',
      invoke: {
        src: 'getLesson',
        input: ({ context }) => ({ id: context.lessonId ?? 0, groupId: context.groupId }),
        onDone: { target: 'lesson', actions: show(({ event }) => groupScreens.lesson(event.output.group, event.output.lesson)) },
        onError: failure((context) => press.lesson(context.lessonId ?? 0, context.groupId)),
      },
    },
    lesson: { description: 'the lesson and who attended are shown' },
    failed: { description: 'the failure is shown; its buttons lead on' },
  },
});
