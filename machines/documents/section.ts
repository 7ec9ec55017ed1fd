import { defineSection } from '../kit/section.js';
import { documentButtons } from './buttons.js';
import { documentsMachine } from './documents.js';

/**
 * The documents section: every employee, as the backend's student detail (the contract and
 * certificate links) is readable by every employee (IsEmployee reads; writes only dasturchi and administrator).
 */
export const documentsSection = defineSection({ name: 'documents', flow: documentsMachine, buttons: documentButtons, opens: null });
