import type { FlowEvent } from '../events.js';
import type { ButtonData } from '../ui/callback.js';

/**
 * A section's inline buttons. Each carries what it needs (ids, the page, the search), so that it
 * does the right thing after a restart or from another state of the flow. Two kinds:
 * - navigation buttons open a screen; the section honours them in every state (an old list's
 *   button opens the right record a week later), after checking the role may follow them;
 * - action buttons (confirm, save, pick…) are honoured only by the state that showed them, so a
 *   double tap does one thing and the second tap is told the button is out of date.
 */
export type ButtonEvent = Extract<FlowEvent, { type: 'BUTTON' }>;

export interface SectionButtons<A extends string> {
  section: string;
  navigationActions: readonly A[];
  /** a button of this section: `to('open', 12)`, `to('list', 2, 'Ali')` */
  to(action: string, id?: number, value?: string): ButtonData;
  /** the event is one of this section's navigation buttons */
  isNavigation(event: FlowEvent): event is ButtonEvent;
}

/**
 * Declares a section's buttons: its name (the `section` of every button it shows, also its menu
 * item and machine id) and which of its actions are navigation.
 */
export function sectionButtons<const A extends string>(section: string, navigationActions: readonly A[]): SectionButtons<A> {
  return {
    section,
    navigationActions,
    to(action, id, value) {
      const data: ButtonData = { section, action };
      if (id !== undefined) data.id = id;
      if (value !== undefined) data.value = value;
      return data;
    },
    isNavigation: (event): event is ButtonEvent =>
      event.type === 'BUTTON' && event.button.section === section && (navigationActions as readonly string[]).includes(event.button.action),
  };
}

export function isPress(event: FlowEvent, action: string): event is ButtonEvent {
  return event.type === 'BUTTON' && event.button.action === action;
}

/** A guard: the event is this button and, when `id` is given, carries the id the state is about. */
export function pressed<C>(action: string, id?: (context: C) => number | null) {
  return ({ event, context }: { event: FlowEvent; context: C }): boolean =>
    isPress(event, action) && (id === undefined || event.button.id === id(context));
}

/** The value a button carries (a field name, a source…), or undefined for anything else. */
export const buttonValue = (event: FlowEvent): string | undefined => (event.type === 'BUTTON' ? event.button.value : undefined);

type To = SectionButtons<string>['to'];

/**
 * The navigation buttons of a section made of a paged list and its records (see
 * `recordNavigation`): a list page with its search, a record, its edit and delete, a new record;
 * and the confirmation of a deletion, for the record it names.
 */
export const recordPresses = (to: To) => ({
  list: (page: number, search: string | null = null) => to('list', page, search ?? undefined),
  open: (id: number) => to('open', id),
  create: () => to('new'),
  edit: (id: number) => to('edit', id),
  remove: (id: number) => to('delete', id),
  confirmRemove: (id: number) => to('delete_ok', id),
});

/** The buttons of the kit's wizard: skip a question, change an answer (the field), back to the summary, save. */
export const wizardPresses = (to: To) => ({
  skip: () => to('skip'),
  fix: (field: string) => to('fix', undefined, field),
  review: () => to('review'),
  save: () => to('save'),
});

/** The buttons of the kit's field-picking edit: a field, back to the fields, an optional field emptied, a switch confirmed for its record. */
export const editPresses = (to: To) => ({
  field: (field: string) => to('field', undefined, field),
  fields: () => to('fields'),
  clear: () => to('clear'),
  confirmActive: (id: number) => to('active_ok', id),
});
