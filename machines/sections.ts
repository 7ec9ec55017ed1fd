import type { Permission } from './permissions.js';
import { mayOpen, type Section } from './kit/section.js';
import { groupsSection } from './groups/section.js';
import { studentsSection } from './students/section.js';
import { menu, type MenuItem } from './ui/texts.js';

/**
 * The sections of the main menu. Adding one is one line here: its definition (see
 * machines/kit/section.ts and docs/adding-a-section.md). The chat machine, the main menu and the
 * routing of buttons are built from this list; nothing else names a section.
 */
export const sections: readonly Section[] = [
  studentsSection,
  groupsSection,
];

/** Main-menu items that are not sections. */
const fixedItems: readonly MenuItem[] = ['profile', 'logout'];

/**
 * Menu items whose section is not built yet: they stay in the menu and answer that they are
 * coming. The permission hides an item from roles that will not be able to open it.
 */
const comingSoonOpens: Partial<Record<MenuItem, Permission>> = { employees: 'employees.view' };

export const sectionNamed = (item: string): Section | undefined => sections.find((section) => section.name === item);

/** The menu items with no registered section yet, in menu order. */
export const comingSoon: readonly MenuItem[] = (Object.keys(menu) as MenuItem[]).filter((item) => !fixedItems.includes(item) && !sectionNamed(item));

/** Whether the role sees the item in the main menu (and may open its section). */
export function visibleTo(role: string, item: MenuItem): boolean {
  if (fixedItems.includes(item)) return true;
  const section = sectionNamed(item);
  return mayOpen(role, section ?? { opens: comingSoonOpens[item] ?? null });
}

/** The role's main menu, in the order of `menu` (machines/ui/texts.ts). */
export function menuItemsFor(role: string): MenuItem[] {
  return (Object.keys(menu) as MenuItem[]).filter((item) => visibleTo(role, item));
}
