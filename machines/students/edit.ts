import { assign, setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { Employee } from '../../api/types.js';
import { editFields, optionalFields, studentScreens, type EditField } from '../ui/students-screens.js';
import { studentFieldChecks } from '../validation.js';
import { buttonValue, isPress } from '../kit/buttons.js';
import { isSource, type StudentPatch, type StudentView } from './model.js';
import { fieldEdit } from '../kit/edit.js';
import { checkingPermission, followRole, readingToday, set, staleButton } from '../kit/patterns.js';

export interface EditInput {
  employee: Employee;
  /** the student as just read from the backend */
  student: StudentView;
}

interface EditContext extends EditInput {
  today: string | null;
  field: EditField | null;
  /** the one change being saved */
  patch: StudentPatch | null;
  /** the backend's reason for refusing the field's new value */
  refusal: string | null;
  /** why the last save failed when no field was to blame */
  failure: string | null;
}

type Args = { context: EditContext; event: FlowEvent };

const edit = fieldEdit<EditField, StudentPatch, EditContext>({
  fields: (context) => studentScreens.editFields(context.student, context.failure),
  // asked again after our own check, the backend's last refusal is no longer shown
  value: (context, reason) => studentScreens.editValue(context.field!, context.student, reason === null ? { refusal: context.refusal } : { reason }),
  check: (context, text) => (context.field === 'source' ? null : studentFieldChecks[context.field!](text, context.today)),
  forget: { refusal: null },
});

/**
 * Editing a student, one field at a time: the fields are buttons; a typed value is checked like
 * in the create wizard; the source is picked with buttons; blocking and unblocking ask for a
 * confirmation. After saving, the flow ends with the student as the backend saved it, and the
 * section shows that refreshed detail.
 */
export const editStudentMachine = setup({
  types: {
    context: {} as EditContext,
    events: {} as FlowEvent,
    input: {} as EditInput,
    output: {} as { student: StudentView },
  },
  actions: {
    ...effects,
    ...edit.actions,
    rememberToday: assign((_, today: string) => ({ today })),
  },
  actors: {
    today: backendCall('today'),
    updateStudent: backendCall('updateStudent'),
  },
}).createMachine({
  id: 'editStudent',
  description: 'Editing one field of a student at a time (buttons pick the field), or blocking and unblocking after a confirmation; ends with the saved student.',
  context: ({ input }) => ({ ...input, today: null, field: null, patch: null, refusal: null, failure: null }),
  initial: 'starting',
  on: { ...staleButton, ...followRole },
  states: {
    starting: readingToday('choosingField'),
    choosingField: edit.choosingField('the fields as buttons, and blocking or unblocking', [
      edit.picked('a field', (field) => (editFields as readonly string[]).includes(field), 'askingValue'),
      { description: 'block or unblock', guard: ({ event }: Args) => isPress(event, 'field') && buttonValue(event) === 'active', target: 'confirmingActive' },
    ]),
    askingValue: edit.askingValue({
      description: 'waiting for the new value of the chosen field',
      buttonsOnly: { description: 'the source is picked with buttons', guard: (context) => context.field === 'source' },
      buttons: [
        {
          description: 'a source',
          guard: ({ context, event }: Args) => context.field === 'source' && isPress(event, 'source') && isSource(buttonValue(event)),
          target: 'mayEdit',
          actions: edit.change(({ event }) => ({ source: buttonValue(event) as StudentPatch['source'] })),
        },
        {
          description: 'an optional field emptied',
          guard: ({ context, event }: Args) => isPress(event, 'clear') && optionalFields.includes(context.field ?? ''),
          target: 'mayEdit',
          actions: edit.change(({ context }) => ({ [context.field!]: null })),
        },
      ],
    }),
    confirmingActive: edit.confirmingActive({
      description: 'asking to confirm blocking (or unblocking) the student',
      confirmed: 'confirmed',
      screen: (context) => studentScreens.confirmActive(context.student),
      record: (context) => context.student,
    }),
    mayEdit: checkingPermission('students.edit', 'saving', 'choosingField'),
    saving: edit.saving({
      src: 'updateStudent',
      id: (context) => context.student.id,
      record: 'student',
      refused: [
        {
          description: "the backend refused the field's value: asked again with its reason",
          guard: ({ context, event }: { context: EditContext; event: { error: unknown } }) =>
            context.field !== null && context.patch?.isActive === undefined && !!asFailure(event.error).fields?.[context.field],
          target: 'askingValue',
          actions: set(({ context, event }: { context: EditContext; event: { error: unknown } }) => ({ refusal: asFailure(event.error).fields?.[context.field!] ?? null, patch: null })),
        },
      ],
    }),
    saved: { type: 'final' },
  },
  output: ({ context }) => ({ student: context.student }),
});
