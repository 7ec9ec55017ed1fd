import { describe, expect, it } from 'vitest';
import { BimuzApi, type UserApi } from '../../api/client.js';
import { BackendError } from '../../api/errors.js';
import {
  ATTENDANCE_PAGES,
  createGroup,
  deleteGroup,
  getGroup,
  getLesson,
  lessonsHeldOn,
  listGroupLessons,
  listGroups,
  listMentors,
  stageOn,
  updateGroup,
} from '../../api/groups.js';
import { can } from '../../machines/permissions.js';
import { MemoryStore } from '../../storage/memory.js';
import { BackendSimulator, type Role } from '../harness/backend-simulator.js';

const today = '2026-11-24';

/** A client acting as the seeded employee of a role, against a fresh simulator. */
async function clientAs(role: Role | 'mentor2', sim = new BackendSimulator()): Promise<{ sim: BackendSimulator; api: UserApi }> {
  const sessions = new MemoryStore();
  const email = `${role}@bimuz.local`;
  const pair = sim.tokensFor(email);
  const employee = { id: 1, email, fullName: role, role, roleDisplay: role, professionality: null, createdAt: '' };
  await sessions.setSession(1, { ...pair, employee, checkedAt: Date.now() });
  const api = new BimuzApi({ baseUrl: 'http://127.0.0.1:8000', timeoutMs: 3000, sessions, fetch: sim.fetch });
  return { sim, api: api.as(1, await sessions.getSession(1)) };
}

const refusalOf = async (call: Promise<unknown>): Promise<BackendError> => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendError);
  return error as BackendError;
};

describe('lessons held by the schedule', () => {
  const group = { starting_date: '2026-11-02', dates: 'mon_wed_fri', total_lessons: 12 };

  it('counts the start as lesson 1 and then the lesson days, today included', () => {
    // Mon 2 Nov is lesson 1; Wed 4, Fri 6 → 3; Mon 9 → 4
    expect(lessonsHeldOn(group, '2026-11-02')).toBe(1);
    expect(lessonsHeldOn(group, '2026-11-05')).toBe(2);
    expect(lessonsHeldOn(group, '2026-11-06')).toBe(3);
    expect(lessonsHeldOn(group, '2026-11-09')).toBe(4);
  });

  it('counts a start on another weekday as lesson 1 too, as the backend does for the finish date', () => {
    // Sunday 1 Nov, then Tue 3, Thu 5
    expect(lessonsHeldOn({ starting_date: '2026-11-01', dates: 'tue_thu_sat', total_lessons: 10 }, '2026-11-05')).toBe(3);
  });

  it('is 0 before the start, never above the total, and unknown without a start or a number of lessons', () => {
    expect(lessonsHeldOn(group, '2026-11-01')).toBe(0);
    expect(lessonsHeldOn(group, '2027-06-01')).toBe(12);
    expect(lessonsHeldOn({ ...group, starting_date: null }, today)).toBeNull();
    expect(lessonsHeldOn({ ...group, total_lessons: null }, today)).toBeNull();
  });

  it('places a group in its course', () => {
    expect(stageOn({ starting_date: null, finish_date: null }, today)).toBe('undated');
    expect(stageOn({ starting_date: '2026-12-01', finish_date: '2027-03-01' }, today)).toBe('planned');
    expect(stageOn({ starting_date: '2026-11-24', finish_date: '2027-03-01' }, today)).toBe('running');
    expect(stageOn({ starting_date: '2025-01-01', finish_date: '2025-06-01' }, today)).toBe('finished');
  });
});

