import { defineSection } from '../kit/section.js';
import { analyticsButtons } from './buttons.js';
import { analyticsMachine } from './analytics.js';

/** The analytics section: for the roles that may read every figure it shows. */
export const analyticsSection = defineSection({ name: 'analytics', flow: analyticsMachine, buttons: analyticsButtons, opens: 'analytics.view' });
