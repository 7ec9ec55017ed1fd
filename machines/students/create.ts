import { assign, setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { pressed } from '../kit/buttons.js';
import { checkingPermission, followRole, readingToday, show, staleButton } from '../kit/patterns.js';
import { emptyWizard, wizard, type WizardContext } from '../kit/wizard.js';
import type { ButtonData } from '../ui/callback.js';
import { draftFields, studentScreens, type DraftField } from '../ui/students-screens.js';
import { studentFieldChecks } from '../validation.js';
import { isSource, type StudentDraft } from './model.js';

export interface CreateInput {
  employee: Employee;
  /** where "cancel" leads: the list the wizard was opened from */
  cancel: ButtonData;
}

interface CreateContext extends CreateInput, WizardContext<DraftField> {
  /** YYYY-MM-DD from the runtime, for the age check; null if it could not be had */
  today: string | null;
}

type TypedField = Exclude<DraftField, 'source'>;

const steps = wizard<DraftField, CreateContext>({
  fields: draftFields,
  stateOf: {
    fullName: 'askingFullName',
    email: 'askingEmail',
    phone: 'askingPhone',
    passport: 'askingPassport',
    birthDate: 'askingBirthDate',
    source: 'choosingSource',
    address: 'askingAddress',
  },
  question: (question, context) => studentScreens.ask(question.field, { ...question, cancel: context.cancel }),
});

const typed = (field: TypedField) => steps.typed(field, (text, context) => studentFieldChecks[field](text, context.today));

/** The address is typed like the others, or skipped with a button. */
const typedAddress = typed('address');

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
    ...steps.actions,
    rememberToday: assign((_, today: string) => ({ today })),
  },
  actors: {
    today: backendCall('today'),
    createStudent: backendCall('createStudent'),
  },
}).createMachine({
  id: 'createStudent',
  description:
    'Creating a student: seven questions, a summary where any answer can be changed, and a save that keeps the draft when the backend refuses, asking only the refused fields again. The generated password is shown once.',
  context: ({ input }) => ({ ...input, ...emptyWizard(), today: null }),
  initial: 'starting',
  on: { ...staleButton, ...followRole },
  states: {
    starting: readingToday('next'),
    next: steps.next,
    askingFullName: typed('fullName'),
    askingEmail: typed('email'),
    askingPhone: typed('phone'),
    askingPassport: typed('passport'),
    askingBirthDate: typed('birthDate'),
    choosingSource: steps.choice('source', 'source', isSource),
    askingAddress: {
      ...typedAddress,
      on: {
        ...typedAddress.on,
        BUTTON: [
          { description: 'skipped', guard: pressed<CreateContext>('skip'), target: 'next', actions: steps.answered('address', () => null) },
          steps.backToSummary,
        ],
      },
    },
    summary: steps.summary(
      (context) => studentScreens.summary(context.draft as Partial<StudentDraft>, { failure: context.notice, cancel: context.cancel }),
      'mayCreate',
    ),
    mayCreate: checkingPermission('students.create', 'submitting', 'summary', { notice: true }),
    submitting: steps.submitting({
      src: 'createStudent',
      description: 'creating the student',
      input: (context) => context.draft as StudentDraft,
      done: {
        target: 'created',
        actions: show(({ context, event }: { context: CreateContext; event: { output: import('./model.js').CreatedStudent } }) =>
          studentScreens.created(event.output, context.employee.role),
        ),
      },
    }),
    created: {
      type: 'final',
      description: 'created; the password was shown once',
    },
  },
});
