import { setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { firstPage, pagedList } from '../kit/list.js';
import { recordNavigation, sectionNavigation, type RecordsContext } from '../kit/navigation.js';
import { childEvents, recordRootActions, set, show } from '../kit/patterns.js';
import { confirmedRemoval, loadingRecord } from '../kit/record.js';
import { escapeHtml } from '../ui/format.js';
import { groupLabel, groupScreens } from '../ui/groups-screens.js';
import { t } from '../ui/texts.js';
import { groupAttendanceMachine } from './attendance.js';
import { groupButtons, press, type NavigationAction } from './buttons.js';
import { createGroupMachine } from './create.js';
import { editGroupMachine } from './edit.js';
import type { GroupPage, GroupView } from './model.js';

interface GroupsContext extends RecordsContext<NavigationAction> {
  /** the backend's group list reads no search (captures 297–301): always null */
  search: null;
  groupId: number | null;
  /** the group the current screen is about, as last read from the backend */
  group: GroupView | null;
  /** the lesson a `lesson` button points at */
  lessonId: number | null;
}

const records = recordNavigation<NavigationAction, GroupsContext>({
  buttons: groupButtons,
  id: 'groupId',
  search: false,
  own: {
    // a lesson's button carries its group, for the way back
    lesson: {
      follow: (button) => ({ lessonId: button.id ?? null, groupId: Number(button.value ?? 0) || null }),
      press: (context) => press.lesson(context.lessonId ?? 0, context.groupId ?? 0),
    },
  },
});

const navigation = sectionNavigation<NavigationAction, GroupsContext>({
  buttons: groupButtons,
  permissions: {
    list: null,
    open: null,
    new: 'groups.create',
    edit: 'groups.edit',
    delete: 'groups.delete',
    lessons: 'groups.attendance',
    lesson: 'groups.attendance',
  },
  follow: records.follow,
});

const intentIs = navigation.intentIs;

const failureScreen = (error: unknown, context: GroupsContext) => groupScreens.failure(asFailure(error).message, records.retryAfter(error, context), context.page);

const detailScreen = (context: GroupsContext) =>
  groupScreens.detail(context.group!, { role: context.employee.role, page: context.page, notice: context.notice });

/**
 * The groups section: the backend-paginated list (a mentor's holds only their own groups), a
 * group's detail with the actions the role may take, deleting a group after a confirmation that
 * says what goes with it; creating, editing and a group's attendance run as child flows.
 * Navigation buttons work from every state and after a restart.
 */
export const groupsMachine = setup({
  types: {
    context: {} as GroupsContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
  },
  actions: recordRootActions,
  actors: {
    createFlow: createGroupMachine,
    editFlow: editGroupMachine,
    attendanceFlow: groupAttendanceMachine,
    listGroups: backendCall('listGroups'),
    getGroup: backendCall('getGroup'),
    deleteGroup: backendCall('deleteGroup'),
  },
}).createMachine({
  id: 'groups',
  description:
    "The groups section: the backend-paginated list (a mentor sees only their own groups), a group's detail with the actions the role may take, " +
    'and deleting a group; creating, editing and the attendance of a group run as child flows. Navigation buttons work from every state and after a restart.',
  ...navigation.root((employee) => ({ employee, ...firstPage, groupId: null, group: null, lessonId: null })),
  states: {
    routing: navigation.routing([
      { description: 'a list page', intents: ['list'], target: 'list' },
      { description: 'a new group', intents: ['new'], target: 'creating' },
      { description: "a group's attendance", intents: ['lessons', 'lesson'], target: 'attendance' },
      { description: 'a group, or an action on one', intents: ['open', 'edit', 'delete'], target: 'loadingGroup' },
    ]),
    list: pagedList({
      src: 'listGroups',
      description: 'the list of groups, a page at a time',
      screen: (page: GroupPage, context: GroupsContext) => groupScreens.list(page, { role: context.employee.role, notice: context.notice }),
      failure: failureScreen,
      failed: '#groups.idle',
      searchHint: null,
    }),
    loadingGroup: loadingRecord({
      src: 'getGroup',
      description: 'reading the group afresh before showing or acting on it',
      id: (context: GroupsContext) => context.groupId ?? 0,
      into: 'group',
      target: 'groupLoaded',
      failure: failureScreen,
      failed: 'idle',
    }),
    groupLoaded: {
      description: 'going where the button pointed',
      always: [
        { description: 'edit', guard: intentIs('edit'), target: 'editing' },
        { description: 'delete', guard: intentIs('delete'), target: 'confirmingRemoval' },
        { description: 'open', target: 'detail' },
      ],
    },
    detail: {
      description: "a group's detail, with the actions the role may take",
      entry: [show(({ context }: { context: GroupsContext }) => detailScreen(context)), 'takeNotice'],
    },
    ...confirmedRemoval({
      description: 'asking to confirm the deletion (its invoices, paid ones too, go with it)',
      screen: (context: GroupsContext) => groupScreens.confirmRemove(context.group!),
      permission: 'groups.delete',
      src: 'deleteGroup',
      what: 'the group',
      id: (context: GroupsContext) => context.groupId,
      deleted: (context: GroupsContext) => t.groups.list.deleted(groupTitle(context)),
      forget: ['group', 'groupId'],
      target: 'list',
      failure: failureScreen,
      failed: 'idle',
    }),
    creating: {
      description: 'the create wizard',
      invoke: {
        id: 'child',
        src: 'createFlow',
        input: ({ context }) => ({ employee: context.employee, cancel: press.list(context.page) }),
        onDone: {
          description: 'created: its detail',
          target: 'detail',
          actions: set(({ event }: { event: { output: { group: GroupView } } }) => ({
            group: event.output.group,
            groupId: event.output.group.id,
            notice: t.groups.create.created(escapeHtml(groupLabel(event.output.group))),
          })),
        },
      },
      on: childEvents(groupButtons),
    },
    editing: {
      description: 'the edit flow',
      invoke: {
        id: 'child',
        src: 'editFlow',
        input: ({ context }) => ({ employee: context.employee, group: context.group! }),
        onDone: {
          description: 'saved: the refreshed detail',
          target: 'detail',
          actions: set(({ event }: { event: { output: { group: GroupView } } }) => ({ group: event.output.group, notice: t.groups.detail.saved })),
        },
      },
      on: childEvents(groupButtons),
    },
    attendance: {
      description: "the group's recent lessons, or one of them",
      invoke: {
        id: 'child',
        src: 'attendanceFlow',
        input: ({ context }) => ({ groupId: context.groupId ?? 0, lessonId: context.intent === 'lesson' ? context.lessonId : null, page: context.page }),
      },
      on: childEvents(groupButtons),
    },
    idle: {
      description: 'a result or a failure is shown; its buttons lead on',
    },
  },
});

function groupTitle(context: GroupsContext): string {
  return context.group ? escapeHtml(groupLabel(context.group)) : '';
}
