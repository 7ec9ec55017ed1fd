import { assign, setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { buttonValue, isPress } from '../kit/buttons.js';
import { fieldEdit } from '../kit/edit.js';
import { checkingPermission, expectButtons, followRole, show, staleButton } from '../kit/patterns.js';
import { employeeScreens, isTypedEditField, type TypedEditField } from '../ui/employees-screens.js';
import { t } from '../ui/texts.js';
import { employeeFieldChecks } from '../validation.js';
import { checkChange, mayAssign, offers, type Refusal } from './hierarchy.js';
import type { EmployeePatch, EmployeeView, FreshParties } from './model.js';

export interface EditInput {
  employee: Employee;
  /** the employee being edited, as just read from the backend */
  target: EmployeeView;
}

type EditField = TypedEditField | 'role' | 'active';

interface EditContext extends EditInput {
  field: EditField | null;
  /** the one change being saved */
  patch: EmployeePatch | null;
  /** why the last save failed, or why the bot did not send it */
  failure: string | null;
}

type Args = { context: EditContext; event: FlowEvent };

const offered = (context: EditContext) => offers(context.employee, context.target);

/** The role button pressed, when this employee may give that role and it is a change. */
function pickedRole({ context, event }: Args): string | null {
  const role = buttonValue(event);
  if (!isPress(event, 'role') || role === undefined) return null;
  return mayAssign(context.employee.role, role) && role !== context.target.role ? role : null;
}

const refusalText = (refusal: Refusal) => t.employees.refused[refusal];

/** Why a field button not offered on this screen is refused. */
function refusedField(context: EditContext, field: string | undefined): string {
  const self = context.target.id === context.employee.id;
  if (self && field === 'role') return `❌ ${t.employees.refused.ownRole}`;
  if (self && field === 'active') return `❌ ${t.employees.refused.ownActive}`;
  return t.forbidden;
}

const edit = fieldEdit<EditField, EmployeePatch, EditContext>({
  fields: (context) => employeeScreens.editFields(context.target, { actor: context.employee, failure: context.failure }),
  value: (context, reason) => employeeScreens.editValue(context.field as TypedEditField, context.target, { reason }),
  check: (context, text) => (isTypedEditField(context.field) ? employeeFieldChecks[context.field](text) : null),
});

/**
 * Editing an employee, one change at a time: the full name and the speciality typed (the
 * speciality also cleared), the role picked from the roles this employee may assign, the
 * activity switched after a confirmation. Nobody is offered their own role or activity. Right
 * before saving, the acting employee's profile and the target are read again and the hierarchy
 * checked against them (machines/employees/hierarchy.ts). Ends with the employee as saved.
 */
export const editEmployeeMachine = setup({
  types: {
    context: {} as EditContext,
    events: {} as FlowEvent,
    input: {} as EditInput,
    output: {} as { employee: EmployeeView },
  },
  actions: {
    ...effects,
    ...edit.actions,
  },
  actors: {
    readParties: backendCall('readParties'),
    updateEmployee: backendCall('updateEmployee'),
  },
}).createMachine({
  id: 'editEmployee',
  description:
    "Editing one field of an employee at a time (the full name, the speciality, the role with buttons, the activity after a confirmation; never one's own role or activity); " +
    'the hierarchy checked again against fresh data before the save; ends with the saved employee.',
  context: ({ input }) => ({ ...input, field: null, patch: null, failure: null }),
  initial: 'choosingField',
  on: { ...staleButton, ...followRole },
  states: {
    choosingField: edit.choosingField('the fields as buttons (the role and the activity only when this employee may change them)', [
      edit.picked('the full name or the speciality', (field) => isTypedEditField(field), 'askingValue'),
      edit.picked('the role', (field, context) => field === 'role' && offered(context).role, 'choosingRole'),
      edit.picked('the activity', (field, context) => field === 'active' && offered(context).active, 'confirmingActive'),
      {
        description: "one's own role or activity, or one this employee may not change (an old button): refused",
        guard: ({ event }: Args) => isPress(event, 'field'),
        actions: { type: 'alert', params: ({ context, event }: Args) => refusedField(context, buttonValue(event)) },
      },
    ]),
    askingValue: edit.askingValue({
      description: 'waiting for the new full name or speciality',
      buttons: [
        {
          description: 'the speciality cleared',
          guard: ({ context, event }: Args) => isPress(event, 'clear') && context.field === 'speciality' && context.target.professionality !== null,
          target: 'mayEdit',
          actions: edit.change(() => ({ speciality: null })),
        },
      ],
    }),
    choosingRole: {
      description: 'waiting for a role (buttons: the roles this employee may assign)',
      entry: show(({ context }: Args) => employeeScreens.editRole(context.target, { actor: context.employee })),
      on: {
        BUTTON: [{ description: 'a role', guard: (args) => pickedRole(args) !== null, target: 'mayEdit', actions: edit.change((args) => ({ role: pickedRole(args)! })) }, edit.backToFields],
        ...expectButtons,
      },
    },
    confirmingActive: edit.confirmingActive({
      description: 'asking to confirm deactivating (or activating again) the employee',
      confirmed: 'confirmed: the value the confirmation named is sent',
      screen: (context) => employeeScreens.confirmActive(context.target),
      record: (context) => context.target,
    }),
    mayEdit: checkingPermission('employees.edit', 'readingParties', 'choosingField'),
    readingParties: {
      description: 'reading the acting employee and the target again, right before the save',
      invoke: {
        src: 'readParties',
        input: ({ context }) => ({ targetId: context.target.id }),
        onDone: {
          target: 'checking',
          actions: assign(({ event }) => {
            const fresh = event.output as FreshParties;
            return { employee: fresh.actor, target: fresh.target ?? undefined } as never;
          }),
        },
        onError: edit.notSaved,
      },
    },
    checking: {
      description: 'the hierarchy checked against the fresh data',
      always: [
        { description: 'allowed', guard: ({ context }) => checkChange(context.employee, context.target, context.patch ?? {}) === null, target: 'saving' },
        {
          description: 'refused: nothing is sent',
          target: 'choosingField',
          actions: assign({ failure: ({ context }) => refusalText(checkChange(context.employee, context.target, context.patch ?? {})!), patch: null }),
        },
      ],
    },
    saving: edit.saving({ src: 'updateEmployee', id: (context) => context.target.id, record: 'target' }),
    saved: { type: 'final' },
  },
  output: ({ context }) => ({ employee: context.target }),
});
