/**
 * What each flow is for and who may use it, for the index of the diagrams. A section opened from
 * the main menu gets its audience from the menu and from machines/permissions.ts, so a new
 * section needs no entry here; the entries below cover what those cannot say.
 */
import { roles, rules, type Permission, type Role } from '../../machines/permissions.js';
import { menuItemsFor } from '../../machines/sections.js';
import { menu, type MenuItem } from '../../machines/ui/texts.js';
import type { Flow } from './catalog.js';
import { humanise } from './labels.js';

interface Known {
  title?: string;
  purpose?: string;
  audience?: string;
  /** for a flow inside a section: the permissions that decide who gets into it */
  rules?: Permission[];
}

const known: Record<string, Known> = {
  chat: {
    title: 'Chat',
    purpose:
      'The whole conversation of one private chat: logged out, logging in, or logged in at the main menu with at most one section running. ' +
      'Main-menu buttons and /start, /menu, /cancel, /help work everywhere.',
    audience: 'Everyone who writes to the bot in a private chat (groups get a one-line refusal).',
  },
  login: {
    title: 'Login',
    purpose: 'Logging in with the BIMUZ email and password; the message with the password is deleted at once.',
    audience: 'Anyone who presses /start; only BIMUZ employees with a valid email and password get in.',
  },
  // books students as well as moving them to another group
  studentBooking: { rules: ['students.book', 'students.changeGroup'] },
};

export interface About {
  title: string;
  purpose: string;
  audience: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const roleNames = (list: readonly Role[]) => list.map((role) => capitalise(humanise(role))).join(', ');
const isMenuItem = (id: string): id is MenuItem => id in menu;

/** The main-menu section a flow belongs to: itself, or the nearest ancestor that is one. */
function sectionOf(flow: Flow, flows: ReadonlyMap<string, Flow>): MenuItem | null {
  const seen = new Set<string>();
  const queue = [flow];
  while (queue.length) {
    const current = queue.shift()!;
    if (isMenuItem(current.id)) return current.id;
    if (seen.has(current.id)) continue;
    seen.add(current.id);
    for (const invocation of current.invokedBy) {
      const parent = flows.get(invocation.flow);
      if (parent) queue.push(parent);
    }
  }
  return null;
}

const words = (text: string) => new Set(humanise(text).split(' ').map((word) => word.replace(/s$/, '')));

/**
 * Who opens the section, and who may take each of its actions. For a flow inside the section,
 * only the actions it is about: those named in `known`, else those sharing a word with its id
 * (`createStudent` → students.create), else all of them.
 */
function sectionAudience(section: MenuItem, flowId: string): string {
  const openers = roles.filter((role) => menuItemsFor(role).includes(section));
  const opened =
    flowId === section ? `“${menu[section]}” is opened by: ${roleNames(openers)}.` : `Part of “${menu[section]}” (opened by: ${roleNames(openers)}).`;
  const sectionRules = (Object.keys(rules) as Permission[]).filter((permission) => permission.startsWith(`${section}.`));
  let chosen = sectionRules;
  if (flowId !== section) {
    const own = [...words(flowId)].filter((word) => !words(section).has(word));
    const named = known[flowId]?.rules ?? sectionRules.filter((permission) => own.some((word) => words(permission.split('.')[1]!).has(word)));
    if (named.length) chosen = named;
  }
  const lines = chosen.map((permission) => `${capitalise(humanise(permission.split('.')[1]!))}: ${roleNames(rules[permission])}.`);
  return [opened, ...lines].join(' ');
}

export function aboutFlow(flow: Flow, flows: ReadonlyMap<string, Flow>): About {
  const entry = known[flow.id] ?? {};
  const section = sectionOf(flow, flows);
  const title = entry.title ?? (isMenuItem(flow.id) ? `${capitalise(humanise(flow.id))} (${menu[flow.id]})` : capitalise(humanise(flow.id)));
  const purpose = flow.machine.root.description ?? entry.purpose ?? 'Not described yet: add a `description` to the machine.';
  const audience = entry.audience ?? (section ? sectionAudience(section, flow.id) : 'Not described yet: add the flow to scripts/flows/about.ts.');
  return { title, purpose, audience };
}
