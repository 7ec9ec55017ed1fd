import type { FlowEvent } from '../events.js';
import type { ButtonData } from '../ui/callback.js';

/**
 * Every inline button of the students section. Each carries what it needs (ids, the page, the
 * search), so that it does the right thing after a restart or from another state of the flow.
 *
 * Two kinds:
 * - navigation buttons open a screen; the flow honours them in every state (an old list's
 *   button opens the right student a week later);
 * - action buttons (confirm, save, pick…) are honoured only by the state that showed them, so a
 *   double tap does one thing and the second tap is told the button is out of date.
 */
const section = 'students';

export const navigationActions = ['list', 'open', 'new', 'edit', 'delete', 'book', 'change', 'unbook'] as const;
export type NavigationAction = (typeof navigationActions)[number];

const to = (action: string, id?: number, value?: string): ButtonData => {
  const data: ButtonData = { section, action };
  if (id !== undefined) data.id = id;
  if (value !== undefined) data.value = value;
  return data;
};

export const press = {
  // navigation
  list: (page: number, search: string | null) => to('list', page, search ?? undefined),
  open: (studentId: number) => to('open', studentId),
  create: () => to('new'),
  edit: (studentId: number) => to('edit', studentId),
  remove: (studentId: number) => to('delete', studentId),
  book: (studentId: number) => to('book', studentId),
  changeGroup: (studentId: number) => to('change', studentId),
  cancelBooking: (studentId: number) => to('unbook', studentId),
  // actions of the list, detail and confirmation screens
  confirmRemove: (studentId: number) => to('delete_ok', studentId),
  confirmCancelBooking: (studentId: number) => to('unbook_ok', studentId),
  // the create wizard
  source: (source: string) => to('source', undefined, source),
  skip: () => to('skip'),
  fix: (field: string) => to('fix', undefined, field),
  review: () => to('review'),
  save: () => to('save'),
  // the edit flow
  field: (field: string) => to('field', undefined, field),
  fields: () => to('fields'),
  clear: () => to('clear'),
  confirmActive: (studentId: number) => to('active_ok', studentId),
  // the group picker
  groupsPage: (page: number) => to('groups', page),
  pickGroup: (groupId: number) => to('pick', groupId),
  confirmGroup: (groupId: number) => to('group_ok', groupId),
};

export type ButtonEvent = Extract<FlowEvent, { type: 'BUTTON' }>;

export function isNavigation(event: FlowEvent): event is ButtonEvent {
  return event.type === 'BUTTON' && (navigationActions as readonly string[]).includes(event.button.action);
}

export function isPress(event: FlowEvent, action: string): event is ButtonEvent {
  return event.type === 'BUTTON' && event.button.action === action;
}

/** A guard: the event is this button and, when `id` is given, carries the id the state is about. */
export function pressed<C>(action: string, id?: (context: C) => number | null) {
  return ({ event, context }: { event: FlowEvent; context: C }): boolean =>
    isPress(event, action) && (id === undefined || event.button.id === id(context));
}
