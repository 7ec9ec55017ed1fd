import { assign, setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { ButtonData } from '../ui/callback.js';
import type { Employee } from '../ui/screens.js';
import { draftFields, studentScreens, type DraftField } from '../ui/students-screens.js';
import { studentFieldChecks } from '../validation.js';
import { pressed } from './buttons.js';
import { isSource, type StudentDraft } from './model.js';
import { checkingPermission, expectButtons, expectText, readingToday, show, staleButton } from './patterns.js';

export interface CreateInput {
  employee: Employee;
  /** where "cancel" leads: the list the wizard was opened from */
  cancel: ButtonData;
}

interface CreateContext extends CreateInput {
  /** YYYY-MM-DD from the runtime, for the age check; null if it could not be had */
  today: string | null;
  /** the answers so far; address null means skipped */
  draft: Partial<StudentDraft>;
  /** once the summary has been shown, every answer returns to it */
  reviewing: boolean;
  /** fields to ask (again) before the summary: the one picked there, or those the backend refused */
  fixing: DraftField[];
  /** the backend's reason per refused field, shown with that field's question */
  refusals: Partial<Record<DraftField, string>>;
  /** why the last submit failed when no single field was to blame */
  notice: string | null;
}

type TypedField = Exclude<DraftField, 'source'>;
type Args = { context: CreateContext; event: FlowEvent };


const stateOf: Record<DraftField, string> = {
  fullName: 'askingFullName',
  email: 'askingEmail',
  phone: 'askingPhone',
  passport: 'askingPassport',
  birthDate: 'askingBirthDate',
  source: 'choosingSource',
  address: 'askingAddress',
};

/** The field to ask next: a field being fixed, else (before the summary) the first one not answered. */
function nextField(context: CreateContext): DraftField | null {
  if (context.fixing.length > 0) return context.fixing[0]!;
  if (context.reviewing) return null;
  return draftFields.find((field) => context.draft[field] === undefined) ?? null;
}

/** Records an answer (`answer` in setup); a fixed field is no longer to be fixed nor refused. */
const answered = (field: DraftField, value: (args: Args) => string | null) => ({
  type: 'answer' as const,
  params: (args: Args) => ({ field, value: value(args) }),
});

const question = (field: DraftField, reason?: (args: Args) => string) =>
  show(({ context, event }: Args) =>
    studentScreens.ask(field, {
      step: context.reviewing ? null : draftFields.indexOf(field) + 1,
      reason: reason?.({ context, event }) ?? null,
      refusal: context.refusals[field] ?? null,
      reviewing: context.reviewing,
      cancel: context.cancel,
    }),
  );

const backToSummary = {
  BUTTON: { description: 'back to the summary', guard: pressed<CreateContext>('review'), target: 'summary', actions: 'stopFixing' as const },
};

const textOf = (event: FlowEvent) => (event.type === 'TEXT' ? event.text : '');

/** A question answered by typing: checked and normalised here, refused with the reason. */
function typedAnswer(field: TypedField) {
  const check = ({ context, event }: Args) => studentFieldChecks[field](textOf(event), context.today);
  return {
    description: `waiting for the ${field}`,
    entry: question(field),
    on: {
      TEXT: [
        {
          description: 'a valid answer',
          guard: (args: Args) => check(args).ok,
          target: 'next',
          actions: answered(field, (args) => {
            const checked = check(args);
            return checked.ok ? checked.value : null;
          }),
        },
        {
          description: 'refused with the reason; the question stays',
          actions: question(field, (args) => {
            const checked = check(args);
            return checked.ok ? '' : checked.reason;
          }),
        },
      ],
      ...expectText,
      ...backToSummary,
    },
  };
}

/** The address is typed like the others, or skipped with a button. */
const typedAddress = typedAnswer('address');

/**
 * Creating a student: full name, email, phone, passport, birth date, source (buttons) and an
 * optional address, then a summary where any field can be changed before saving. When the backend
 * refuses (a duplicate phone, email or passport), the draft stays and only the refused fields are
 * asked again, each with the backend's reason. The new student's password comes from the
 * backend call's result straight into the success screen and is not kept.
 */
export const createStudentMachine = setup({
  types: {
    context: {} as CreateContext,
    events: {} as FlowEvent,
    input: {} as CreateInput,
  },
  actions: {
    ...effects,
    rememberToday: assign((_, today: string) => ({ today })),
    answer: assign(({ context }, { field, value }: { field: DraftField; value: string | null }) => {
      const { [field]: _refused, ...refusals } = context.refusals;
      return { draft: { ...context.draft, [field]: value }, fixing: context.fixing.filter((f) => f !== field), refusals };
    }),
    stopFixing: assign({ fixing: [] }),
  },
  actors: {
    today: backendCall('today'),
    createStudent: backendCall('createStudent'),
  },
}).createMachine({
  id: 'createStudent',
  description:
    'Creating a student: seven questions, a summary where any answer can be changed, and a save that keeps the draft when the backend refuses, asking only the refused fields again. The generated password is shown once.',
  context: ({ input }) => ({ ...input, today: null, draft: {}, reviewing: false, fixing: [], refusals: {}, notice: null }),
  initial: 'starting',
  on: { ...staleButton },
  states: {
    starting: readingToday('next'),
    next: {
      description: 'choosing the next question, or the summary',
      always: [
        ...draftFields.map((field) => ({
          description: `${field} next`,
          guard: ({ context }: { context: CreateContext }) => nextField(context) === field,
          target: stateOf[field],
        })),
        { target: 'summary' },
      ],
    },
    askingFullName: typedAnswer('fullName'),
    askingEmail: typedAnswer('email'),
    askingPhone: typedAnswer('phone'),
    askingPassport: typedAnswer('passport'),
    askingBirthDate: typedAnswer('birthDate'),
    choosingSource: {
      description: 'waiting for the source (buttons only)',
      entry: question('source'),
      on: {
        BUTTON: [
          {
            description: 'a source',
            guard: ({ event }) => event.type === 'BUTTON' && event.button.action === 'source' && isSource(event.button.value),
            target: 'next',
            actions: answered('source', ({ event }) => (event.type === 'BUTTON' ? (event.button.value ?? null) : null)),
          },
          backToSummary.BUTTON,
        ],
        ...expectButtons,
      },
    },
    askingAddress: {
      ...typedAddress,
      on: {
        ...typedAddress.on,
        BUTTON: [{ description: 'skipped', guard: pressed<CreateContext>('skip'), target: 'next', actions: answered('address', () => null) }, backToSummary.BUTTON],
      },
    },
    summary: {
      description: 'every answer shown; any can be changed before saving',
      entry: [
        assign({ reviewing: true }),
        show(({ context }) => studentScreens.summary(context.draft, { failure: context.notice, cancel: context.cancel })),
        assign({ notice: null }),
      ],
      on: {
        BUTTON: [
          {
            description: 'change a field',
            guard: ({ event }) => event.type === 'BUTTON' && event.button.action === 'fix' && (draftFields as readonly string[]).includes(event.button.value ?? ''),
            target: 'next',
            actions: assign({ fixing: ({ event }) => (event.type === 'BUTTON' ? [event.button.value as DraftField] : []) }),
          },
          { description: 'save', guard: pressed<CreateContext>('save'), target: 'mayCreate' },
        ],
        ...expectButtons,
      },
    },
    mayCreate: checkingPermission('students.create', 'submitting', 'summary'),
    submitting: {
      description: 'creating the student',
      invoke: {
        src: 'createStudent',
        input: ({ context }) => context.draft as StudentDraft,
        onDone: {
          target: 'created',
          actions: show(({ context, event }) => studentScreens.created(event.output, context.employee.role)),
        },
        onError: [
          {
            description: 'the backend refused some answers: only those are asked again',
            guard: ({ event }) => refusedFields(event.error).length > 0,
            target: 'next',
            actions: assign(({ event }) => {
              const fields = asFailure(event.error).fields ?? {};
              const refused = refusedFields(event.error);
              return { fixing: refused, refusals: Object.fromEntries(refused.map((field) => [field, fields[field]!])) };
            }),
          },
          { description: 'not saved, draft kept', target: 'summary', actions: assign({ notice: ({ event }) => asFailure(event.error).message }) },
        ],
      },
    },
    created: {
      type: 'final',
      description: 'created; the password was shown once',
    },
  },
});

function refusedFields(error: unknown): DraftField[] {
  const fields = asFailure(error).fields ?? {};
  return draftFields.filter((field) => fields[field] !== undefined);
}