describe('groups through the client', () => {
  it('pages the groups by 20 with the real total, and falls back to the last page when a page is gone', async () => {
    const { sim, api } = await clientAs('dasturchi');
    for (let i = 0; i < 6; i += 1) sim.addGroup({ time: `${10 + i}:30:00` });
    const first = await listGroups(api, 1);
    expect(first).toMatchObject({ count: 30, page: 1, pages: 2 });
    expect(first.groups).toHaveLength(20);
    const second = await listGroups(api, 2);
    expect(second.groups).toHaveLength(10);
    expect(new Set([...first.groups, ...second.groups].map((g) => g.id)).size).toBe(30);
    const gone = await listGroups(api, 7);
    expect(gone).toMatchObject({ page: 2, pages: 2 });
    expect(sim.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '7', '1', '2']);
  });

  it('gives a mentor only their own groups', async () => {
    const { sim, api } = await clientAs('mentor');
    const mentor = sim.db.employees.find((e) => e.email === 'mentor@bimuz.local')!;
    const own = sim.db.groups.filter((g) => g.mentor === mentor.id).map((g) => g.id);
    const page = await listGroups(api, 1);
    expect(page.count).toBe(own.length);
    expect(page.groups.map((g) => g.id).sort()).toEqual(own.sort());
  });

  it('reads a group with its seats, price as a number and mentor', async () => {
    const { api } = await clientAs('dasturchi');
    const group = await getGroup(api, 1, today);
    expect(group).toMatchObject({ id: 1, speciality: 'revit_architecture', days: 'mon_wed_fri', totalLessons: 72, price: 2_400_000, mentorName: 'Mentor Testov' });
    expect(group.seats).toBe(group.studentsCount + group.freeSeats);
    const none = await getGroup(api, 5, today);
    expect(none).toMatchObject({ mentorId: null, mentorName: null, startingDate: null, stage: 'undated', lessonsHeld: null, price: 0 });
  });

  it('creates a group with the price sent as digits and the time as typed', async () => {
    const { sim, api } = await clientAs('administrator');
    const created = await createGroup(
      api,
      { speciality: 'tekla_structure', days: 'tue_thu_sat', time: '09:30', startingDate: '2027-01-15', seats: 12, price: 1_500_000, totalLessons: 48, mentor: { id: 8 } },
      today,
    );
    expect(created).toMatchObject({ speciality: 'tekla_structure', time: '09:30:00', startingDate: '2027-01-15', price: 1_500_000, mentorId: 8, stage: 'planned', lessonsHeld: 0 });
    const post = sim.requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      speciality_id: 'tekla_structure',
      dates: 'tue_thu_sat',
      time: '09:30',
      starting_date: '2027-01-15',
      seats: 12,
      price: '1500000',
      total_lessons: 48,
      mentor: 8,
    });
  });

  it('hands on the refusal of a mentor who is not a mentor, keyed by the backend field', async () => {
    const { api } = await clientAs('dasturchi');
    const refusal = await refusalOf(
      createGroup(api, { speciality: 'tekla_structure', days: 'tue_thu_sat', time: '09:30', startingDate: '2027-01-15', seats: 12, price: 1_500_000, totalLessons: 48, mentor: { id: 4 } }, today),
    );
    expect(refusal.kind).toBe('validation');
    expect(Object.keys(refusal.fields ?? {})).toEqual(['mentor']);
  });

  it('edits speciality, days and mentor, and removes the mentor with null', async () => {
    const { sim, api } = await clientAs('direktor');
    const edited = await updateGroup(api, 2, { speciality: 'revit_architecture', days: 'mon_wed_fri', mentor: 8 }, today);
    expect(edited).toMatchObject({ speciality: 'revit_architecture', days: 'mon_wed_fri', mentorId: 8, mentorName: 'Mentor2 Testov' });
    const cleared = await updateGroup(api, 2, { mentor: null }, today);
    expect(cleared).toMatchObject({ mentorId: null, mentorName: null });
    expect(sim.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { speciality_id: 'revit_architecture', dates: 'mon_wed_fri', mentor: 8 },
      { mentor: null },
    ]);
  });

  it('is refused editing by a mentor, even of their own group', async () => {
    const { api } = await clientAs('mentor');
    expect((await refusalOf(updateGroup(api, 1, { seats: 3 }, today))).kind).toBe('forbidden');
  });

  it('deletes a group despite the 204 with a body, with its invoices, paid ones too', async () => {
    const { sim, api } = await clientAs('dasturchi');
    expect(sim.db.invoices.some((i) => i.group === 2 && i.status === 'paid')).toBe(true);
    await deleteGroup(api, 2);
    expect(sim.db.groups.some((g) => g.id === 2)).toBe(false);
    expect(sim.db.invoices.some((i) => i.group === 2)).toBe(false);
    expect(sim.db.students.some((s) => s.group === 2)).toBe(false);
    expect((await refusalOf(deleteGroup(api, 2))).kind).toBe('notFound');
  });
});

describe('mentors for the picker', () => {
  it('offers active employees whose role is mentor, not those whose name or work mentions it', async () => {
    const { sim, api } = await clientAs('administrator');
    const base = sim.db.employees.find((e) => e.role === 'mentor')!;
    const stamp = base.created_at;
    const extra = (id: number, patch: Partial<typeof base>) => sim.db.employees.push({ ...base, id, email: `x${id}@bimuz.local`, created_at: stamp, ...patch });
    extra(901, { full_name: 'Mentorova Laylo', role: 'administrator' });
    extra(902, { full_name: 'Aziz Karimov', role: 'mentor', is_active: false });
    extra(903, { full_name: 'Bobur Mentor', role: 'mentor' });
    const mentors = await listMentors(api);
    expect(mentors.map((m) => m.fullName)).toEqual(['Bobur Mentor', 'Mentor Testov', 'Mentor2 Testov']);
  });

  it('reads every page of a long list of mentors, but no more than its bound', async () => {
    const { sim, api } = await clientAs('dasturchi');
    const base = sim.db.employees.find((e) => e.role === 'mentor')!;
    for (let i = 0; i < 30; i += 1) sim.db.employees.push({ ...base, id: 1000 + i, email: `m${i}@bimuz.local`, full_name: `Mentor ${String(i).padStart(2, '0')}` });
    sim.resetLog();
    const mentors = await listMentors(api);
    expect(mentors).toHaveLength(32);
    expect(sim.requests.map((r) => r.query)).toEqual([{ search: 'mentor' }, { search: 'mentor', page: '2' }]);
  });
});

