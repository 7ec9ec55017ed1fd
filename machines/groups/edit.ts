import { setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { buttonValue, isPress } from '../kit/buttons.js';
import { fieldEdit } from '../kit/edit.js';
import { checkingPermission, expectButtons, followRole, set, show, staleButton } from '../kit/patterns.js';
import { editFields, groupScreens, isTypedField, type DraftField } from '../ui/groups-screens.js';
import { groupFieldChecks } from '../validation.js';
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

const valueScreen = (context: EditContext, reason: string | null = null) =>
  groupScreens.editValue(context.field!, context.group, { reason, refusal: context.refusal, picker: context.picker });

const edit = fieldEdit<DraftField, GroupPatch, EditContext>({
  fields: (context) => groupScreens.editFields(context.group, context.failure),
  value: valueScreen,
  check: (context, text) => (isTypedField(context.field) ? groupFieldChecks[context.field](text, context.group.studentsCount) : null),
  forget: { refusal: null },
});

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
    ...edit.actions,
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
    choosingField: edit.choosingField('the fields as buttons', [
      edit.picked('the mentor', (field) => field === 'mentor', 'loadingMentors'),
      edit.picked('another field', (field) => (editFields as readonly string[]).includes(field), 'askingValue'),
    ]),
    askingValue: edit.askingValue({
      description: 'waiting for the new value (typed, or a speciality or days button)',
      buttonsOnly: { description: 'speciality and days are picked with buttons', guard: (context) => !isTypedField(context.field) },
      buttons: [{ description: 'a speciality or days', guard: (args: Args) => pickedChoice(args) !== null, target: 'mayEdit', actions: edit.change((args) => pickedChoice(args)!) }],
    }),
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
            actions: edit.change((args) => ({ mentor: pickedMentor(args)?.id ?? null })),
          },
          turningPages<EditContext>((context) => valueScreen(context)),
          edit.backToFields,
        ],
        ...expectButtons,
      },
    },
    mayEdit: checkingPermission('groups.edit', 'saving', 'choosingField'),
    saving: edit.saving({
      src: 'updateGroup',
      id: (context) => context.group.id,
      record: 'group',
      refused: [
        {
          description: 'the backend refused the mentor: the mentors read again, with its reason',
          guard: ({ context, event }: { context: EditContext; event: { error: unknown } }) => context.field === 'mentor' && !!asFailure(event.error).fields?.mentor,
          target: 'loadingMentors',
          actions: set(({ event }: { event: { error: unknown } }) => ({ refusal: asFailure(event.error).fields?.mentor ?? null, patch: null })),
        },
      ],
    }),
    saved: { type: 'final' },
  },
  output: ({ context }) => ({ group: context.group }),
});
