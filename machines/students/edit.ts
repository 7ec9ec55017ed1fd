import { assign, setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { Employee } from '../../api/types.js';
import { editFields, optionalFields, studentScreens, type EditField } from '../ui/students-screens.js';
import { t } from '../ui/texts.js';
import { studentFieldChecks, type Checked } from '../validation.js';
import { buttonValue, isPress, pressed } from '../kit/buttons.js';
import { isSource, type StudentPatch, type StudentView } from './model.js';
import { checkingPermission, expectButtons, expectText, followRole, hint, readingToday, show, staleButton } from '../kit/patterns.js';

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

type TypedField = Exclude<EditField, 'source'>;


type Args = { context: EditContext; event: FlowEvent };

function checkTyped({ context, event }: Args): Checked<string> | null {
  if (event.type !== 'TEXT' || context.field === null || context.field === 'source') return null;
  return studentFieldChecks[context.field](event.text, context.today);
}

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
    rememberToday: assign((_, today: string) => ({ today })),
    change: assign((_, patch: StudentPatch) => ({ patch, refusal: null })),
    chooseField: assign((_, field: EditField) => ({ field, refusal: null })),
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
    choosingField: {
      description: 'the fields as buttons, and blocking or unblocking',
      entry: [show(({ context }: Args) => studentScreens.editFields(context.student, context.failure)), assign({ failure: null })],
      on: {
        BUTTON: [
          {
            description: 'a field',
            guard: ({ event }) => isPress(event, 'field') && (editFields as readonly string[]).includes(buttonValue(event) ?? ''),
            target: 'askingValue',
            actions: { type: 'chooseField', params: ({ event }) => buttonValue(event) as EditField },
          },
          { description: 'block or unblock', guard: ({ event }) => isPress(event, 'field') && buttonValue(event) === 'active', target: 'confirmingActive' },
        ],
        ...expectButtons,
      },
    },
    askingValue: {
      description: 'waiting for the new value of the chosen field',
      entry: show(({ context }: Args) => studentScreens.editValue(context.field!, context.student, { refusal: context.refusal })),
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
          { description: 'the source is picked with buttons', guard: ({ context }) => context.field === 'source', actions: hint(t.buttonExpected) },
          {
            description: 'refused with the reason; the question stays',
            actions: show((args: Args) => {
              const checked = checkTyped(args);
              return studentScreens.editValue(args.context.field!, args.context.student, { reason: checked && !checked.ok ? checked.reason : null });
            }),
          },
        ],
        BUTTON: [
          {
            description: 'a source',
            guard: ({ context, event }) => context.field === 'source' && isPress(event, 'source') && isSource(buttonValue(event)),
            target: 'mayEdit',
            actions: { type: 'change', params: ({ event }) => ({ source: buttonValue(event) as StudentPatch['source'] }) },
          },
          {
            description: 'an optional field emptied',
            guard: ({ context, event }) => isPress(event, 'clear') && optionalFields.includes(context.field ?? ''),
            target: 'mayEdit',
            actions: { type: 'change', params: ({ context }) => ({ [context.field!]: null }) },
          },
          { description: 'back to the fields', guard: pressed<EditContext>('fields'), target: 'choosingField' },
        ],
        ...expectText,
      },
    },
    confirmingActive: {
      description: 'asking to confirm blocking (or unblocking) the student',
      entry: show(({ context }: Args) => studentScreens.confirmActive(context.student)),
      on: {
        BUTTON: [
          {
            description: 'confirmed',
            guard: pressed<EditContext>('active_ok', (context) => context.student.id),
            target: 'mayEdit',
            actions: { type: 'change', params: ({ context }) => ({ isActive: !context.student.isActive }) },
          },
          { description: 'back to the fields', guard: pressed<EditContext>('fields'), target: 'choosingField' },
        ],
        ...expectButtons,
      },
    },
    mayEdit: checkingPermission('students.edit', 'saving', 'choosingField'),
    saving: {
      description: 'saving the change',
      invoke: {
        src: 'updateStudent',
        input: ({ context }) => ({ id: context.student.id, patch: context.patch ?? {} }),
        onDone: { target: 'saved', actions: assign({ student: ({ event }) => event.output, patch: null }) },
        onError: [
          {
            description: "the backend refused the field's value: asked again with its reason",
            guard: ({ context, event }) => context.field !== null && context.patch?.isActive === undefined && !!asFailure(event.error).fields?.[context.field],
            target: 'askingValue',
            actions: assign({ refusal: ({ context, event }) => asFailure(event.error).fields?.[context.field!] ?? null, patch: null }),
          },
          { target: 'choosingField', actions: assign({ failure: ({ event }) => asFailure(event.error).message, patch: null }) },
        ],
      },
    },
    saved: { type: 'final' },
  },
  output: ({ context }) => ({ student: context.student }),
});
