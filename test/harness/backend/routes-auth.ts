/**
 * /api/v1/auth/: registration, login, token refresh, profile, employees and students — the views of
 * `user/api` at the captured commit.
 */
import { newStudent, splitName } from './seed.js';
import {
  booleanField,
  charField,
  choiceField,
  dateField,
  emailField,
  pkField,
  validateFields,
  type Check,
  type FieldSpec,
} from './fields.js';
import { HttpError, ServerError, WWW_AUTHENTICATE, detail, icontains, notFound, ok, paginate, validationError, type Reply } from './http.js';
import { passwordProblems } from './passwords.js';
import * as ser from './serialize.js';
import { newestFirst, type State } from './state.js';
import type { Employee, Role, Student } from './types.js';
import { allowAny, employeesReadRolesWrite, isAuthenticated, rolesOnly, type Ctx, type View } from './view.js';

const ROLES: Role[] = ['dasturchi', 'direktor', 'administrator', 'sotuv_agenti', 'mentor', 'assistent', 'buxgalter'];
const SOURCES = ['instagram', 'facebook', 'telegram'];

const PHONE_MESSAGE = "Telefon raqami '+999999999' formatida kiritilishi kerak. Maksimal 13 raqam.";
const INN_MESSAGE = "INN faqat raqamlardan iborat bo'lishi kerak va maksimum 9 ta belgi bo'lishi kerak.";

const passwordCheck: Check = (value) => passwordProblems(value);
const phoneFormat: Check = (value) => (/^\+?1?\d{9,13}$/.test(value) ? undefined : PHONE_MESSAGE);
const innFormat: Check = (value) => (/^\d{1,9}$/.test(value) ? undefined : INN_MESSAGE);

/** The model's unique constraint message, which DRF's UniqueValidator reports before any custom hook. */
function uniqueStudent(state: State, field: 'phone' | 'passport_serial_number', except?: number): Check {
  const label = field === 'phone' ? 'Phone Number' : 'Passport Serial Number';
  return (value) =>
    state.db.students.some((s) => s[field] === value && s.id !== except) ? `"${label}" Student allaqachon mavjud.` : undefined;
}

/** UserManager.normalize_email lowercases the domain only. */
function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

function findAccount(state: State, email: string): { employee?: Employee; student?: Student } {
  return {
    employee: state.db.employees.find((e) => e.email === email),
    student: state.db.students.find((s) => s.email === email),
  };
}

const onlyNonEmpty = (errors: Record<string, unknown> | null): void => {
  if (errors) throw validationError(errors);
};

// ---------------------------------------------------------------- register / login / refresh

function register(ctx: Ctx): Reply {
  const { state } = ctx;
  const specs: FieldSpec[] = [
    {
      name: 'email',
      required: true,
      parse: emailField(),
      hook: (value) => {
        // EmployeeAlreadyExistsError is an APIException, so it escapes the field loop as {"detail"}
        if (state.emailTaken(value as string)) throw detail(400, 'Bu email bilan xodim allaqachon mavjud.');
        return undefined;
      },
    },
    { name: 'first_name', required: true, parse: charField({ maxLength: 150 }) },
    { name: 'last_name', required: true, parse: charField({ maxLength: 150 }) },
    { name: 'password', required: true, parse: charField({ checks: [passwordCheck] }) },
    { name: 'password_confirm', required: true, parse: charField() },
    { name: 'full_name', required: true, parse: charField({ maxLength: 255 }) },
    { name: 'role', required: true, parse: choiceField(ROLES) },
    { name: 'professionality', allowNull: true, parse: charField({ allowBlank: true, maxLength: 255 }) },
    { name: 'is_active', default: () => true, parse: booleanField() },
  ];
  const { values, errors } = validateFields(ctx.dict(), specs, false);
  onlyNonEmpty(errors);
  if (values.password !== values.password_confirm) throw validationError({ password_confirm: ['Parollar mos kelmaydi.'] });
  const stamp = state.clock.stamp();
  const employee: Employee = {
    id: state.nextId('employees'),
    email: normalizeEmail(values.email as string),
    first_name: values.first_name as string,
    last_name: values.last_name as string,
    full_name: values.full_name as string,
    role: values.role as Role,
    professionality: (values.professionality as string | null | undefined) ?? null,
    avatar: null,
    is_active: values.is_active as boolean,
    created_at: stamp,
    updated_at: stamp,
    password: values.password as string,
  };
  state.db.employees.push(employee);
  const tokens = state.tokens.pair({ kind: 'employee', id: employee.id });
  return ok(
    { success: true, message: "Xodim muvaffaqiyatli ro'yxatdan o'tdi.", data: { employee: ser.employeeProfile(employee), tokens } },
    201,
  );
}

