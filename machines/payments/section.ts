import { defineSection } from '../kit/section.js';
import { paymentButtons } from './buttons.js';
import { paymentsMachine } from './payments.js';

/** The payments section: open to every employee (a mentor sees their groups' invoices); marking paid checks its own permission. */
export const paymentsSection = defineSection({ name: 'payments', flow: paymentsMachine, buttons: paymentButtons, opens: null });
