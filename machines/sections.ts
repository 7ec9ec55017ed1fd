import { mayOpen, type Section } from './kit/section.js';
import { analyticsSection } from './analytics/section.js';
import { attendanceSection } from './attendance/section.js';
import { documentsSection } from './documents/section.js';
import { employeesSection } from './employees/section.js';
import { groupsSection } from './groups/section.js';
import { reportsSection } from './reports/section.js';
import { paymentsSection } from './payments/section.js';
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
  paymentsSection,
  reportsSection,
  analyticsSection,
  attendanceSection,
  documentsSection,
  employeesSection,
];

/** Main-menu items that are not sections. */
export const fixedItems: readonly MenuItem[] = ['profile', 'logout'];

/**
 * The main menu as one deployment offers it: the registered sections less those the
 * configuration switches off (BOT_REPORTS=off keeps the reports in the staff dashboard). A
 * switched-off item is shown to nobody, and its section's buttons open nothing.
 */
export interface MainMenu {
  /** the sections that open */
  sections: readonly Section[];
  /** the items switched off by the configuration */
  switchedOff: readonly MenuItem[];
  sectionNamed(item: string): Section | undefined;
  /** whether the role sees the item in the main menu (and may open its section) */
  visibleTo(role: string, item: MenuItem): boolean;
  /** the role's main menu, in the order of `menu` (machines/ui/texts.ts) */
  itemsFor(role: string): MenuItem[];
}

export function mainMenu(switchedOff: readonly MenuItem[] = []): MainMenu {
  const open = sections.filter((section) => !switchedOff.includes(section.name));
  const sectionNamed = (item: string): Section | undefined => open.find((section) => section.name === item);
  const items = Object.keys(menu) as MenuItem[];
  const visibleTo = (role: string, item: MenuItem): boolean => {
    if (fixedItems.includes(item)) return true;
    if (switchedOff.includes(item)) return false;
    const section = sectionNamed(item);
    return section !== undefined && mayOpen(role, section);
  };
  return {
    sections: open,
    switchedOff,
    sectionNamed,
    visibleTo,
    itemsFor: (role) => items.filter((item) => visibleTo(role, item)),
  };
}

/** Everything switched on (the default configuration). */
export const fullMenu = mainMenu();

export const sectionNamed = fullMenu.sectionNamed;
export const visibleTo = fullMenu.visibleTo;
export const menuItemsFor = fullMenu.itemsFor;