const loginSpecs: FieldSpec[] = [
  { name: 'email', required: true, parse: emailField() },
  { name: 'password', required: true, parse: charField() },
];

/** Both logins check the email and password against employees and students alike. */
function authenticate(ctx: Ctx): ReturnType<typeof findAccount> {
  const { values, errors } = validateFields(ctx.dict(), loginSpecs, false);
  onlyNonEmpty(errors);
  const found = findAccount(ctx.state, values.email as string);
  const account = found.employee ?? found.student;
  if (!account || account.password !== values.password) throw validationError({ email: ["Noto'g'ri email yoki parol."] });
  return found;
}

function login(ctx: Ctx): Reply {
  const { state } = ctx;
  const { employee } = authenticate(ctx);
  if (!employee) throw validationError({ email: ['Bu foydalanuvchi uchun xodim profili topilmadi.'] });
  // no is_active check here: a deactivated employee gets tokens that every other view rejects
  const tokens = state.tokens.pair({ kind: 'employee', id: employee.id });
  return ok({ success: true, message: 'Kirish muvaffaqiyatli.', data: { employee: ser.employeeProfile(employee), tokens } });
}

function studentLogin(ctx: Ctx): Reply {
  const { state } = ctx;
  const { student } = authenticate(ctx);
  if (!student) throw validationError({ email: ['Bu foydalanuvchi uchun talaba profili topilmadi.'] });
  const tokens = state.tokens.pair({ kind: 'student', id: student.id });
  return ok({ success: true, message: 'Kirish muvaffaqiyatli.', data: { student: ser.studentProfile(student, ctx.origin), tokens } });
}

function refresh(ctx: Ctx): Reply {
  const { state } = ctx;
  const { values, errors } = validateFields(ctx.dict(), [{ name: 'refresh', required: true, parse: charField() }], false);
  onlyNonEmpty(errors);
  const check = state.tokens.check(values.refresh as string, 'refresh');
  if (!check.ok) throw new HttpError(401, { detail: check.message, code: 'token_not_valid' }, WWW_AUTHENTICATE);
  const subject = check.subject;
  const account = subject.kind === 'employee' ? state.employee(subject.id) : state.student(subject.id);
  // simplejwt looks the user up with .get(): a deleted account is an uncaught DoesNotExist
  if (!account) throw new ServerError('User matching query does not exist.');
  if (!account.is_active) throw new HttpError(401, { detail: 'No active account found for the given token.' }, WWW_AUTHENTICATE);
  // rotation without the blacklist app: the old refresh token stays valid
  return ok({ access: state.tokens.issue(subject, 'access'), refresh: state.tokens.issue(subject, 'refresh') });
}

// ---------------------------------------------------------------- profile

function profileOf(ctx: Ctx): Employee {
  const employee = ctx.employee;
  if (!employee) throw detail(404, 'Xodim profili topilmadi.');
  return employee;
}

function profileGet(ctx: Ctx): Reply {
  return ok({ success: true, message: 'Xodim profili muvaffaqiyatli yuklandi.', data: ser.employeeProfile(profileOf(ctx)) });
}

function profileUpdate(partial: boolean) {
  return (ctx: Ctx): Reply => {
    const employee = profileOf(ctx);
    const data = ctx.data();
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ServerError('request.data has no items()');
    // only these keys are taken; a role in the body is silently dropped (capture 234)
    const allowed = Object.fromEntries(Object.entries(data).filter(([k]) => ['full_name', 'professionality', 'avatar'].includes(k)));
    const { values, errors } = validateFields(
      allowed,
      [
        { name: 'full_name', required: true, parse: charField({ maxLength: 255 }) },
        { name: 'professionality', allowNull: true, parse: charField({ allowBlank: true, maxLength: 255 }) },
      ],
      partial,
    );
    onlyNonEmpty(errors);
    Object.assign(employee, values);
    ctx.state.touch(employee);
    return ok({ success: true, message: 'Xodim profili muvaffaqiyatli yangilandi.', data: ser.employeeProfile(employee) });
  };
}

// ---------------------------------------------------------------- employees

function employeeList(ctx: Ctx): Reply {
  const search = ctx.query('search');
  let rows = newestFirst(ctx.state.db.employees);
  if (search) {
    rows = rows.filter(
      (e) => icontains(e.full_name, search) || icontains(e.email, search) || icontains(e.role, search) || icontains(e.professionality, search),
    );
  }
  return paginate(rows, ctx.pageRequest(), ser.employeeListItem);
}