describe("a group's lessons", () => {
  it("keeps the group's rows of the whole attendance list when it is short", async () => {
    const { sim, api } = await clientAs('sotuv_agenti');
    const lessons = await listGroupLessons(api, 2);
    const expected = sim.db.attendances.filter((a) => a.group === 2).sort((a, b) => b.date.localeCompare(a.date));
    expect(lessons.complete).toBe(true);
    expect(lessons.lessons.map((l) => l.date)).toEqual(expected.map((a) => a.date));
    expect(lessons.lessons.map((l) => l.attended)).toEqual(expected.map((a) => a.participants.length));
  });

  it('stops after a bounded number of pages and says how far back it read', async () => {
    const { sim, api } = await clientAs('mentor');
    const template = sim.db.attendances[0]!;
    // 150 lessons of group 3 on consecutive days before the seeded ones: more than the pages read
    for (let i = 0; i < 150; i += 1) {
      const date = new Date(Date.parse('2026-06-01T00:00:00Z') - i * 86_400_000).toISOString().slice(0, 10);
      sim.db.attendances.push({ ...template, id: 5000 + i, group: 3, date, participants: [] });
    }
    sim.resetLog();
    const lessons = await listGroupLessons(api, 3);
    expect(sim.requests).toHaveLength(ATTENDANCE_PAGES);
    expect(lessons.complete).toBe(false);
    const read = ATTENDANCE_PAGES * 20;
    const seeded = sim.db.attendances.length - 150;
    expect(lessons.lessons).toHaveLength(read - seeded);
    expect(lessons.readBack).toBe(new Date(Date.parse('2026-06-01T00:00:00Z') - (read - seeded - 1) * 86_400_000).toISOString().slice(0, 10));
  });

  it('opens a lesson with who attended', async () => {
    const { sim, api } = await clientAs('assistent');
    const record = sim.db.attendances.find((a) => a.participants.length > 1)!;
    const lesson = await getLesson(api, record.id);
    expect(lesson).toMatchObject({ id: record.id, groupId: record.group, date: record.date });
    expect(lesson.attendees.map((a) => a.id).sort()).toEqual([...record.participants].sort());
  });
});

describe('the permissions of the groups section are those the backend enforces', () => {
  const allRoles = ['dasturchi', 'direktor', 'administrator', 'buxgalter', 'sotuv_agenti', 'mentor', 'assistent'] as const;

  it.each(allRoles)('%s', async (role) => {
    const { sim, api } = await clientAs(role);
    const group = sim.addGroup(role === 'mentor' ? { mentor: 6 } : {});
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => 'done',
        (error: unknown) => (error instanceof BackendError ? error.kind : 'thrown'),
      );
    const draft = { speciality: 'revit_structure', days: 'mon_wed_fri', time: '10:00', startingDate: '2027-01-15', seats: 10, price: 1_000_000, totalLessons: 36, mentor: null };
    expect(await outcome(createGroup(api, draft, today))).toBe(can(role, 'groups.create') ? 'done' : 'forbidden');
    expect(await outcome(updateGroup(api, group.id, { seats: 11 }, today))).toBe(can(role, 'groups.edit') ? 'done' : 'forbidden');
    expect(await outcome(listGroupLessons(api, group.id))).toBe(can(role, 'groups.attendance') ? 'done' : 'forbidden');
    expect(await outcome(listMentors(api))).toBe('done');
    expect(await outcome(deleteGroup(api, group.id))).toBe(can(role, 'groups.delete') ? 'done' : 'forbidden');
  });
});

describe('retries', () => {
  it('sends a write once when a proxy answers 502, and tries a read a second time', async () => {
    const { sim, api } = await clientAs('dasturchi');
    sim.down = true;
    const draft = { speciality: 'revit_structure', days: 'mon_wed_fri', time: '10:00', startingDate: '2027-01-15', seats: 10, price: 1_000_000, totalLessons: 36, mentor: null };
    expect((await refusalOf(createGroup(api, draft, today))).kind).toBe('network');
    expect((await refusalOf(deleteGroup(api, 1))).kind).toBe('network');
    expect((await refusalOf(updateGroup(api, 1, { seats: 20 }, today))).kind).toBe('network');
    expect((await refusalOf(getGroup(api, 1, today))).kind).toBe('network');
    expect(sim.requests.map((r) => r.method)).toEqual(['POST', 'DELETE', 'PATCH', 'GET', 'GET']);
  });
});
