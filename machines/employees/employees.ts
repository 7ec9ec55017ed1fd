import { setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { firstPage, pagedList } from '../kit/list.js';
import { recordNavigation, sectionNavigation, type RecordsContext } from '../kit/navigation.js';
import { alert, checkingPermission, childEvents, recordRootActions, set, show } from '../kit/patterns.js';
import { confirmOnce, goneOrFailed, loadingRecord, removingRecord } from '../kit/record.js';
import { pressed } from '../kit/buttons.js';
import { employeeScreens } from '../ui/employees-screens.js';
import { html } from '../ui/kit-screens.js';
import { t } from '../ui/texts.js';
import { employeeButtons, press, type NavigationAction } from './buttons.js';
import { createEmployeeMachine } from './create.js';
import { editEmployeeMachine } from './edit.js';
import { checkRemoval, offers } from './hierarchy.js';
import type { EmployeePage, EmployeeView, FreshParties } from './model.js';

interface EmployeesContext extends RecordsContext<NavigationAction> {
  employeeId: number | null;
  /** the employee the current screen is about, as last read from the backend */
  target: EmployeeView | null;
}

// an employee the role may not read stays refused: no retry
const records = recordNavigation<NavigationAction, EmployeesContext>({ buttons: employeeButtons, id: 'employeeId', final: ['notFound', 'forbidden'] });

const navigation = sectionNavigation<NavigationAction, EmployeesContext>({
  buttons: employeeButtons,
  permissions: {
    list: null,
    open: 'employees.view',
    new: 'employees.create',
    edit: 'employees.edit',
    delete: 'employees.delete',
  },
  follow: records.follow,
});

const intentIs = navigation.intentIs;

const failureScreen = (error: unknown, context: EmployeesContext) =>
  employeeScreens.failure(asFailure(error).message, records.retryAfter(error, context), press.list(context.page, context.search));

const detailScreen = (context: EmployeesContext) =>
  employeeScreens.detail(context.target!, { actor: context.employee, page: context.page, search: context.search, notice: context.notice });

type Args = { context: EmployeesContext };

const removalRefused = (context: EmployeesContext) => (context.target ? checkRemoval(context.employee, context.target) : 'outOfReach');

/** After the deletion's calls: the list once the employee is gone (deleted, by someone else too), the failure otherwise. */
const removal = { what: 'the employee', forget: ['target', 'employeeId'] as const, target: 'list', failure: failureScreen, failed: 'idle' };

const targetName = (context: EmployeesContext) => html(context.target?.fullName, 120);

/**
 * The employees section: the backend-paginated list with its search (every employee reads it; a
 * row opens the detail only for whom the person may read), an employee's detail with the actions
 * the hierarchy allows, and deleting an employee after a confirmation naming them, checked again
 * against the acting employee's profile and the target read afresh; creating and editing run as
 * child flows. Navigation buttons work from every state and after a restart.
 */
export const employeesMachine = setup({
  types: {
    context: {} as EmployeesContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
  },
  actions: recordRootActions,
  actors: {
    createFlow: createEmployeeMachine,
    editFlow: editEmployeeMachine,
    listEmployees: backendCall('listEmployees'),
    getEmployee: backendCall('getEmployee'),
    readParties: backendCall('readParties'),
    deleteEmployee: backendCall('deleteEmployee'),
  },
}).createMachine({
  id: 'employees',
  description:
    "The employees section: the backend-paginated list with search (every employee reads it), an employee's detail with the actions the hierarchy allows, " +
    'and deleting an employee, checked again with fresh data; creating and editing run as child flows. Navigation buttons work from every state and after a restart.',
  ...navigation.root((employee) => ({ employee, ...firstPage, employeeId: null, target: null })),
  states: {
    routing: navigation.routing([
      { description: 'a list page', intents: ['list'], target: 'list' },
      { description: 'a new employee', intents: ['new'], target: 'creating' },
      { description: 'an employee, or an action on one', intents: ['open', 'edit', 'delete'], target: 'loadingEmployee' },
    ]),
    list: pagedList({
      src: 'listEmployees',
      description: 'the list of employees, a page at a time',
      screen: (page: EmployeePage, context: EmployeesContext) => employeeScreens.list(page, { actor: context.employee, search: context.search, notice: context.notice }),
      failure: failureScreen,
      failed: '#employees.idle',
      searchHint: t.employees.list.searchHint,
    }),
    loadingEmployee: loadingRecord({
      src: 'getEmployee',
      description: 'reading the employee afresh before showing or acting on them (the backend refuses whom the role may not read)',
      id: (context: EmployeesContext) => context.employeeId ?? 0,
      into: 'target',
      target: 'employeeLoaded',
      failure: failureScreen,
      failed: 'idle',
    }),
    employeeLoaded: {
      description: 'going where the button pointed, if the hierarchy allows it',
      always: [
        { description: 'edit', guard: ({ context }: Args) => context.intent === 'edit' && offers(context.employee, context.target!).edit, target: 'editing' },
        { description: 'delete', guard: ({ context }: Args) => context.intent === 'delete' && removalRefused(context) === null, target: 'confirmingRemoval' },
        {
          description: 'an edit or delete the hierarchy refuses: the detail, with the reason',
          guard: intentIs('edit', 'delete'),
          target: 'detail',
          actions: set(({ context }: Args) => ({ notice: `❌ ${t.employees.refused[removalRefused(context) ?? 'outOfReach']}` })),
        },
        { description: 'open', target: 'detail' },
      ],
    },
    detail: {
      description: "an employee's detail, with the actions the hierarchy allows",
      entry: [show(({ context }: Args) => detailScreen(context)), 'takeNotice'],
    },
    confirmingRemoval: confirmOnce({
      description: 'asking to confirm the deletion, naming the employee (their login account goes too)',
      screen: (context: EmployeesContext) => employeeScreens.confirmRemove(context.target!),
      action: 'delete_ok',
      id: (context: EmployeesContext) => context.employeeId,
      target: 'mayRemove',
    }),
    mayRemove: checkingPermission('employees.delete', 'readingParties', 'detail'),
    readingParties: {
      // the hierarchy needs no check of its own here: the backend refuses to read an employee the
      // actor may not delete (mayRead is mayManage), and one's own deletion never reaches the
      // confirmation, so a read that succeeds is the fresh data's consent
      description: 'reading the acting employee and the target again, right before the deletion (the backend refuses whom the role may not reach)',
      invoke: {
        src: 'readParties',
        input: ({ context }) => ({ targetId: context.employeeId ?? 0 }),
        onDone: {
          target: 'removing',
          actions: set(({ event }: { event: { output: FreshParties } }) => ({ employee: event.output.actor, target: event.output.target })),
        },
        onError: goneOrFailed(removal),
      },
    },
    removing: removingRecord({
      ...removal,
      src: 'deleteEmployee',
      id: (context: EmployeesContext) => context.employeeId ?? 0,
      deleted: (context: EmployeesContext) => t.employees.list.deleted(targetName(context)),
    }),
    creating: {
      description: 'the create wizard',
      invoke: {
        id: 'child',
        src: 'createFlow',
        input: ({ context }) => ({ employee: context.employee, cancel: press.list(context.page, context.search) }),
        onDone: {
          description: 'registered: the new employee',
          target: 'detail',
          actions: set(({ event }: { event: { output: { employee: EmployeeView } } }) => ({
            target: event.output.employee,
            employeeId: event.output.employee.id,
            notice: t.employees.create.created(html(event.output.employee.fullName, 120)),
          })),
        },
      },
      on: {
        ...childEvents(employeeButtons),
        BUTTON: [
          { description: "an old list's create button: the draft is kept", guard: pressed('new'), actions: alert(t.employees.create.alreadyOpen) },
          childEvents(employeeButtons).BUTTON,
        ],
      },
    },
    editing: {
      description: 'the edit flow',
      invoke: {
        id: 'child',
        src: 'editFlow',
        input: ({ context }) => ({ employee: context.employee, target: context.target! }),
        onDone: {
          description: 'saved: the refreshed detail',
          target: 'detail',
          actions: set(({ event }: { event: { output: { employee: EmployeeView } } }) => ({ target: event.output.employee, notice: t.employees.detail.saved })),
        },
      },
      on: childEvents(employeeButtons),
    },
    idle: {
      description: 'a result or a failure is shown; its buttons lead on',
    },
  },
});
