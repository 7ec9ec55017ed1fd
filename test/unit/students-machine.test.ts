import { setImmediate as nextTurn } from 'node:timers/promises';
import { createActor, type Actor } from 'xstate';
import { beforeEach, describe, expect, it } from 'vitest';
import { bindScope, provideAll, type BackendImplementations, type UpdateScope } from '../../adapters/provide.js';
import type { Effect } from '../../adapters/effects.js';
import { BackendError } from '../../api/errors.js';
import type { BackendCallName } from '../../machines/backend.js';
import type { FlowEvent } from '../../machines/events.js';
import type { ButtonData } from '../../machines/ui/callback.js';
import { press } from '../../machines/students/buttons.js';
import type { GroupOption, StudentView } from '../../machines/students/model.js';
import { studentsMachine } from '../../machines/students/students.js';
import type { Screen } from '../../machines/ui/screen.js';
import type { Employee } from '../../machines/ui/screens.js';
import { t } from '../../machines/ui/texts.js';
import { aDraft, aGroup as group, aStudent as student } from './students-fixtures.js';

const TODAY = '2026-11-24';

/** An in-memory backend with the real one's rules that matter to the flows; every call is logged. */
class FakeBackend {
  students: StudentView[] = [];
  groups: GroupOption[] = [];
  calls: { name: BackendCallName; input: unknown }[] = [];
  /** the next call of this name fails so */
  failNext: Partial<Record<BackendCallName, BackendError>> = {};

  private find(id: number): StudentView {
    const found = this.students.find((s) => s.id === id);
    if (!found) throw new BackendError('notFound', "Ma'lumot topilmadi: u o'chirilgan bo'lishi mumkin.");
    return found;
  }