/** get_object plus IsDeveloperOrAdministrator.has_object_permission, which also guards reads. */
function employeeObject(ctx: Ctx, id: number): Employee {
  const target = ctx.state.employee(id);
  if (!target) throw notFound('Employee');
  const role = ctx.employee?.role;
  if (role === 'direktor' && target.role === 'dasturchi') throw detail(403, 'Direktor Dasturchi rolini yangilay olmaydi.');
  if (role === 'administrator' && (target.role === 'dasturchi' || target.role === 'direktor')) {
    throw detail(403, 'Administrator Direktor yoki Dasturchi rollarini yangilay olmaydi.');
  }
  return target;
}

function employeeGet(ctx: Ctx, id: number): Reply {
  return ok({ success: true, message: 'Xodim muvaffaqiyatli yuklandi.', data: ser.employeeDetail(employeeObject(ctx, id)) });
}

function employeeUpdate(partial: boolean) {
  return (ctx: Ctx, id: number): Reply => {
    const target = employeeObject(ctx, id);
    const actor = ctx.employee;
    const { values, errors } = validateFields(
      ctx.dict(),
      [
        { name: 'full_name', required: true, parse: charField({ maxLength: 255 }) },
        {
          name: 'role',
          parse: choiceField(ROLES),
          hook: (value) =>
            actor?.role === 'administrator' && (value === 'dasturchi' || value === 'direktor')
              ? ['Administrator Direktor yoki Dasturchi rollarini tayinlay olmaydi.']
              : undefined,
        },
        { name: 'professionality', allowNull: true, parse: charField({ allowBlank: true, maxLength: 255 }) },
        { name: 'is_active', parse: booleanField() },
      ],
      partial,
    );
    onlyNonEmpty(errors);
    Object.assign(target, values);
    ctx.state.touch(target);
    return ok({ success: true, message: 'Xodim muvaffaqiyatli yangilandi.', data: ser.employeeDetail(target) });
  };
}

function employeeDelete(ctx: Ctx, id: number): Reply {
  const target = employeeObject(ctx, id);
  ctx.state.deleteEmployee(target);
  return ok({ success: true, message: "Xodim muvaffaqiyatli o'chirildi." });
}

// ---------------------------------------------------------------- students

function studentList(ctx: Ctx): Reply {
  const { state } = ctx;
  const search = ctx.query('search');
  let rows = newestFirst(state.db.students);
  if (search) {
    rows = rows.filter(
      (s) =>
        icontains(s.full_name, search) ||
        icontains(s.email, search) ||
        icontains(s.phone, search) ||
        icontains(s.passport_serial_number, search) ||
        icontains(s.inn, search) ||
        icontains(s.pinfl, search),
    );
  }
  return paginate(rows, ctx.pageRequest(), (s) => ser.studentListItem(state, s, ctx.origin));
}

function studentCreate(ctx: Ctx): Reply {
  const { state } = ctx;
  const specs: FieldSpec[] = [
    {
      name: 'email',
      required: true,
      parse: emailField(),
      hook: (value) => (state.emailTaken(value as string) ? ['Bu email bilan foydalanuvchi allaqachon mavjud.'] : undefined),
    },
    { name: 'password', required: true, parse: charField({ checks: [passwordCheck] }) },
    { name: 'password_confirm', required: true, parse: charField() },
    { name: 'full_name', required: true, parse: charField({ maxLength: 255 }) },
    { name: 'phone', required: true, parse: charField({ maxLength: 17, checks: [phoneFormat, uniqueStudent(state, 'phone')] }) },
    {
      name: 'passport_serial_number',
      required: true,
      parse: charField({ maxLength: 20, checks: [uniqueStudent(state, 'passport_serial_number')] }),
    },
    { name: 'birth_date', required: true, parse: dateField() },
    { name: 'source', required: true, parse: choiceField(SOURCES) },
    { name: 'address', allowNull: true, parse: charField({ allowBlank: true }) },
    { name: 'inn', allowNull: true, parse: charField({ allowBlank: true, maxLength: 9, checks: [innFormat] }) },
    { name: 'pinfl', allowNull: true, parse: charField({ allowBlank: true, maxLength: 14 }) },
  ];
  const { values, errors } = validateFields(ctx.dict(), specs, false);
  onlyNonEmpty(errors);
  if (values.password !== values.password_confirm) throw validationError({ password_confirm: ['Parollar mos kelmaydi.'] });
  const stamp = state.clock.stamp();
  const fullName = values.full_name as string;
  const student = newStudent(
    state,
    {
      email: normalizeEmail(values.email as string),
      ...splitName(fullName),
      full_name: fullName,
      phone: values.phone as string,
      passport_serial_number: values.passport_serial_number as string,
      birth_date: values.birth_date as string,
      source: values.source as Student['source'],
      address: (values.address as string | null | undefined) ?? null,
      inn: (values.inn as string | null | undefined) ?? null,
      pinfl: (values.pinfl as string | null | undefined) ?? null,
      password: values.password as string,
    },
    stamp,
  );
  state.db.students.push(student);
  return ok({ success: true, message: "Talaba muvaffaqiyatli qo'shildi.", data: ser.studentDetail(state, student, ctx.origin) }, 201);
}

