import type { AnyStateMachine } from 'xstate';
import { can, type Permission } from '../permissions.js';
import type { MenuItem } from '../ui/texts.js';
import type { SectionButtons } from './buttons.js';

/**
 * A section of the main menu, as it registers itself in machines/sections.ts: one name for its
 * menu item (`menu` in machines/ui/texts.ts), the `section` of its buttons and its machine's id.
 * The chat machine opens the flow from the menu item, and hands it the section's buttons pressed
 * anywhere (an old message: the flow starts with that button as `input.entry`).
 */
export interface Section {
  name: MenuItem;
  /** the section's root machine: input FlowInput, id equal to `name` */
  flow: AnyStateMachine;
  /** the section's buttons (machines/kit/buttons.ts), declared with the same name */
  buttons: SectionButtons<string>;
  /** who sees the menu item and may open the section; null: everyone logged in */
  opens: Permission | null;
}

export function defineSection(section: Section): Section {
  if (section.flow.id !== section.name) throw new Error(`the ${section.name} section's machine must have the id '${section.name}', not '${section.flow.id}'`);
  if (section.buttons.section !== section.name) throw new Error(`the ${section.name} section's buttons must be declared as '${section.name}'`);
  return section;
}

export const mayOpen = (role: string | undefined, section: Pick<Section, 'opens'>): boolean =>
  role !== undefined && (section.opens === null || can(role, section.opens));