  private call<K extends BackendCallName>(name: K, input: unknown, body: () => unknown): Promise<never> {
    this.calls.push({ name, input });
    const failure = this.failNext[name];
    if (failure) {
      delete this.failNext[name];
      return Promise.reject(failure);
    }
    try {
      return Promise.resolve(body() as never);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  count(name: BackendCallName): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  implementations(): BackendImplementations {
    const impl: Partial<BackendImplementations> = {
      today: (input) => this.call('today', input, () => TODAY),
      listStudents: (input) =>
        this.call('listStudents', input, () => {
          const matching = this.students.filter(
            (s) => !input.search || [s.fullName, s.email, s.phone, s.passport].some((v) => v?.toLowerCase().includes(input.search!.toLowerCase())),
          );
          const pages = Math.max(1, Math.ceil(matching.length / 20));
          if (input.page > pages) throw new BackendError('notFound', "Bunday sahifa yo'q.");
          const rows = matching.slice((input.page - 1) * 20, input.page * 20);
          return { count: matching.length, page: input.page, pages, students: rows.map((s) => ({ id: s.id, fullName: s.fullName, phone: s.phone, isActive: s.isActive })) };
        }),
      getStudent: (input) => this.call('getStudent', input, () => ({ ...this.find(input.id) })),
      createStudent: (draft) =>
        this.call('createStudent', draft, () => {
          const fields: Record<string, string> = {};
          if (this.students.some((s) => s.email === draft.email)) fields.email = 'Bu email bilan foydalanuvchi allaqachon mavjud.';
          if (this.students.some((s) => s.phone === draft.phone)) fields.phone = "Bu telefon raqami allaqachon ro'yxatdan o'tgan.";
          if (this.students.some((s) => s.passport === draft.passport)) fields.passport = "Bu passport seriya raqami allaqachon ro'yxatdan o'tgan.";
          if (Object.keys(fields).length > 0) throw new BackendError('validation', Object.values(fields)[0]!, fields);
          const created = student(Math.max(0, ...this.students.map((s) => s.id)) + 1, { ...draft, sourceDisplay: draft.source });
          this.students.push(created);
          return { student: created, password: 'Secret-Pass#1' };
        }),
      updateStudent: ({ id, patch }) =>
        this.call('updateStudent', { id, patch }, () => {
          const target = this.find(id);
          if (patch.phone && this.students.some((s) => s.id !== id && s.phone === patch.phone)) {
            throw new BackendError('validation', "Bu telefon raqami allaqachon ro'yxatdan o'tgan.", { phone: "Bu telefon raqami allaqachon ro'yxatdan o'tgan." });
          }
          Object.assign(target, patch);
          return { ...target };
        }),
      deleteStudent: ({ id }) =>
        this.call('deleteStudent', { id }, () => {
          this.students.splice(this.students.indexOf(this.find(id)), 1);
        }),
      listBookableGroups: (input) => this.call('listBookableGroups', input, () => this.groups.filter((g) => g.freeSeats > 0 && g.id !== input.exceptGroupId)),
      bookStudent: (input) =>
        this.call('bookStudent', input, () => {
          const target = this.find(input.studentId);
          const chosen = this.groups.find((g) => g.id === input.groupId)!;
          if (chosen.freeSeats <= 0) throw new BackendError('validation', "Bu guruhda bo'sh o'rin yo'q.", { group_id: "Bu guruhda bo'sh o'rin yo'q." });
          chosen.freeSeats -= 1;
          target.groupId = chosen.id;
          target.groupName = chosen.speciality;
          return { studentName: target.fullName, group: chosen, totalPrice: 2_400_000, firstInstallment: 1_200_000, firstInvoice: null, contractUrl: null };
        }),
      changeStudentGroup: (input) =>
        this.call('changeStudentGroup', input, () => ({
          studentName: this.find(input.studentId).fullName,
          oldGroupName: 'Eski',
          newGroupName: 'Yangi',
          oldPrice: 3_200_000,
          newPrice: 2_400_000,
          priceDifference: -800_000,
          totalPaidOldGroup: 3_200_000,
          cancelledInvoices: 1,
          newInvoice: null,
          refundAmount: 800_000,
          contractUrl: 'https://api.bimuz.uz/media/contracts/c.pdf',
        })),
      cancelStudentBooking: (input) =>
        this.call('cancelStudentBooking', input, () => {
          const target = this.find(input.studentId);
          const result = { studentName: target.fullName, groupName: target.groupName ?? '', cancelledInvoices: 2 };
          target.groupId = null;
          target.groupName = null;
          return result;
        }),
    };
    return impl as BackendImplementations;
  }
}

function employee(role: string): Employee {
  return { id: 1, email: `${role}@bimuz.local`, fullName: 'Xodim', role, roleDisplay: role, professionality: null, createdAt: '' };
}

async function settle(scope: UpdateScope): Promise<void> {
  for (let turns = 0; turns < 1000; turns += 1) {
    await nextTurn();
    if (scope.pending === 0) {
      await nextTurn();
      if (scope.pending === 0) return;
    }
  }
  throw new Error('the machine did not come to rest');
}

/**
 * The students flow as the runtime runs it: real effects and backend-call wiring (provideAll),
 * fake backend answers, and between updates the snapshot persisted and restored like Redis does.
 */
class Session {
  private actor!: Actor<typeof studentsMachine>;
  private scope!: UpdateScope;
  /** the effects of the last update */
  effects: Effect[] = [];
  /** every screen shown so far, like the chat's history */
  private history: Screen[] = [];

  constructor(
    readonly backend: FakeBackend,
    private role: string,
  ) {}

  private newScope(): UpdateScope {
    return { api: null as never, now: Date.parse(`${TODAY}T10:00:00Z`), effects: [], pending: 0, sessionExpiredAt: null, forbidden: false, onCallStart() {}, onCallEnd() {} };
  }

  private wire(scope: UpdateScope): void {
    scope.onCallEnd = () => {};
    this.scope = scope;
  }

  async start(entry: ButtonData | null = null): Promise<this> {
    const scope = this.newScope();
    this.wire(scope);
    this.actor = createActor(provideAll(studentsMachine, this.backend.implementations()), { input: { employee: employee(this.role), entry } });
    bindScope(this.actor.system, scope);
    this.actor.start();
    await settle(scope);
    this.effects = scope.effects;
    this.history.push(...this.screens());
    return this;
  }

  /** One update: restore the saved snapshot, send the event, run to rest, save again. */
  async send(event: FlowEvent): Promise<void> {
    const saved = JSON.stringify(this.actor.getPersistedSnapshot());
    this.actor.stop();
    const scope = this.newScope();
    this.wire(scope);
    this.actor = createActor(provideAll(studentsMachine, this.backend.implementations()), { snapshot: JSON.parse(saved), input: undefined as never });
    bindScope(this.actor.system, scope);
    this.actor.start();
    this.actor.send(event);
    await settle(scope);
    this.effects = scope.effects;
    this.history.push(...this.screens());
    if (this.actor.getSnapshot().status !== 'active') throw new Error(`the flow stopped: ${this.actor.getSnapshot().status}`);
  }

  text(value: string) {
    return this.send({ type: 'TEXT', text: value });
  }

  media() {
    return this.send({ type: 'MEDIA' });
  }

  button(button: ButtonData) {
    return this.send({ type: 'BUTTON', button });
  }

  /** Presses the button with this label on the newest screen that has one. */
  async press(label: string | RegExp): Promise<void> {
    const found = [...this.history].reverse().flatMap((s) => s.buttons?.flat() ?? []).find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
    if (!found || !('data' in found)) throw new Error(`no button ${label} on ${this.screen().text}`);
    await this.button(found.data);
  }

  screens(): Screen[] {
    return this.effects.flatMap((e) => (e.type === 'show' ? [e.screen] : []));
  }

  screen(): Screen {
    const screens = this.screens();
    return screens[screens.length - 1] ?? { text: '' };
  }

  labels(): string[] {
    return this.screen().buttons?.flat().map((b) => b.label) ?? [];
  }

  alerts(): string[] {
    return this.effects.flatMap((e) => (e.type === 'alert' ? [e.text] : []));
  }

  persisted(): string {
    return JSON.stringify(this.actor.getPersistedSnapshot());
  }

  state(): unknown {
    return this.actor.getSnapshot().value;
  }
}

let backend: FakeBackend;
beforeEach(() => {
  backend = new FakeBackend();
  for (let id = 1; id <= 45; id += 1) backend.students.push(student(id));
  backend.groups = [group(1), group(2, { speciality: 'Tekla Structure', days: 'tue_thu_sat', freeSeats: 1 })];
});

const open = (role = 'administrator', entry: ButtonData | null = null) => new Session(backend, role).start(entry);

describe('students list', () => {
  it('pages through 45 students with the real total and "page x of y"', async () => {
    const me = await open();
    expect(me.screen().text).toContain('jami 45 ta');
    expect(me.screen().text).toContain('Sahifa 1 / 3');
    expect(me.labels()).toContain('Keyingi ➡️');
    expect(me.labels()).not.toContain('⬅️ Oldingi');
    await me.press('Keyingi ➡️');
    await me.press('Keyingi ➡️');
    expect(me.screen().text).toContain('Sahifa 3 / 3');
    expect(me.labels().filter((l) => l.startsWith('Talaba'))).toHaveLength(5);
    expect(me.labels()).not.toContain('Keyingi ➡️');
    expect(backend.calls.filter((c) => c.name === 'listStudents').map((c) => c.input)).toEqual([
      { page: 1, search: null },
      { page: 2, search: null },
      { page: 3, search: null },
    ]);
  });

  it('searches with typed text, says when nothing is found, and the search can be cleared', async () => {
    const me = await open();
    await me.text('  zzzz  ');
    expect(me.screen().text).toContain('«zzzz» bo\'yicha hech kim topilmadi');
    expect(me.labels()).toContain('✖️ Qidiruvni tozalash');
    await me.press('✖️ Qidiruvni tozalash');
    expect(me.screen().text).toContain('jami 45 ta');
    expect(me.screen().text).not.toContain('Qidiruv:');
  });

  it('a phone typed with spaces is searched by its digits', async () => {
    const me = await open();
    await me.text('90 120 00 07');
    expect(backend.calls.at(-1)).toEqual({ name: 'listStudents', input: { page: 1, search: '901200007' } });
    expect(me.labels()[0]).toContain('Talaba 7');
  });

  it('a result opens the detail and back returns to the same page and search', async () => {
    const me = await open();
    await me.text('Talaba');
    await me.press('Keyingi ➡️');
    expect(me.screen().text).toContain('Sahifa 2 / 3');
    await me.press(/^Talaba 25/);
    expect(me.screen().text).toContain("Talaba ma'lumotlari");
    await me.press('🔙 Orqaga');
    expect(me.screen().text).toContain('Qidiruv: «Talaba»');
    expect(me.screen().text).toContain('Sahifa 2 / 3');
  });

  it('a failed page load offers a retry that repeats it', async () => {
    const me = await open();
    backend.failNext.listStudents = new BackendError('network', "Server bilan bog'lanib bo'lmadi.");
    await me.press('Keyingi ➡️');
    expect(me.screen().text).toContain("Server bilan bog'lanib bo'lmadi.");
    await me.press('🔄 Qayta urinish');
    expect(me.screen().text).toContain('Sahifa 2 / 3');
  });

  it('answers a photo on the list with a hint, and a button of another screen with an alert', async () => {
    const me = await open();
    await me.media();
    expect(me.screen()).toEqual({ text: t.textExpected, fresh: true });
    await me.button(press.confirmRemove(3));
    expect(me.alerts()).toEqual([t.staleButton]);
    expect(backend.count('deleteStudent')).toBe(0);
  });
});

describe('entering with a button from an old message', () => {
  it('opens the student the button points at', async () => {
    const me = await open('mentor', press.open(7));
    expect(me.screen().text).toContain('Talaba 7');
  });

  it('opens the page and search the button carries', async () => {
    const me = await open('mentor', press.list(2, 'Talaba'));
    expect(backend.calls.at(-1)).toEqual({ name: 'listStudents', input: { page: 2, search: 'Talaba' } });
    expect(me.screen().text).toContain('Sahifa 2 / 3');
  });

  it('refuses a confirmation from an old message without acting', async () => {
    const me = await open('administrator', press.confirmRemove(7));
    expect(me.alerts()).toEqual([t.staleButton]);
    expect(backend.count('deleteStudent')).toBe(0);
  });

  it('refuses what the role may not do', async () => {
    const me = await open('direktor', press.remove(7));
    expect(me.alerts()).toEqual([t.students.forbidden]);
    expect(backend.calls).toEqual([]);
  });
});

describe('detail by role', () => {
  const cases: [string, string[]][] = [
    ['dasturchi', ['✏️ Tahrirlash', "🗑 O'chirish", '📚 Guruhga yozish']],
    ['administrator', ['✏️ Tahrirlash', "🗑 O'chirish", '📚 Guruhga yozish']],
    ['direktor', ['📚 Guruhga yozish']],
    ['buxgalter', []],
    ['sotuv_agenti', []],
    ['mentor', []],
    ['assistent', []],
  ];
  it.each(cases)('%s is offered only what the backend accepts', async (role, actions) => {
    const me = await open(role, press.open(3));
    expect(me.labels()).toEqual([...actions, "💳 Talabaning to'lovlari", '🔙 Orqaga', '🏠 Asosiy menyu']);
  });

  it('shows the group, the contract and the certificate links when they exist', async () => {
    backend.students[2] = student(3, {
      groupId: 1,
      groupName: 'Revit <Architecture>',
      contractSigned: true,
      contractUrl: 'https://api.bimuz.uz/media/contracts/3.pdf',
      certificateUrl: 'https://api.bimuz.uz/media/certificates/3.pdf',
    });
    const me = await open('mentor', press.open(3));
    expect(me.screen().text).toContain('Revit &lt;Architecture&gt;');
    expect(me.screen().text).toContain('✅ imzolangan');
    expect(me.screen().text).toContain('<a href="https://api.bimuz.uz/media/contracts/3.pdf">');
    expect(me.screen().text).toContain('<a href="https://api.bimuz.uz/media/certificates/3.pdf">');
    expect(me.labels()).toEqual(['🔄 Guruhni almashtirish', '🚫 Yozilishni bekor qilish', "💳 Talabaning to'lovlari", '🔙 Orqaga', '🏠 Asosiy menyu']);
  });
});

describe('delete', () => {
  it('says the account goes too, deletes once on a double tap, and lands on the list with the create button', async () => {
    const me = await open('administrator', press.open(5));
    await me.press("🗑 O'chirish");
    expect(me.screen().text).toContain('tizimga kirish hisobi (login)');
    const confirm = press.confirmRemove(5);
    await me.button(confirm);
    expect(me.screen().text).toContain("✅ Talaba 5 o'chirildi.");
    expect(me.labels()).toContain('➕ Yangi talaba');
    await me.button(confirm);
    expect(me.alerts()).toEqual([t.staleButton]);
    expect(backend.count('deleteStudent')).toBe(1);
  });

  it('a confirmation for another student is not honoured', async () => {
    const me = await open('administrator', press.remove(5));
    await me.button(press.confirmRemove(6));
    expect(me.alerts()).toEqual([t.staleButton]);
    expect(backend.count('deleteStudent')).toBe(0);
  });
});

describe('create', () => {
  async function fillUpTo(me: Session, answers: string[]) {
    for (const answer of answers) await me.text(answer);
  }

  it('asks every field, shows a summary, saves, and shows the password once without keeping it', async () => {
    const me = await open();
    await me.press('➕ Yangi talaba');
    expect(me.screen().text).toContain('1/7');
    await fillUpTo(me, ['Aliyev Vali', 'vali@gmail.com', '+998 90 123-45-67', 'ab 1234567', '15.01.2005']);
    expect(me.screen().text).toContain('Manbani tanlang');
    await me.text('instagram');
    expect(me.screen()).toEqual({ text: t.buttonExpected, fresh: true });
    await me.press('📷 Instagram');
    await me.press("⏭ O'tkazib yuborish");
    const summary = me.screen().text;
    expect(summary).toContain('+998901234567');
    expect(summary).toContain('AB1234567');
    expect(summary).toContain('15.01.2005');
    expect(summary).toContain("ko'rsatilmagan");
    const save = me.screen().buttons!.flat().find((b) => b.label === '✅ Saqlash')!;
    await me.press('✅ Saqlash');
    expect(me.screen().text).toContain('Secret-Pass#1');
    expect(me.screen().text).toContain('shaxsan');
    expect(backend.calls.find((c) => c.name === 'createStudent')?.input).toEqual(aDraft);
    expect(me.persisted()).not.toContain('Secret-Pass#1');
    if ('data' in save) await me.button(save.data);
    expect(me.alerts()).toEqual([t.staleButton]);
    expect(backend.count('createStudent')).toBe(1);
  });

  it.each([
    ['fullName', ['A'], t.students.invalid.nameShort],
    ['fullName', ['Vali'], t.students.invalid.nameWords],
    ['fullName', ['Vali 007'], t.students.invalid.nameCharacters],
    ['email', ['Aliyev Vali', 'vali@'], t.students.invalid.email],
    ['phone', ['Aliyev Vali', 'v@b.uz', '+7 912 345 67 89'], t.students.invalid.phoneCountry],
    ['phone', ['Aliyev Vali', 'v@b.uz', '90 123 45'], t.students.invalid.phoneLength],
    ['phone', ['Aliyev Vali', 'v@b.uz', '71 123 45 67'], t.students.invalid.phoneOperator('71')],
    ['phone', ['Aliyev Vali', 'v@b.uz', 'nomer yo\'q'], t.students.invalid.phoneCharacters],
    ['passport', ['Aliyev Vali', 'v@b.uz', '901234567', 'АВ1234567'], t.students.invalid.passportLatin],
    ['passport', ['Aliyev Vali', 'v@b.uz', '901234567', 'AB12345'], t.students.invalid.passportShape],
    ['birthDate', ['Aliyev Vali', 'v@b.uz', '901234567', 'AB1234567', '2005/01/15'], t.students.invalid.birthFormat],
    ['birthDate', ['Aliyev Vali', 'v@b.uz', '901234567', 'AB1234567', '30.02.2005'], t.students.invalid.birthNotReal],
    ['birthDate', ['Aliyev Vali', 'v@b.uz', '901234567', 'AB1234567', '01.01.2030'], t.students.invalid.birthFuture],
    ['birthDate', ['Aliyev Vali', 'v@b.uz', '901234567', 'AB1234567', '01.01.2024'], t.students.invalid.birthTooYoung],
    ['birthDate', ['Aliyev Vali', 'v@b.uz', '901234567', 'AB1234567', '01.01.1900'], t.students.invalid.birthTooOld],
  ])('refuses a bad %s with the reason and asks again: %j', async (_field, answers, reason) => {
    const me = await open();
    await me.press('➕ Yangi talaba');
    await fillUpTo(me, answers);
    expect(me.screen().text).toContain(`❌ ${reason}`);
    const step = me.screen().text;
    await me.media();
    expect(me.screen()).toEqual({ text: t.textExpected, fresh: true });
    expect(step).toContain(`${answers.length}/7`);
  });

  it('keeps the draft when the backend refuses, names the field with its reason, and asks only that field', async () => {
    const me = await open();
    await me.press('➕ Yangi talaba');
    await fillUpTo(me, ['Aliyev Vali', 'talaba3@bimuz.uz', '90 120 00 03', 'AB1234567', '2005-01-15']);
    await me.press('👥 Facebook');
    await me.text('Toshkent, Chilonzor 5');
    await me.press('✅ Saqlash');
    const asked = me.screen().text;
    expect(asked).toContain('Email');
    expect(asked).toContain('Bu email bilan foydalanuvchi allaqachon mavjud.');
    await me.text('vali@gmail.com');
    expect(me.screen().text).toContain('Telefon');
    expect(me.screen().text).toContain("Bu telefon raqami allaqachon ro'yxatdan o'tgan.");
    await me.text('+998 91 555 44 33');
    expect(me.screen().text).toContain('tekshiring');
    expect(me.screen().text).toContain('Toshkent, Chilonzor 5');
    expect(me.screen().text).toContain('AB1234567');
    await me.press('✅ Saqlash');
    expect(me.screen().text).toContain("ro'yxatiga qo'shildi");
    expect(backend.count('createStudent')).toBe(2);
  });

  it('lets any field be changed from the summary', async () => {
    const me = await open();
    await me.press('➕ Yangi talaba');
    await fillUpTo(me, ['Aliyev Vali', 'v@b.uz', '901234567', 'AB1234567', '2005-01-15']);
    await me.press('✈️ Telegram');
    await me.press("⏭ O'tkazib yuborish");
    await me.press('✏️ Manba');
    await me.press('📷 Instagram');
    expect(me.screen().text).toContain('📷 Instagram');
    await me.press('✏️ Telefon');
    await me.press('🔙 Tekshirishga qaytish');
    expect(me.screen().text).toContain('+998901234567');
  });

  it('keeps the draft when the server fails as a whole', async () => {
    const me = await open();
    await me.press('➕ Yangi talaba');
    await fillUpTo(me, ['Aliyev Vali', 'v@b.uz', '901234567', 'AB1234567', '2005-01-15']);
    await me.press('✈️ Telegram');
    await me.press("⏭ O'tkazib yuborish");
    backend.failNext.createStudent = new BackendError('network', "Server bilan bog'lanib bo'lmadi.");
    await me.press('✅ Saqlash');
    expect(me.screen().text).toContain("Saqlanmadi: Server bilan bog'lanib bo'lmadi.");
    expect(me.screen().text).toContain('AB1234567');
    await me.press('✅ Saqlash');
    expect(me.screen().text).toContain("ro'yxatiga qo'shildi");
  });

  it("keeps the draft when an old list's create button is pressed, and cancel returns to the list", async () => {
    const me = await open();
    await me.press('➕ Yangi talaba');
    await me.text('Aliyev Vali');
    await me.button(press.create());
    expect(me.alerts()).toEqual([t.students.create.alreadyOpen]);
    await me.text('v@b.uz');
    expect(me.screen().text).toContain('3/7');
    await me.press('❌ Bekor qilish');
    expect(me.screen().text).toContain('jami 45 ta');
  });

  it('is not offered to direktor, and an old create button is refused', async () => {
    const me = await open('direktor');
    expect(me.labels()).not.toContain('➕ Yangi talaba');
    await me.button(press.create());
    expect(me.alerts()).toEqual([t.students.forbidden]);
  });
});

describe('edit', () => {
  it('picks the field with buttons and shows the refreshed detail after saving', async () => {
    const me = await open('administrator', press.open(4));
    await me.press('✏️ Tahrirlash');
    expect(me.labels()).toContain('Telefon');
    await me.text('2');
    expect(me.screen()).toEqual({ text: t.buttonExpected, fresh: true });
    await me.press('Telefon');
    await me.text('93 111 22 33');
    expect(backend.calls.at(-1)).toEqual({ name: 'updateStudent', input: { id: 4, patch: { phone: '+998931112233' } } });
    expect(me.screen().text).toContain("✅ O'zgarish saqlandi.");
    expect(me.screen().text).toContain('+998931112233');
  });

  it('asks the field again with the backend reason when it is refused', async () => {
    const me = await open('administrator', press.edit(4));
    await me.press('Telefon');
    await me.text('+998901200005');
    expect(me.screen().text).toContain("Bu telefon raqami allaqachon ro'yxatdan o'tgan.");
    await me.text('+998 97 000 00 04');
    expect(me.screen().text).toContain('+998970000004');
  });

  it('blocks only after a confirmation', async () => {
    const me = await open('administrator', press.edit(4));
    await me.press('🔒 Bloklash');
    expect(me.screen().text).toContain('bloklansinmi');
    expect(backend.count('updateStudent')).toBe(0);
    await me.press('✅ Ha');
    expect(backend.calls.at(-1)).toEqual({ name: 'updateStudent', input: { id: 4, patch: { isActive: false } } });
    expect(me.screen().text).toContain('🔒 Bloklangan');
    await me.press('✏️ Tahrirlash');
    expect(me.labels()).toContain('🔓 Blokdan chiqarish');
  });

  it('clears an optional field and changes the source with buttons', async () => {
    backend.students[3] = student(4, { address: 'Eski manzil' });
    const me = await open('administrator', press.edit(4));
    await me.press('Manzil');
    await me.press('🗑 Tozalash');
    expect(backend.calls.at(-1)).toEqual({ name: 'updateStudent', input: { id: 4, patch: { address: null } } });
    await me.press('✏️ Tahrirlash');
    await me.press('Manba');
    await me.text('facebook');
    expect(me.screen()).toEqual({ text: t.buttonExpected, fresh: true });
    await me.press('👥 Facebook');
    expect(backend.calls.at(-1)).toEqual({ name: 'updateStudent', input: { id: 4, patch: { source: 'facebook' } } });
  });
});

describe('booking and groups', () => {
  it('lists bookable groups with their labels, books, and shows the first payment without an invoice', async () => {
    const me = await open('direktor', press.open(8));
    await me.press('📚 Guruhga yozish');
    expect(me.labels()[0]).toBe("Revit Architecture · Du-Chor-Ju · 14:00 · 07.12.2026 · 5 o'rin");
    await me.press(/^Tekla/);
    expect(me.screen().text).toContain('yozilsinmi');
    await me.press('✅ Tasdiqlash');
    expect(me.screen().text).toContain('1 200 000 so\'m');
    expect(me.screen().text).toContain('hisob-fakturani yaratmadi');
    expect(me.screen().text).toContain('Shartnoma hali tayyor emas');
  });

  it('pages the picker', async () => {
    backend.groups = Array.from({ length: 19 }, (_, i) => group(i + 1));
    const me = await open('administrator', press.book(8));
    expect(me.labels().filter((l) => l.includes('·'))).toHaveLength(8);
    await me.press('Keyingi ➡️');
    await me.press('Keyingi ➡️');
    expect(me.labels().filter((l) => l.includes('·'))).toHaveLength(3);
  });

  it('a group that filled up meanwhile is refused by the backend and the picker comes back', async () => {
    const me = await open('administrator', press.book(8));
    await me.press(/^Tekla/);
    backend.groups[1]!.freeSeats = 0;
    await me.press('✅ Tasdiqlash');
    expect(me.screen().text).toContain("Bu guruhda bo'sh o'rin yo'q.");
    expect(me.labels().some((l) => l.startsWith('Tekla'))).toBe(false);
  });

  it('changes the group and shows the refund', async () => {
    backend.students[7] = student(8, { groupId: 9, groupName: 'Eski' });
    const me = await open('mentor', press.open(8));
    await me.press('🔄 Guruhni almashtirish');
    await me.press(/^Revit/);
    expect(me.screen().text).toContain("o'tkazilsinmi");
    await me.press('✅ Tasdiqlash');
    expect(me.screen().text).toContain("Talabaga qaytarish kerak: <b>800 000 so'm</b>");
    expect(me.screen().text).toContain('Narx farqi: -800 000 so\'m');
  });

  it('explains the 500 the captured backend answers when a new invoice is needed', async () => {
    backend.students[7] = student(8, { groupId: 9, groupName: 'Eski' });
    backend.failNext.changeStudentGroup = new BackendError('server', 'Serverda xatolik yuz berdi.');
    const me = await open('administrator', press.changeGroup(8));
    await me.press(/^Revit/);
    await me.press('✅ Tasdiqlash');
    expect(me.screen().text).toBe(t.students.groups.changeServerError);
  });

  it('cancels a booking after a confirmation and says how many invoices were cancelled', async () => {
    backend.students[7] = student(8, { groupId: 9, groupName: 'Eski' });
    const me = await open('administrator', press.open(8));
    await me.press('🚫 Yozilishni bekor qilish');
    expect(me.screen().text).toContain("to'lanmagan hisob-fakturalar bekor qilinadi");
    await me.press('✅ Ha, bekor qilish');
    expect(me.screen().text).toContain('Bekor qilingan hisob-fakturalar: 2 ta.');
    await me.button(press.confirmCancelBooking(8));
    expect(me.alerts()).toEqual([t.staleButton]);
    expect(backend.count('cancelStudentBooking')).toBe(1);
  });

  it('a student already in a group is not booked again', async () => {
    backend.students[7] = student(8, { groupId: 9, groupName: 'Eski' });
    const me = await open('administrator', press.book(8));
    expect(me.screen().text).toContain('allaqachon «Eski» guruhida');
    expect(backend.count('listBookableGroups')).toBe(0);
  });
});
