import { assign, setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { buttonValue, isPress, pressed } from '../kit/buttons.js';
import { checkingPermission, expectButtons, expectText, followRole, hint, show, staleButton } from '../kit/patterns.js';
import { editFields, groupScreens, isTypedField, type DraftField } from '../ui/groups-screens.js';
import { t } from '../ui/texts.js';
import { groupFieldChecks, type Checked } from '../validation.js';
import { loadingMentors, pickedMentor, turningPages, type PickerContext } from './mentors.js';
import { isLessonDays, isSpeciality, type GroupPatch, type GroupView } from './model.js';

export interface EditInput {
  employee: Employee;
  /** the group as just read from the backend (its students enrolled bound the seats) */
  group: GroupView;
}

interface EditContext extends EditInput, PickerContext {
  field: DraftField | null;
  /** the one change being saved */
  patch: GroupPatch | null;
  /** the backend's reason for refusing the mentor picked (no longer a mentor, say) */
  refusal: string | null;
  /** why the last save failed when no field was to blame */
  failure: string | null;
}

type Args = { context: EditContext; event: FlowEvent };

function checkTyped({ context, event }: Args): Checked<string | number> | null {
  if (event.type !== 'TEXT' || !isTypedField(context.field)) return null;
  return groupFieldChecks[context.field](event.text, context.group.studentsCount);
}

const valueScreen = (context: EditContext, reason: string | null = null) =>
  groupScreens.editValue(context.field!, context.group, { reason, refusal: context.refusal, picker: context.picker });

/** A speciality or days button, as the field being changed takes it. */
function pickedChoice({ context, event }: Args): GroupPatch | null {
  const value = buttonValue(event);
  if (context.field === 'speciality' && isPress(event, 'spec') && isSpeciality(value)) return { speciality: value };
  if (context.field === 'days' && isPress(event, 'days') && isLessonDays(value)) return { days: value };
  return null;
}

/**
 * Editing a group, one field at a time: the fields are buttons; speciality and days are picked
 * with buttons, the mentor from the employees whose role is mentor (or removed); typed values
 * are checked as in the create wizard, and the seats never below the students enrolled. The
 * price's question says first what happens to existing invoices. Ends with the group as saved.
 */
export const editGroupMachine = setup({
  types: {
    context: {} as EditContext,
    events: {} as FlowEvent,
    input: {} as EditInput,
    output: {} as { group: GroupView },
  },
  actions: {
    ...effects,
    change: assign((_, patch: GroupPatch) => ({ patch })),
    chooseField: assign((_, field: DraftField) => ({ field, refusal: null })),
  },
  actors: {
    listMentors: backendCall('listMentors'),
    updateGroup: backendCall('updateGroup'),
  },
}).createMachine({
  id: 'editGroup',
  description:
    'Editing one field of a group at a time (buttons pick the field; speciality, days and mentor are buttons too); seats never below the students enrolled; a price change warned about first; ends with the saved group.',
  context: ({ input }) => ({ ...input, picker: null, field: null, patch: null, refusal: null, failure: null }),
  initial: 'choosingField',
  on: { ...staleButton, ...followRole },
  states: {
    choosingField: {
      description: 'the fields as buttons',
      entry: [show(({ context }: Args) => groupScreens.editFields(context.group, context.failure)), assign({ failure: null })],
      on: {
        BUTTON: [
          {
            description: 'the mentor',
            guard: ({ event }) => isPress(event, 'field') && buttonValue(event) === 'mentor',
            target: 'loadingMentors',
            actions: { type: 'chooseField', params: 'mentor' as DraftField },
          },
          {
            description: 'another field',
            guard: ({ event }) => isPress(event, 'field') && (editFields as readonly string[]).includes(buttonValue(event) ?? ''),
            target: 'askingValue',
            actions: { type: 'chooseField', params: ({ event }) => buttonValue(event) as DraftField },
          },
        ],
        ...expectButtons,
      },
    },
    askingValue: {
      description: 'waiting for the new value (typed, or a speciality or days button)',
      entry: show(({ context }: Args) => valueScreen(context)),
      on: {
        TEXT: [
          {
            description: 'a valid value',
            guard: (args) => checkTyped(args)?.ok === true,
            target: 'mayEdit',
            actions: {
              type: 'change',
              params: (args) => {
                const checked = checkTyped(args);
                return checked?.ok ? { [args.context.field!]: checked.value } : {};
              },
            },
          },
          { description: 'speciality and days are picked with buttons', guard: ({ context }) => !isTypedField(context.field), actions: hint(t.buttonExpected) },
          {
            description: 'refused with the reason; the question stays',
            actions: show((args: Args) => {
              const checked = checkTyped(args);
              return valueScreen(args.context, checked && !checked.ok ? checked.reason : null);
            }),
          },
        ],
        BUTTON: [
          { description: 'a speciality or days', guard: (args) => pickedChoice(args) !== null, target: 'mayEdit', actions: { type: 'change', params: (args) => pickedChoice(args)! } },
          { description: 'back to the fields', guard: pressed<EditContext>('fields'), target: 'choosingField' },
        ],
        ...expectText,
      },
    },
    loadingMentors: loadingMentors('choosingMentor'),
    choosingMentor: {
      description: 'waiting for a mentor (buttons, a page at a time), or the mentor removed',
      entry: show(({ context }: Args) => valueScreen(context)),
      on: {
        BUTTON: [
          {
            description: 'a mentor, or none',
            guard: (args) => pickedMentor(args) !== undefined,
            target: 'mayEdit',
            actions: { type: 'change', params: (args) => ({ mentor: pickedMentor(args)?.id ?? null }) },
          },
          turningPages<EditContext>((context) => valueScreen(context)),
          { description: 'back to the fields', guard: pressed<EditContext>('fields'), target: 'choosingField' },
        ],
        ...expectButtons,
      },
    },
    mayEdit: checkingPermission('groups.edit', 'saving', 'choosingField'),
    saving: {
      description: 'saving the change',
      invoke: {
        src: 'updateGroup',
        input: ({ context }) => ({ id: context.group.id, patch: context.patch ?? {} }),
        onDone: { target: 'saved', actions: assign({ group: ({ event }) => event.output, patch: null }) },
        onError: [
          {
            description: "the backend refused the mentor: the mentors read again, with its reason",
            guard: ({ context, event }) => context.field === 'mentor' && !!asFailure(event.error).fields?.mentor,
            target: 'loadingMentors',
            actions: assign({ refusal: ({ event }) => asFailure(event.error).fields?.mentor ?? null, patch: null }),
          },
          {
            description: 'not saved: the fields again, with the reason',
            target: 'choosingField',
            actions: assign({ failure: ({ event }) => asFailure(event.error).message, patch: null }),
          },
        ],
      },
    },
    saved: { type: 'final' },
  },
  output: ({ context }) => ({ group: context.group }),
});
