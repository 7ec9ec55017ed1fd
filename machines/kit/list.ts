import type { Employee } from '../../api/types.js';
import type { FlowEvent } from '../events.js';
import type { Screen } from '../ui/screen.js';
import { normaliseSearch } from '../validation.js';
import { expectText, hint, set, show } from './patterns.js';

/** One page as the backend paginates it (20 a page, the real total); `page` is the page shown. */
export interface Page<T> {
  count: number;
  page: number;
  pages: number;
  items: T[];
}

/** What the kit's list needs in a section root's context. */
export interface ListContext {
  employee: Employee;
  /** the list page and search the person is in; a detail's back button returns to them */
  page: number;
  search: string | null;
  notice: string | null;
}

/** Where a section that opens on its list starts: the first page, no search, no notice. */
export const firstPage = { page: 1, search: null, intent: 'list', notice: null } as const;

/**
 * A paged list with the backend's own search: `loading` asks the backend for `context.page` and
 * `context.search` (call `src`, input `{ page, search }`), then `shown` shows it; a text typed
 * while the list is shown searches from page 1 (a blank one gets `searchHint`). A failure shows
 * `failure` and goes to `failed` (a state id such as `#groups.idle`). The notice, if any, is shown
 * once above the list. The page shown is the one the backend answered (a page past the end shrinks).
 */
export function pagedList<C extends ListContext, S extends string, P extends { page: number }, I = { page: number; search: string | null }>(spec: {
  src: S;
  description: string;
  screen: (page: P, context: C) => Screen;
  failure: (error: unknown, context: C) => Screen;
  failed: string;
  /** null: the list has no search */
  searchHint: string | null;
  /** what the call is given; by default `{ page, search }` */
  input?: (context: C) => I;
  /** what a typed text does while the list is shown, instead of a search (e.g. a filter) */
  typed?: never;
}) {
  const search = spec.typed !== undefined ? { TEXT: spec.typed } : spec.searchHint === null ? {} : {
    TEXT: [
      {
        description: 'a search',
        guard: ({ event }: { event: FlowEvent }) => event.type === 'TEXT' && normaliseSearch(event.text) !== '',
        target: 'loading',
        actions: set(({ event }: { event: FlowEvent }) => ({ search: event.type === 'TEXT' ? normaliseSearch(event.text) : null, page: 1 })),
      },
      { actions: hint(spec.searchHint) },
    ],
  };
  return {
    description: spec.description,
    initial: 'loading' as const,
    states: {
      loading: {
        description: 'loading a page of the list (the backend paginates and searches)',
        invoke: {
          src: spec.src,
          input: ({ context }: { context: C }): I => (spec.input ? spec.input(context) : ({ page: context.page, search: context.search } as I)),
          onDone: {
            target: 'shown',
            actions: [
              set(({ event }: { event: { output: P } }) => ({ page: event.output.page })),
              show(({ context, event }: { context: C; event: { output: P } }) => spec.screen(event.output, context)),
              set({ notice: null }),
            ],
          },
          onError: {
            target: spec.failed,
            actions: [show(({ context, event }: { context: C; event: { error: unknown } }) => spec.failure(event.error, context)), set({ notice: null })],
          },
        },
      },
      shown: {
        description: spec.typed !== undefined ? 'the list is shown; a text typed now narrows it' : spec.searchHint === null ? 'the list is shown' : 'the list is shown; a text typed now is a search',
        on: { ...search, ...expectText },
      },
    },
  };
}
