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
