import { assign, setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import { buttonValue, isPress, pressed } from '../kit/buttons.js';
import { checkingPermission, expectButtons, expectText, followRole, show, staleButton } from '../kit/patterns.js';
import { employeeScreens, isTypedEditField, type TypedEditField } from '../ui/employees-screens.js';
import { t } from '../ui/texts.js';
import { employeeFieldChecks, type Checked } from '../validation.js';
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

function checkTyped({ context, event }: Args): Checked<string> | null {
  if (event.type !== 'TEXT' || !isTypedEditField(context.field)) return null;
  return employeeFieldChecks[context.field](event.text);
}

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

const valueScreen = (context: EditContext, reason: string | null = null) =>
  employeeScreens.editValue(context.field as TypedEditField, context.target, { reason });

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
    change: assign((_, patch: EmployeePatch) => ({ patch })),
    chooseField: assign((_, field: EditField) => ({ field })),
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
    choosingField: {
      description: 'the fields as buttons (the role and the activity only when this employee may change them)',
      entry: [show(({ context }: Args) => employeeScreens.editFields(context.target, { actor: context.employee, failure: context.failure })), assign({ failure: null })],
      on: {
        BUTTON: [
          {
            description: 'the full name or the speciality',
            guard: ({ event }) => isPress(event, 'field') && isTypedEditField(buttonValue(event) ?? null),
            target: 'askingValue',
            actions: { type: 'chooseField', params: ({ event }) => buttonValue(event) as EditField },
          },
          {
            description: 'the role',
            guard: ({ context, event }) => isPress(event, 'field') && buttonValue(event) === 'role' && offered(context).role,
            target: 'choosingRole',
            actions: { type: 'chooseField', params: 'role' as EditField },
          },
          {
            description: 'the activity',
            guard: ({ context, event }) => isPress(event, 'field') && buttonValue(event) === 'active' && offered(context).active,
            target: 'confirmingActive',
            actions: { type: 'chooseField', params: 'active' as EditField },
          },
          {
            description: "one's own role or activity, or one this employee may not change (an old button): refused",
            guard: ({ event }) => isPress(event, 'field'),
            actions: { type: 'alert', params: ({ context, event }: Args) => refusedField(context, buttonValue(event)) },
          },
        ],
        ...expectButtons,
      },
    },
    askingValue: {
      description: 'waiting for the new full name or speciality',
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
          {
            description: 'refused with the reason; the question stays',
            actions: show((args: Args) => {
              const checked = checkTyped(args);
              return valueScreen(args.context, checked && !checked.ok ? checked.reason : null);
            }),
          },
        ],
        BUTTON: [
          {
            description: 'the speciality cleared',
            guard: ({ context, event }) => isPress(event, 'clear') && context.field === 'speciality' && context.target.professionality !== null,
            target: 'mayEdit',
            actions: { type: 'change', params: { speciality: null } },
          },
          { description: 'back to the fields', guard: pressed<EditContext>('fields'), target: 'choosingField' },
        ],
        ...expectText,
      },
    },
    choosingRole: {
      description: 'waiting for a role (buttons: the roles this employee may assign)',
      entry: show(({ context }: Args) => employeeScreens.editRole(context.target, { actor: context.employee })),
      on: {
        BUTTON: [
          { description: 'a role', guard: (args) => pickedRole(args) !== null, target: 'mayEdit', actions: { type: 'change', params: (args) => ({ role: pickedRole(args)! }) } },
          { description: 'back to the fields', guard: pressed<EditContext>('fields'), target: 'choosingField' },
        ],
        ...expectButtons,
      },
    },
    confirmingActive: {
      description: 'asking to confirm deactivating (or activating again) the employee',
      entry: show(({ context }: Args) => employeeScreens.confirmActive(context.target)),
      on: {
        BUTTON: [
          {
            description: 'confirmed: the value the confirmation named is sent',
            guard: pressed<EditContext>('active_ok', (context) => context.target.id),
            target: 'mayEdit',
            actions: { type: 'change', params: ({ context }) => ({ isActive: !context.target.isActive }) },
          },
          { description: 'back to the fields', guard: pressed<EditContext>('fields'), target: 'choosingField' },
        ],
        ...expectButtons,
      },
    },
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
        onError: { target: 'choosingField', actions: assign({ failure: ({ event }) => asFailure(event.error).message, patch: null }) },
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
    saving: {
      description: 'saving the change',
      invoke: {
        src: 'updateEmployee',
        input: ({ context }) => ({ id: context.target.id, patch: context.patch ?? {} }),
        onDone: { target: 'saved', actions: assign({ target: ({ event }) => event.output, patch: null }) },
        onError: { description: 'not saved: the fields again, with the reason', target: 'choosingField', actions: assign({ failure: ({ event }) => asFailure(event.error).message, patch: null }) },
      },
    },
    saved: { type: 'final' },
  },
  output: ({ context }) => ({ employee: context.target }),
});
