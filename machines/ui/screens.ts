import type { Employee } from '../../api/types.js';
import { escapeHtml, formatDate } from './format.js';
import type { Screen } from './screen.js';
import { buttons, menu, t, type MenuItem } from './texts.js';

export type { Employee };

/** Two buttons a row, so that the whole menu fits on a phone without scrolling. */
export function mainMenuKeyboard(items: readonly MenuItem[]): string[][] {
  const labels = items.map((item) => menu[item]);
  const rows: string[][] = [];
  for (let i = 0; i < labels.length; i += 2) rows.push(labels.slice(i, i + 2));
  return rows;
}

const cancelRow = [{ label: buttons.cancel, data: { section: 'nav', action: 'cancel' } }];

export const screens = {
  askEmail: (intro: string, error?: string): Screen => ({
    text: `${error ? t.error(escapeHtml(error)) : intro}\n\n${t.askEmail}`,
    keyboard: 'remove',
    fresh: true,
  }),
  badEmail: (): Screen => ({ text: t.badEmail }),
  askPassword: (error?: string): Screen => ({
    text: error ? `${t.error(escapeHtml(error))}\n\n${t.askPassword}` : t.askPassword,
    buttons: [cancelRow],
  }),
  passwordDeleteFailed: (): Screen => ({ text: t.passwordDeleteFailed, fresh: true }),
  /** `items`: the role's main menu (machines/sections.ts) */
  loggedIn: (employee: Employee, items: readonly MenuItem[]): Screen => ({
    text: t.loggedIn(escapeHtml(employee.fullName), escapeHtml(employee.roleDisplay)),
    keyboard: mainMenuKeyboard(items),
  }),
  mainMenu: (items: readonly MenuItem[], notice?: string): Screen => ({
    text: notice ? `${notice}\n\n${t.mainMenu}` : t.mainMenu,
    keyboard: mainMenuKeyboard(items),
  }),
  profile: (employee: Employee): Screen => {
    const p = t.profile;
    const lines = [
      p.title,
      '',
      `<b>${p.name}:</b> ${escapeHtml(employee.fullName)}`,
      `<b>${p.email}:</b> ${escapeHtml(employee.email)}`,
      `<b>${p.role}:</b> ${escapeHtml(employee.roleDisplay)}`,
    ];
    if (employee.professionality) lines.push(`<b>${p.professionality}:</b> ${escapeHtml(employee.professionality)}`);
    if (employee.createdAt) lines.push(`<b>${p.since}:</b> ${formatDate(employee.createdAt)}`);
    return { text: lines.join('\n') };
  },
  message: (text: string): Screen => ({ text }),
  failure: (message: string): Screen => ({ text: t.error(escapeHtml(message)) }),
  notLoggedIn: (): Screen => ({ text: t.notLoggedIn, keyboard: 'remove' }),
  loggedOut: (): Screen => ({ text: t.loggedOut, keyboard: 'remove', fresh: true }),
  loginCancelled: (): Screen => ({ text: t.loginCancelled, keyboard: 'remove', fresh: true }),
  /** a menu item the role does not see, typed by hand */
  sectionForbidden: (item: MenuItem): Screen => ({ text: `${menu[item]}\n\n${t.forbidden}` }),
  /** a menu item the configuration switched off, typed by hand */
  switchedOff: (item: MenuItem): Screen => ({ text: `${menu[item]}\n\n${t.switchedOff}` }),
  help: (): Screen => ({ text: t.help }),
  hint: (text: string): Screen => ({ text, fresh: true }),
} as const;
