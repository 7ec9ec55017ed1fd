import { setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { pressed } from '../kit/buttons.js';
import { checkingPermission, expectButtons, followRole, set, show, staleButton } from '../kit/patterns.js';
import { emptyWizard, wizard, type WizardContext } from '../kit/wizard.js';
import type { ButtonData } from '../ui/callback.js';
import { draftFields, groupScreens, type DraftField, type TypedField } from '../ui/groups-screens.js';
import { groupFieldChecks } from '../validation.js';
import { loadingMentors, pickedMentor, turningPages, type PickerContext } from './mentors.js';
import { isLessonDays, isSpeciality, type GroupDraft, type GroupView } from './model.js';

export interface CreateInput {
  employee: Employee;
  /** where "cancel" leads: the list the wizard was opened from */
  cancel: ButtonData;
}

interface CreateContext extends CreateInput, WizardContext<DraftField>, PickerContext {
  /** the group as the backend created it */
  created: GroupView | null;
}

type Args = { context: CreateContext; event: FlowEvent };

const question = (context: CreateContext, field: DraftField, extra: { step: number | null; reason: string | null; refusal: string | null; reviewing: boolean }) =>
  groupScreens.ask({ field, ...extra }, { cancel: context.cancel, picker: context.picker });

const steps = wizard<DraftField, CreateContext>({
  fields: draftFields,
  stateOf: {
    speciality: 'choosingSpeciality',
    days: 'choosingDays',
    time: 'askingTime',
    startingDate: 'askingStartingDate',
    seats: 'askingSeats',
    price: 'askingPrice',
    totalLessons: 'askingTotalLessons',
    mentor: 'loadingMentors',
  },
  question: (q, context) => question(context, q.field, q),
});

/** A new group has no students yet: any positive number of seats will do. */
const typed = (field: TypedField) => steps.typed(field, (text) => groupFieldChecks[field](text, 0));

/** The number of lessons is typed like the others, or skipped with a button while it is not known. */
const typedLessons = typed('totalLessons');

const mentorQuestion = (context: CreateContext) =>
  question(context, 'mentor', {
    step: context.reviewing ? null : draftFields.length,
    reason: null,
    refusal: context.refusals.mentor ?? null,
    reviewing: context.reviewing,
  });

/**
 * Creating a group: speciality and days with buttons, time, start date, seats, price and number
 * of lessons typed and checked, a mentor picked from the employees whose role is mentor (or
 * none); then a summary where any answer can be changed before saving. When the backend refuses
 * (a mentor who is no longer one…), the draft stays and only the refused fields are asked again,
 * each with the backend's reason. Ends with the group as the backend created it.
 */
export const createGroupMachine = setup({
  types: {
    context: {} as CreateContext,
    events: {} as FlowEvent,
    input: {} as CreateInput,
    output: {} as { group: GroupView },
  },
  actions: {
    ...effects,
    ...steps.actions,
  },
  actors: {
    listMentors: backendCall('listMentors'),
    createGroup: backendCall('createGroup'),
  },
}).createMachine({
  id: 'createGroup',
  description:
    'Creating a group: eight questions (speciality, days and mentor with buttons; the number of lessons may wait), a summary where any answer can be changed, and a save that keeps the draft when the backend refuses, asking only the refused fields again.',
  context: ({ input }) => ({ ...input, ...emptyWizard(), picker: null, created: null }),
  initial: 'next',
  on: { ...staleButton, ...followRole },
  states: {
    next: steps.next,
    choosingSpeciality: steps.choice('speciality', 'spec', isSpeciality),
    choosingDays: steps.choice('days', 'days', isLessonDays),
    askingTime: typed('time'),
    askingStartingDate: typed('startingDate'),
    askingSeats: typed('seats'),
    askingPrice: typed('price'),
    askingTotalLessons: {
      ...typedLessons,
      on: {
        ...typedLessons.on,
        BUTTON: [
          { description: 'skipped', guard: pressed<CreateContext>('skip'), target: 'next', actions: steps.answered('totalLessons', () => null) },
          steps.backToSummary,
        ],
      },
    },
    loadingMentors: loadingMentors('choosingMentor'),
    choosingMentor: {
      description: 'waiting for a mentor (buttons, a page at a time) or none',
      entry: show(({ context }: Args) => mentorQuestion(context)),
      on: {
        BUTTON: [
          {
            description: 'a mentor, or none',
            guard: (args: Args) => pickedMentor(args) !== undefined,
            target: 'next',
            actions: steps.answered('mentor', (args) => pickedMentor(args) ?? null),
          },
          turningPages<CreateContext>(mentorQuestion),
          steps.backToSummary,
        ],
        ...expectButtons,
      },
    },
    summary: steps.summary((context) => groupScreens.summary(context.draft, { failure: context.notice, cancel: context.cancel }), 'mayCreate'),
    mayCreate: checkingPermission('groups.create', 'submitting', 'summary', { notice: true }),
    submitting: steps.submitting({
      src: 'createGroup',
      description: 'creating the group',
      input: (context) => context.draft as GroupDraft,
      done: { target: 'created', actions: set(({ event }: { event: { output: GroupView } }) => ({ created: event.output })) },
    }),
    created: { type: 'final', description: 'created; the section shows its detail' },
  },
  output: ({ context }) => ({ group: context.created! }),
});
