import { sectionButtons } from '../kit/buttons.js';

/** The analytics section's one button: read the figures again. */
export const analyticsButtons = sectionButtons('analytics', ['show']);
export type NavigationAction = (typeof analyticsButtons.navigationActions)[number];

export const press = {
  show: () => analyticsButtons.to('show'),
};
