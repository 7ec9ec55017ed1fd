import { defineSection } from '../kit/section.js';
import { groupButtons } from './buttons.js';
import { groupsMachine } from './groups.js';

/** The groups section: open to every employee (a mentor sees their own groups); its actions check their own permissions. */
export const groupsSection = defineSection({ name: 'groups', flow: groupsMachine, buttons: groupButtons, opens: null });
