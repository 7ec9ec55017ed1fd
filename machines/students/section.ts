import { defineSection } from '../kit/section.js';
import { studentButtons } from './buttons.js';
import { studentsMachine } from './students.js';

/** The students section: open to every employee; its actions check their own permissions. */
export const studentsSection = defineSection({ name: 'students', flow: studentsMachine, buttons: studentButtons, opens: null });
