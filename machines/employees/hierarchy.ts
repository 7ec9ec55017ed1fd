import { isRole, roles, type Role } from '../permissions.js';

/**
 * Who may read, change and delete which employee, and who may assign which role: the backend's
 * rules (user/api/permissions.py IsDeveloperOrAdministrator, employee_views.py and
 * EmployeeUpdateSerializer.validate_role at the captured commit), plus the bot's own:
 *
 * - only dasturchi, direktor and administrator read an employee's detail, change or delete one
 *   (everyone else gets 403, captures 111, 112, 121, 124);
 * - a direktor may not read, change or delete a dasturchi (113, 120); an administrator may not
 *   read, change or delete a direktor or a dasturchi (114, 119, 123), but may another administrator;
 * - a role may be assigned only to whom the actor could then still manage: an administrator
 *   cannot make a direktor or a dasturchi (117); the backend lets a direktor make a dasturchi, whom
 *   the direktor could then no longer read, so the bot does not offer it;
 * - registration accepts any role from anyone (`AllowAny`): these rules are the only gate;
 * - nobody changes their own role, deactivates or deletes themselves (the bot's rule: the backend
 *   would let a dasturchi do all three).
 *
 * Pure functions: the flows check them when they offer a button and again right before the
 * request, against the acting employee's and the target's data read afresh.
 */

const managers: readonly Role[] = ['dasturchi', 'direktor', 'administrator'];

/** The roles above which `actor` cannot reach: whom they may read, change and delete. */
const outOfReach: Record<string, readonly Role[]> = {
  dasturchi: [],
  direktor: ['dasturchi'],
  administrator: ['dasturchi', 'direktor'],
};

/** Whether `actor` may read the detail of an employee whose role is `target` (the backend answers 403 otherwise). */
export function mayRead(actor: string, target: string): boolean {
  if (!(managers as readonly string[]).includes(actor)) return false;
  return !(outOfReach[actor] ?? roles).includes(target as Role);
}

/** Whether `actor` may change or delete an employee whose role is `target` (the same rule as reading). */
export const mayManage = mayRead;

/** Whether `actor` may give an employee the role `role`. */
export function mayAssign(actor: string, role: string): boolean {
  return isRole(role) && mayManage(actor, role);
}

/** The roles `actor` may assign, in the order of `roles` (dasturchi first). */
export function assignableRoles(actor: string): Role[] {
  return roles.filter((role) => mayAssign(actor, role));
}

export interface Party {
  id: number;
  role: string;
}

/** Why a change is refused; null when it is allowed. */
export type Refusal = 'notManager' | 'outOfReach' | 'roleNotAssignable' | 'ownRole' | 'ownActive' | 'ownDelete';

/** Registering an employee with `role`. */
export function checkRegister(actor: Party, role: string): Refusal | null {
  if (!(managers as readonly string[]).includes(actor.role)) return 'notManager';
  return mayAssign(actor.role, role) ? null : 'roleNotAssignable';
}

/** One change of `target` by `actor`: the fields it touches decide what is checked. */
export function checkChange(actor: Party, target: Party, change: { role?: string; isActive?: boolean }): Refusal | null {
  if (!(managers as readonly string[]).includes(actor.role)) return 'notManager';
  if (!mayManage(actor.role, target.role)) return 'outOfReach';
  const self = actor.id === target.id;
  if (change.role !== undefined) {
    if (self) return 'ownRole';
    if (!mayAssign(actor.role, change.role)) return 'roleNotAssignable';
  }
  if (change.isActive !== undefined && self) return 'ownActive';
  return null;
}

/** Deleting `target`. */
export function checkRemoval(actor: Party, target: Party): Refusal | null {
  if (!(managers as readonly string[]).includes(actor.role)) return 'notManager';
  if (!mayManage(actor.role, target.role)) return 'outOfReach';
  return actor.id === target.id ? 'ownDelete' : null;
}

/** What the detail offers `actor` about `target`: edit, change of role, (de)activation, delete. */
export function offers(actor: Party, target: Party) {
  const manage = mayManage(actor.role, target.role);
  const self = actor.id === target.id;
  return {
    edit: manage,
    role: manage && !self && assignableRoles(actor.role).length > 0,
    active: manage && !self,
    remove: manage && !self,
  };
}
