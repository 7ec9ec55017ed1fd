import { sectionButtons } from '../kit/buttons.js';

/**
 * Every inline button of the reports section; all of them navigate (a month's report carries its
 * month, so an old button shows the same month).
 */
export const reportButtons = sectionButtons('reports', ['home', 'month', 'balance']);
export type NavigationAction = (typeof reportButtons.navigationActions)[number];

const to = reportButtons.to;

export const press = {
  home: () => to('home'),
  month: (month: string) => to('month', undefined, month),
  balance: () => to('balance'),
};
