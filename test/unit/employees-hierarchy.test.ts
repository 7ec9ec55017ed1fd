import { describe, expect, it } from 'vitest';
import { assignableRoles, checkChange, checkRegister, checkRemoval, mayAssign, mayManage, mayRead, offers } from '../../machines/employees/hierarchy.js';
import { roles } from '../../machines/permissions.js';

const managers = ['dasturchi', 'direktor', 'administrator'];
const others = ['buxgalter', 'sotuv_agenti', 'mentor', 'assistent'];

describe('the employee hierarchy', () => {
  it('lets only dasturchi, direktor and administrator read an employee, as the backend does (captures 110–114)', () => {
    for (const actor of others) for (const target of roles) expect(mayRead(actor, target)).toBe(false);
    for (const target of roles) expect(mayRead('dasturchi', target)).toBe(true);
    expect(roles.filter((target) => mayRead('direktor', target))).toEqual(['direktor', 'administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent']);
    // an administrator reaches another administrator, not a direktor or a dasturchi
    expect(roles.filter((target) => mayRead('administrator', target))).toEqual(['administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent']);
    expect(mayRead('unknown', 'assistent')).toBe(false);
    expect(mayManage).toBe(mayRead);
  });

  it('offers each role only the roles it could still manage afterwards; sotuv_agenti is one of them', () => {
    expect(assignableRoles('dasturchi')).toEqual([...roles]);
    expect(assignableRoles('direktor')).toEqual(roles.filter((role) => role !== 'dasturchi'));
    expect(assignableRoles('administrator')).toEqual(['administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent']);
    for (const actor of others) expect(assignableRoles(actor)).toEqual([]);
    for (const actor of managers) expect(mayAssign(actor, 'sotuv_agenti')).toBe(true);
    expect(mayAssign('dasturchi', 'boss')).toBe(false);
    expect(mayAssign('dasturchi', 'sotuv')).toBe(false);
  });

  it('checks a registration against the role the actor has now', () => {
    expect(checkRegister({ id: 2, role: 'direktor' }, 'direktor')).toBeNull();
    expect(checkRegister({ id: 3, role: 'administrator' }, 'direktor')).toBe('roleNotAssignable');
    expect(checkRegister({ id: 3, role: 'administrator' }, 'dasturchi')).toBe('roleNotAssignable');
    expect(checkRegister({ id: 6, role: 'mentor' }, 'assistent')).toBe('notManager');
  });

  it('refuses changing or deleting whom the actor may not reach', () => {
    const admin = { id: 3, role: 'administrator' };
    expect(checkChange(admin, { id: 2, role: 'direktor' }, { fullName: 'x' } as never)).toBe('outOfReach');
    expect(checkRemoval(admin, { id: 2, role: 'direktor' })).toBe('outOfReach');
    expect(checkChange({ id: 2, role: 'direktor' }, { id: 1, role: 'dasturchi' }, {})).toBe('outOfReach');
    expect(checkRemoval({ id: 2, role: 'direktor' }, { id: 1, role: 'dasturchi' })).toBe('outOfReach');
    expect(checkChange(admin, { id: 9, role: 'administrator' }, { isActive: false })).toBeNull();
    expect(checkRemoval(admin, { id: 9, role: 'administrator' })).toBeNull();
    expect(checkChange({ id: 4, role: 'buxgalter' }, { id: 7, role: 'assistent' }, {})).toBe('notManager');
    expect(checkRemoval({ id: 4, role: 'buxgalter' }, { id: 7, role: 'assistent' })).toBe('notManager');
  });

  it('refuses giving a role the actor may not assign (capture 117)', () => {
    const admin = { id: 3, role: 'administrator' };
    expect(checkChange(admin, { id: 5, role: 'sotuv_agenti' }, { role: 'direktor' })).toBe('roleNotAssignable');
    expect(checkChange(admin, { id: 5, role: 'sotuv_agenti' }, { role: 'mentor' })).toBeNull();
    expect(checkChange({ id: 2, role: 'direktor' }, { id: 5, role: 'sotuv_agenti' }, { role: 'dasturchi' })).toBe('roleNotAssignable');
  });

  it('lets nobody change their own role, deactivate or delete themselves; the name and speciality they may change', () => {
    for (const role of managers) {
      const me = { id: 42, role };
      expect(checkChange(me, me, { role: 'assistent' })).toBe('ownRole');
      expect(checkChange(me, me, { role })).toBe('ownRole');
      expect(checkChange(me, me, { isActive: false })).toBe('ownActive');
      expect(checkRemoval(me, me)).toBe('ownDelete');
      expect(checkChange(me, me, {})).toBeNull();
      expect(offers(me, me)).toEqual({ edit: true, role: false, active: false, remove: false });
    }
  });

  it('offers on a detail exactly what the checks would let through', () => {
    for (const actor of roles) {
      for (const target of roles) {
        const a = { id: 1, role: actor };
        const b = { id: 2, role: target };
        const offered = offers(a, b);
        expect(offered.edit).toBe(checkChange(a, b, {}) === null);
        expect(offered.remove).toBe(checkRemoval(a, b) === null);
        expect(offered.active).toBe(checkChange(a, b, { isActive: false }) === null);
        expect(offered.role).toBe(assignableRoles(actor).some((role) => checkChange(a, b, { role }) === null));
      }
    }
  });
});
