import { setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { pressed } from '../kit/buttons.js';
import { checkingPermission, expectText, followRole, set, show, staleButton } from '../kit/patterns.js';
import { emptyWizard, wizard, type Question, type WizardContext } from '../kit/wizard.js';
import type { ButtonData } from '../ui/callback.js';
import { draftFields, employeeScreens, type DraftField } from '../ui/employees-screens.js';
import { t } from '../ui/texts.js';
import { employeeFieldChecks } from '../validation.js';
import { checkRegister, mayAssign, type Refusal } from './hierarchy.js';
import type { EmployeeDraft, EmployeeView } from './model.js';

export interface CreateInput {
  employee: Employee;
  /** where "cancel" leads: the list the wizard was opened from */
  cancel: ButtonData;
}

interface CreateContext extends CreateInput, WizardContext<DraftField> {
  /**
   * The first spelling of the password, between its message and the confirmation's (both
   * messages are deleted as soon as they are read). Once confirmed it moves to `draft.password`
   * until the backend is asked; a refusal of any kind drops it, and it is asked again.
   */
  pending: string | null;
  /** the two spellings differed: both are asked again */
  mismatch: boolean;
  /** the acting employee's profile, read again right before the registration */
  actor: Employee | null;
  /** why the bot itself did not send the registration */
  refusal: Refusal | null;
  created: EmployeeView | null;
}

type Args = { context: CreateContext; event: FlowEvent };

const screen = (question: Question<DraftField>, context: CreateContext, confirming = false) =>
  employeeScreens.ask(question, {
    actorRole: context.employee.role,
    cancel: context.cancel,
    notice: context.notice,
    confirming,
  });

const steps = wizard<DraftField, CreateContext>({
  fields: draftFields,
  stateOf: {
    email: 'askingEmail',
    firstName: 'askingFirstName',
    lastName: 'askingLastName',
    role: 'choosingRole',
    speciality: 'askingSpeciality',
    password: 'askingPassword',
  },
  question: (question, context) => screen(question, context),
});

const passwordQuestion = (context: CreateContext, confirming: boolean): Question<DraftField> => ({
  field: 'password',
  step: context.reviewing ? null : draftFields.length,
  reason: context.mismatch && !confirming ? t.employees.mismatch : null,
  refusal: context.refusals.password ?? null,
  reviewing: context.reviewing,
});

const typedSpeciality = steps.typed('speciality', (text) => employeeFieldChecks.speciality(text));

const typedText = ({ event }: Args) => (event.type === 'TEXT' ? event.text : '');

/**
 * Creating an employee: email, first and last name typed and checked; the role picked from the
 * roles this employee may assign (machines/employees/hierarchy.ts); the speciality typed or
 * skipped; the password typed twice, each message deleted as soon as it is read, both asked
 * again when they differ. A summary (the password as dots) where any answer can be changed; on
 * save the acting employee's profile is read again and the role checked against it, since the
 * backend registers any role for anyone. A refusal keeps the draft except the password and asks
 * again only the refused fields (and the password). Ends with the employee as registered.
 */
export const createEmployeeMachine = setup({
  types: {
    context: {} as CreateContext,
    events: {} as FlowEvent,
    input: {} as CreateInput,
    output: {} as { employee: EmployeeView },
  },
  actions: {
    ...effects,
    ...steps.actions,
  },
  actors: {
    readParties: backendCall('readParties'),
    registerEmployee: backendCall('registerEmployee'),
  },
}).createMachine({
  id: 'createEmployee',
  description:
    'Creating an employee: six questions (the role with buttons limited to the roles this employee may assign, the speciality may be skipped, the password twice, ' +
    'each password message deleted at once), a summary with the password as dots, the role checked again against a fresh profile, and a save that keeps the draft except the password.',
  context: ({ input }) => ({ ...input, ...emptyWizard(), pending: null, mismatch: false, actor: null, refusal: null, created: null }),
  initial: 'next',
  on: { ...staleButton, ...followRole },
  states: {
    next: steps.next,
    askingEmail: steps.typed('email', (text) => employeeFieldChecks.email(text)),
    askingFirstName: steps.typed('firstName', (text) => employeeFieldChecks.firstName(text)),
    askingLastName: steps.typed('lastName', (text) => employeeFieldChecks.lastName(text)),
    choosingRole: steps.choice('role', 'role', (value, context) => mayAssign(context.employee.role, value ?? '')),
    askingSpeciality: {
      ...typedSpeciality,
      on: {
        ...typedSpeciality.on,
        BUTTON: [
          { description: 'skipped', guard: pressed<CreateContext>('skip'), target: 'next', actions: steps.answered('speciality', () => null) },
          steps.backToSummary,
        ],
      },
    },
    askingPassword: {
      description: 'waiting for the password; its message is deleted as soon as it is read',
      entry: show(({ context }: Args) => screen(passwordQuestion(context, false), context)),
      on: {
        TEXT: {
          description: 'the password: its message deleted first, then the confirmation asked',
          target: 'confirmingPassword',
          actions: ['deleteMessage', set(({ event }: Args) => ({ pending: event.type === 'TEXT' ? event.text : null, mismatch: false }))],
        },
        ...expectText,
        BUTTON: steps.backToSummary,
      },
    },
    confirmingPassword: {
      description: 'waiting for the password again; its message is deleted as soon as it is read',
      entry: show(({ context }: Args) => screen(passwordQuestion(context, true), context, true)),
      on: {
        TEXT: [
          {
            description: 'the same password: its message deleted first',
            guard: (args: Args) => typedText(args) === args.context.pending,
            target: 'next',
            actions: ['deleteMessage', steps.answered('password', ({ context }) => context.pending), set({ pending: null, notice: null })],
          },
          {
            description: 'another password: its message deleted first, both asked again',
            target: 'askingPassword',
            actions: ['deleteMessage', set({ pending: null, mismatch: true })],
          },
        ],
        ...expectText,
      },
    },
    summary: steps.summary((context) => employeeScreens.summary(context.draft, { failure: context.notice, cancel: context.cancel }), 'mayCreate'),
    mayCreate: checkingPermission('employees.create', 'readingActor', 'summary', { notice: true }),
    readingActor: {
      description: "reading the acting employee's profile again: the backend registers any role for anyone",
      invoke: {
        src: 'readParties',
        input: () => ({ targetId: null }),
        onDone: {
          target: 'checkingRole',
          actions: set(({ event }: { event: { output: { actor: Employee } } }) => ({ actor: event.output.actor })),
        },
        onError: {
          target: 'summary',
          actions: set(({ event }: { event: { error: unknown } }) => ({ notice: asFailure(event.error).message })),
        },
      },
    },
    checkingRole: {
      description: 'the hierarchy checked against the role the acting employee has now',
      always: [
        {
          description: 'allowed',
          guard: ({ context }: { context: CreateContext }) => checkRegister(context.actor!, String(context.draft.role)) === null,
          target: 'submitting',
        },
        {
          description: 'the role may no longer be given by this employee: only the role asked again',
          guard: ({ context }: { context: CreateContext }) => checkRegister(context.actor!, String(context.draft.role)) === 'roleNotAssignable',
          target: 'next',
          actions: set(({ context }: { context: CreateContext }) => ({ employee: context.actor, fixing: ['role'], notice: t.employees.refused.roleNotAssignable })),
        },
        {
          description: 'no longer allowed to register anyone',
          target: 'summary',
          actions: set({ notice: t.employees.refused.notManager }),
        },
      ],
    },
    submitting: steps.submitting({
      src: 'registerEmployee',
      description: 'registering the employee',
      input: (context) => context.draft as unknown as EmployeeDraft,
      forget: ['password'],
      done: {
        target: 'created',
        actions: set(({ event }: { event: { output: EmployeeView } }) => ({ created: event.output, draft: {} })),
      },
    }),
    created: { type: 'final', description: 'registered; the section shows the new employee' },
  },
  output: ({ context }) => ({ employee: context.created! }),
});
