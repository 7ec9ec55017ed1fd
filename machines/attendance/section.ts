import { defineSection } from '../kit/section.js';
import { attendanceMachine } from './attendance.js';
import { attendanceButtons } from './buttons.js';

/** The attendance section: for the roles of the seed's access matrix (a mentor sees their own groups' records). */
export const attendanceSection = defineSection({ name: 'attendance', flow: attendanceMachine, buttons: attendanceButtons, opens: 'attendance.view' });