function studentObject(ctx: Ctx, id: number): Student {
  const student = ctx.state.student(id);
  if (!student) throw notFound('Student');
  return student;
}

function studentGet(ctx: Ctx, id: number): Reply {
  const student = studentObject(ctx, id);
  return ok({ success: true, message: 'Talaba muvaffaqiyatli yuklandi.', data: ser.studentDetail(ctx.state, student, ctx.origin) });
}

function studentUpdate(partial: boolean) {
  return (ctx: Ctx, id: number): Reply => {
    const { state } = ctx;
    const student = studentObject(ctx, id);
    const specs: FieldSpec[] = [
      { name: 'full_name', required: true, parse: charField({ maxLength: 255 }) },
      { name: 'phone', required: true, parse: charField({ maxLength: 17, checks: [phoneFormat, uniqueStudent(state, 'phone', id)] }) },
      {
        name: 'passport_serial_number',
        required: true,
        parse: charField({ maxLength: 20, checks: [uniqueStudent(state, 'passport_serial_number', id)] }),
      },
      { name: 'birth_date', required: true, parse: dateField() },
      { name: 'source', required: true, parse: choiceField(SOURCES) },
      { name: 'address', allowNull: true, parse: charField({ allowBlank: true }) },
      { name: 'inn', allowNull: true, parse: charField({ allowBlank: true, maxLength: 9, checks: [innFormat] }) },
      { name: 'pinfl', allowNull: true, parse: charField({ allowBlank: true, maxLength: 14 }) },
      // a plain PATCH may set the group directly, bypassing every booking rule (capture 078)
      { name: 'group', allowNull: true, parse: pkField((gid) => state.group(gid) !== undefined) },
      { name: 'is_active', parse: booleanField() },
    ];
    const { values, errors } = validateFields(ctx.dict(), specs, partial);
    onlyNonEmpty(errors);
    Object.assign(student, values);
    state.touch(student);
    state.afterStudentSaved(student);
    return ok({ success: true, message: 'Talaba muvaffaqiyatli yangilandi.', data: ser.studentDetail(state, student, ctx.origin) });
  };
}

function studentDelete(ctx: Ctx, id: number): Reply {
  const student = studentObject(ctx, id);
  ctx.state.deleteStudent(student);
  return ok({ success: true, message: "Talaba muvaffaqiyatli o'chirildi." });
}

// ---------------------------------------------------------------- views

export const authViews = {
  register: { name: 'Employee Registration', auth: 'none', permission: allowAny, handlers: { POST: register } },
  login: { name: 'Employee Login', auth: 'none', permission: allowAny, handlers: { POST: login } },
  profile: {
    name: 'Employee Profile',
    auth: 'jwt',
    permission: isAuthenticated,
    handlers: { GET: profileGet, PUT: profileUpdate(false), PATCH: profileUpdate(true) },
  },
  refresh: { name: 'Token Refresh', auth: 'none', permission: allowAny, handlers: { POST: refresh } },
  employees: {
    name: 'Employee List',
    auth: 'jwt',
    permission: employeesReadRolesWrite('dasturchi', 'administrator'),
    handlers: { GET: employeeList },
  },
  employee: {
    name: 'Employee Retrieve Update',
    auth: 'jwt',
    permission: rolesOnly('dasturchi', 'direktor', 'administrator'),
    handlers: { GET: employeeGet, PUT: employeeUpdate(false), PATCH: employeeUpdate(true), DELETE: employeeDelete },
  },
  students: {
    name: 'Student List',
    auth: 'jwt',
    permission: employeesReadRolesWrite('dasturchi', 'administrator'),
    handlers: { GET: studentList, POST: studentCreate },
  },
  student: {
    name: 'Student Retrieve Update',
    auth: 'jwt',
    permission: employeesReadRolesWrite('dasturchi', 'administrator'),
    handlers: { GET: studentGet, PUT: studentUpdate(false), PATCH: studentUpdate(true), DELETE: studentDelete },
  },
  studentLogin: { name: 'Student Login', auth: 'jwt', permission: allowAny, handlers: { POST: studentLogin } },
} satisfies Record<string, View>;
