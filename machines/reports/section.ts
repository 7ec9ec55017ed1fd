import { defineSection } from '../kit/section.js';
import { reportButtons } from './buttons.js';
import { reportsMachine } from './reports.js';

/** The reports section: for the roles the backend serves the reports to. */
export const reportsSection = defineSection({ name: 'reports', flow: reportsMachine, buttons: reportButtons, opens: 'reports.view' });
