import { BackendError } from './errors.js';

/** The backend's page size (DRF PAGE_SIZE), the same for every paginated list. */
export const PAGE_SIZE = 20;

/** One page of a list as a screen shows it: the real total, the page shown and how many there are. */
export interface Paged<T> {
  count: number;
  page: number;
  pages: number;
  items: T[];
}

async function fetchPaged<T>(fetchPage: (page: number) => Promise<{ count: number; results: T[] }>, page: number): Promise<Paged<T>> {
  const response = await fetchPage(page);
  return { count: response.count, page, pages: Math.max(1, Math.ceil(response.count / PAGE_SIZE)), items: response.results };
}

/**
 * One page of a backend list. A page that no longer exists (the list shrank since the button was
 * made) answers 404 "Invalid page."; the last page there is is shown instead.
 */
export async function readPage<T>(fetchPage: (page: number) => Promise<{ count: number; results: T[] }>, page: number): Promise<Paged<T>> {
  try {
    return await fetchPaged(fetchPage, page);
  } catch (error) {
    if (!(error instanceof BackendError) || error.kind !== 'notFound' || page <= 1) throw error;
    const first = await fetchPaged(fetchPage, 1);
    return first.pages > 1 ? fetchPaged(fetchPage, first.pages) : first;
  }
}

/** What a bounded read of a list's pages found, newest first. */
export interface Scanned<T> {
  items: T[];
  /** the whole list was read, or nothing older could match */
  complete: boolean;
  /** how many pages were read */
  pagesRead: number;
  /** the backend's total of the whole list */
  total: number;
  /** the last row read (the oldest one seen), null when the list was empty */
  oldest: T | null;
}

/**
 * Reads a list's pages in turn, newest first, keeping the rows `keep` accepts: for the lists whose
 * filters the backend ignores. It stops after `maxPages`, at the last page, or when `stop` says no
 * older row can match (the list is sorted so); `complete` says whether nothing was left unread.
 */
export async function scanPages<T>(spec: {
  fetchPage: (page: number) => Promise<{ count: number; next: string | null; results: T[] }>;
  keep: (row: T) => boolean;
  maxPages: number;
  stop?: (row: T) => boolean;
}): Promise<Scanned<T>> {
  const items: T[] = [];
  let oldest: T | null = null;
  let total = 0;
  for (let page = 1; page <= spec.maxPages; page += 1) {
    const response = await spec.fetchPage(page);
    total = response.count;
    for (const row of response.results) {
      if (spec.stop?.(row)) return { items, complete: true, pagesRead: page, total, oldest };
      oldest = row;
      if (spec.keep(row)) items.push(row);
    }
    if (!response.next) return { items, complete: true, pagesRead: page, total, oldest };
  }
  return { items, complete: false, pagesRead: spec.maxPages, total, oldest };
}
