import { describe, expect, it } from 'vitest';
import { registerEmployee, type NewEmployee } from '../../api/employees.js';
import { createGroup, type NewGroup } from '../../api/groups.js';
import { createStudent, type NewStudent } from '../../api/students.js';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { clientLoggedInAs } from '../harness/api-client.js';

/**
 * A create replayed after a crash (issue 14): the process sent the POST, died before saving the
 * outcome, and the update is processed again. The replay must find what the first attempt made and
 * send nothing; when the first attempt never reached the backend, the replay sends it.
 */
const as = clientLoggedInAs;

const posts = (sim: BackendSimulator, path: string) => sim.requests.filter((r) => r.method === 'POST' && r.path === `/api/v1${path}`).length;

const group: NewGroup = { speciality: 'tekla_structure', days: 'tue_thu_sat', time: '9:30', startingDate: '2027-01-15', seats: 12, price: 1_500_000, totalLessons: 48, mentor: { id: 8 } };
const student: NewStudent = {
  fullName: 'Qaytarov Sinov',
  email: 'qaytarov.sinov@gmail.com',
  phone: '+998901112233',
  passport: 'AB1234567',
  birthDate: '2003-02-01',
  source: 'instagram',
  address: null,
};
const employee: NewEmployee = { email: 'yangi.mentor@bimuz.local', firstName: 'Yangi', lastName: 'Mentor', role: 'mentor', speciality: 'Revit', password: 'Parol-2027-uzun' };

describe('a create replayed after a crash', () => {
  it('takes the group its first attempt made, matching every field, and sends no second POST', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'administrator');
    const receivedAt = Date.now();
    const first = await createGroup(api, group, '2026-11-24');
    const again = await createGroup(api, group, '2026-11-24', receivedAt);
    expect(again.id).toBe(first.id);
    expect(posts(sim, '/education/groups/')).toBe(1);
  });

  it('creates the group when no group with the same fields was made since the decision', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'administrator');
    // an older group with the same fields, made before the decision was received, is not its own
    const older = await createGroup(api, group, '2026-11-24');
    // another group made since, differing in one field, is not its own either
    await createGroup(api, { ...group, seats: 13 }, '2026-11-24');
    const replayed = await createGroup(api, group, '2026-11-24', Date.now() + 120_000);
    expect(replayed.id).not.toBe(older.id);
    expect(posts(sim, '/education/groups/')).toBe(3);
    const sameSince = await createGroup(api, { ...group, mentor: null }, '2026-11-24', Date.now() - 1000);
    expect(sameSince.mentorId).toBeNull();
    expect(posts(sim, '/education/groups/')).toBe(4);
  });

  it('takes the student its first attempt made, by the unique email, with the same password', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'administrator');
    const receivedAt = Date.now();
    const first = await createStudent(api, student, { seed: 'decision-seed' });
    const again = await createStudent(api, student, { seed: 'decision-seed', replayedSince: receivedAt });
    expect(again.student.id).toBe(first.student.id);
    expect(again.password).toBe(first.password);
    expect(posts(sim, '/auth/students/')).toBe(1);
  });

  it('registers the employee its first attempt did not reach, and takes the one it did', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'dasturchi');
    const receivedAt = Date.now();
    const registered = await registerEmployee(api, employee, receivedAt);
    expect(posts(sim, '/auth/register/')).toBe(1);
    const again = await registerEmployee(api, employee, receivedAt);
    expect(again).toMatchObject({ id: registered.id, email: employee.email, role: 'mentor', isActive: true });
    expect(posts(sim, '/auth/register/')).toBe(1);
  });
});
