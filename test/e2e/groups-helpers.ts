import { groupLabel } from '../../machines/ui/groups-screens.js';
import type { Harness, Person } from '../harness/driver.js';

/** The label of a group's button in the list, from the simulator's row. */
export function labelOf(h: Harness, id: number): string {
  const group = h.backend.db.groups.find((g) => g.id === id);
  if (!group) throw new Error(`no group ${id}`);
  return groupLabel({ speciality: group.speciality_id, specialityDisplay: null, days: group.dates, time: group.time, startingDate: group.starting_date });
}

/** Opens the groups section and, page by page, the group with this id. */
export async function openGroup(me: Person, h: Harness, id: number): Promise<void> {
  const label = labelOf(h, id);
  await me.send('📚 Guruhlar');
  while (!me.buttons().includes(label)) await me.press('Keyingi ➡️');
  await me.press(label);
}
