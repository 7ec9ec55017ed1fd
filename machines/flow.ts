import type { Employee } from './ui/screens.js';
import type { ButtonData } from './ui/callback.js';

/**
 * What every section flow is started with: who is acting (the role decides what is offered) and,
 * when the flow was entered by pressing one of its buttons from elsewhere (an old message, after a
 * restart), that button, so the flow can open where the button points.
 */
export interface FlowInput {
  employee: Employee;
  entry: ButtonData | null;
}
