import type { Person } from '../harness/driver.js';

/** Opens the students section, searches, and opens the first student whose button starts with the search. */
export async function openStudent(me: Person, search: string): Promise<void> {
  await me.send('👥 Talabalar');
  await me.send(search);
  await me.press(new RegExp(`^${search}`));
}
