/**
 * /api/v1/education/: groups, attendances and the booking endpoints (book, cancel, change of group),
 * including the 500s of the captured commit and, with `intended`, the invoice and contract that
 * booking was meant to produce.
 */
import { micros } from './clock.js';
import {
  choiceField,
  dateField,
  decimalField,
  integerField,
  pkField,
  pkListField,
  timeField,
  validateFields,
  type FieldSpec,
} from './fields.js';
import { HttpError, ServerError, djangoInt, money, notFound, ok, paginate, validationError, type Reply } from './http.js';
import * as ser from './serialize.js';
import { STATUS_DISPLAY, newestFirst, type State } from './state.js';
import type { Attendance, Dates, Group, Speciality, Student } from './types.js';
import { allowAny, employeesReadRolesWrite, type Ctx, type View } from './view.js';

const SPECIALITIES = ['revit_architecture', 'revit_structure', 'tekla_structure'];
const DATES = ['mon_wed_fri', 'tue_thu_sat'];
const INT_MAX = 2147483647;

/** The `mentor` choices are limited to employees with the mentor role. */
const isMentor = (state: State) => (id: number) => state.employee(id)?.role === 'mentor';

/** Booking views answer with `{success:false, message, errors}`, where an error entry may be null. */
const bookingError = (status: number, message: string, errors: Record<string, unknown>): HttpError =>
  new HttpError(status, { success: false, message, errors });

/** Python truthiness of a JSON value, as `if not student_id` sees it. */
const truthy = (value: unknown): boolean =>
  !(value === undefined || value === null || value === false || value === 0 || value === '' || (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0));

// ---------------------------------------------------------------- groups

function groupSpecs(state: State): FieldSpec[] {
  return [
    { name: 'speciality_id', required: true, parse: choiceField(SPECIALITIES) },
    { name: 'dates', required: true, parse: choiceField(DATES) },
    { name: 'time', required: true, parse: timeField() },
    { name: 'starting_date', allowNull: true, parse: dateField() },
    { name: 'total_lessons', allowNull: true, parse: integerField({ min: 1, max: INT_MAX }) },
    { name: 'seats', required: true, parse: integerField({ min: 0, max: INT_MAX }) },
    { name: 'price', parse: decimalField(10, 2) },
    { name: 'mentor', allowNull: true, parse: pkField(isMentor(state)) },
  ];
}

/** A mentor's queryset holds only their own groups, so other groups are 404 for them. */
function visibleGroups(ctx: Ctx): Group[] {
  const me = ctx.employee;
  const groups = ctx.state.db.groups;
  return me?.role === 'mentor' ? groups.filter((g) => g.mentor === me.id) : groups;
}

function groupObject(ctx: Ctx, id: number): Group {
  const group = visibleGroups(ctx).find((g) => g.id === id);
  if (!group) throw notFound('Group');
  return group;
}

function groupList(ctx: Ctx): Reply {
  return paginate(newestFirst(visibleGroups(ctx)), ctx.pageRequest(), (g) => ser.group(ctx.state, g));
}

function groupCreate(ctx: Ctx): Reply {
  const { state } = ctx;
  const { values, errors } = validateFields(ctx.dict(), groupSpecs(state), false);
  if (errors) throw validationError(errors);
  const stamp = state.clock.stamp();
  const group: Group = {
    id: state.nextId('groups'),
    speciality_id: values.speciality_id as Speciality,
    dates: values.dates as Dates,
    time: values.time as string,
    starting_date: (values.starting_date as string | null | undefined) ?? null,
    total_lessons: (values.total_lessons as number | null | undefined) ?? null,
    seats: values.seats as number,
    is_active: true,
    price: (values.price as string | undefined) ?? '0.00',
    mentor: (values.mentor as number | null | undefined) ?? null,
    created_at: stamp,
    updated_at: stamp,
  };
  state.db.groups.push(group);
  return ok({ success: true, message: 'Guruh muvaffaqiyatli yaratildi.', data: ser.group(state, group) }, 201);
}

function groupGet(ctx: Ctx, id: number): Reply {
  return ok({ success: true, message: 'Guruh muvaffaqiyatli yuklandi.', data: ser.group(ctx.state, groupObject(ctx, id)) });
}

function groupUpdate(partial: boolean) {
  return (ctx: Ctx, id: number): Reply => {
    const { state } = ctx;
    const group = groupObject(ctx, id);
    const { values, errors } = validateFields(ctx.dict(), groupSpecs(state), partial);
    if (errors) throw validationError(errors);
    const oldPrice = group.price;
    Object.assign(group, values);
    state.touch(group);
    state.afterPriceChange(group, oldPrice);
    return ok({ success: true, message: 'Guruh muvaffaqiyatli yangilandi.', data: ser.group(state, group) });
  };
}

function groupDelete(ctx: Ctx, id: number): Reply {
  ctx.state.deleteGroup(groupObject(ctx, id));
  // 204 with a JSON body, exactly as the view builds it
  return ok({ success: true, message: "Guruh muvaffaqiyatli o'chirildi." }, 204);
}

// ---------------------------------------------------------------- attendances

const PARTICIPANTS_MESSAGE = "Barcha ishtirokchilar tanlangan guruhning a'zosi bo'lishi kerak.";

function attendanceSpecs(state: State): FieldSpec[] {
  return [
    { name: 'group', required: true, parse: pkField((id) => state.group(id) !== undefined) },
    { name: 'date', default: () => state.clock.today(), parse: dateField() },
    { name: 'mentor', allowNull: true, parse: pkField(isMentor(state)) },
    { name: 'participants', default: () => [], parse: pkListField((id) => state.student(id) !== undefined) },
  ];
}

/** UniqueTogetherValidator, then the serializer's validate(), as DRF orders them. */
function checkAttendance(state: State, values: Record<string, unknown>, instance?: Attendance): void {
  const groupId = (values.group as number | undefined) ?? instance?.group;
  const date = (values.date as string | undefined) ?? instance?.date;
  const touchesUnique = !instance || 'group' in values || 'date' in values;
  if (touchesUnique && state.db.attendances.some((a) => a !== instance && a.group === groupId && a.date === date)) {
    throw validationError({ non_field_errors: ['The fields group, date must make a unique set.'] });
  }
  const participants = (values.participants as number[] | undefined) ?? [];
  if (groupId !== undefined && participants.length > 0) {
    const members = new Set(state.db.students.filter((s) => s.group === groupId).map((s) => s.id));
    if (participants.some((id) => !members.has(id))) throw validationError({ participants: [PARTICIPANTS_MESSAGE] });
  }
}

function attendanceObject(ctx: Ctx, id: number): Attendance {
  const attendance = ctx.state.attendance(id);
  if (!attendance) throw notFound('Attendance');
  return attendance;
}

function attendanceList(ctx: Ctx): Reply {
  const { state } = ctx;
  const rows = [...state.db.attendances].sort(
    (a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.time < b.time ? 1 : a.time > b.time ? -1 : 0) || micros(b.created_at) - micros(a.created_at),
  );
  return paginate(rows, ctx.pageRequest(), (a) => ser.attendance(state, a));
}

function attendanceCreate(ctx: Ctx): Reply {
  const { state } = ctx;
  const { values, errors } = validateFields(ctx.dict(), attendanceSpecs(state), false);
  if (errors) throw validationError(errors);
  checkAttendance(state, values);
  const stamp = state.clock.stamp();
  const attendance: Attendance = {
    id: state.nextId('attendances'),
    group: values.group as number,
    date: values.date as string,
    time: state.clock.timeOfDay(),
    mentor: (values.mentor as number | null | undefined) ?? null,
    participants: [...new Set(values.participants as number[])],
    created_at: stamp,
    updated_at: stamp,
  };
  state.db.attendances.push(attendance);
  return ok({ success: true, message: 'Davomat muvaffaqiyatli yaratildi.', data: ser.attendance(state, attendance) }, 201);
}

function attendanceGet(ctx: Ctx, id: number): Reply {
  return ok({ success: true, message: 'Davomat muvaffaqiyatli yuklandi.', data: ser.attendance(ctx.state, attendanceObject(ctx, id)) });
}

function attendanceUpdate(partial: boolean) {
  return (ctx: Ctx, id: number): Reply => {
    const { state } = ctx;
    const attendance = attendanceObject(ctx, id);
    const { values, errors } = validateFields(ctx.dict(), attendanceSpecs(state), partial);
    if (errors) throw validationError(errors);
    checkAttendance(state, values, attendance);
    if (values.participants !== undefined) values.participants = [...new Set(values.participants as number[])];
    Object.assign(attendance, values);
    state.touch(attendance);
    return ok({ success: true, message: 'Davomat muvaffaqiyatli yangilandi.', data: ser.attendance(state, attendance) });
  };
}

function attendanceDelete(ctx: Ctx, id: number): Reply {
  const attendance = attendanceObject(ctx, id);
  const rows = ctx.state.db.attendances;
  rows.splice(rows.indexOf(attendance), 1);
  return ok({ success: true, message: "Davomat muvaffaqiyatli o'chirildi." }, 204);
}

// ---------------------------------------------------------------- booking

function bookingGroups(ctx: Ctx): Reply {
  // a bare array of every group, bookable or not: the view overrides list() without pagination
  return ok(newestFirst(ctx.state.db.groups).map((g) => ser.bookingGroup(ctx.state, g)));
}

function paymentInfo(state: State, student: Student, group: Group): Record<string, unknown> {
  const price = Number(group.price);
  const first = price > 0 ? price / 2 : 0;
  const second = price > 0 ? price - first : 0;
  const info: Record<string, unknown> = { total_price: price, currency: 'UZS' };
  if (group.total_lessons && group.total_lessons > 0) {
    const mid = Math.floor(group.total_lessons / 2);
    const last = group.total_lessons;
    info.first_installment = {
      amount: first,
      percentage: 50,
      due_by_lesson: mid,
      lesson_range: { from_lesson: 1, to_lesson: mid, description: `Lessons 1 to ${mid}` },
      description: `First payment (50%) must be paid by lesson ${mid}`,
    };
    info.second_installment = {
      amount: second,
      percentage: 50,
      due_by_lesson: last,
      lesson_range: { from_lesson: mid + 1, to_lesson: last, description: `Lessons ${mid + 1} to ${last}` },
      description: `Second payment (50%) must be paid by lesson ${last}`,
    };
    info.total_lessons = last;
  } else {
    info.first_installment = { amount: first, percentage: 50, due_by_lesson: null, lesson_range: null, description: 'First payment (50%)' };
    info.second_installment = { amount: second, percentage: 50, due_by_lesson: null, lesson_range: null, description: 'Second payment (50%)' };
    info.total_lessons = null;
    info.note = 'Payment milestones will be set when total_lessons is configured for this group';
  }
  const invoice = newestFirst(
    state.db.invoices.filter((i) => i.student === student.id && i.group === group.id && (i.status === 'created' || i.status === 'pending')),
  )[0];
  if (invoice) {
    info.first_invoice = { id: invoice.id, status: invoice.status, status_display: STATUS_DISPLAY[invoice.status], amount: Number(invoice.amount) };
  } else {
    info.first_invoice = null;
    info.note = `${typeof info.note === 'string' ? info.note : ''} Invoice will be created automatically.`.trim();
  }
  return info;
}

function book(ctx: Ctx): Reply {
  const { state } = ctx;
  const { values, errors } = validateFields(
    ctx.dict(),
    [
      {
        name: 'student_id',
        required: true,
        parse: integerField(),
        hook: (id) => (state.student(id as number) ? undefined : ['Talaba topilmadi.']),
      },
      { name: 'group_id', required: true, parse: integerField(), hook: (id) => (state.group(id as number) ? undefined : ['Guruh topilmadi.']) },
    ],
    false,
  );
  if (errors) throw validationError(errors);
  const student = state.student(values.student_id as number);
  const group = state.group(values.group_id as number);
  if (!student || !group) throw new ServerError('vanished during validation');
  if (student.group === group.id) throw validationError({ group_id: ['Talaba allaqachon bu guruhga yozilgan.'] });
  if (student.group !== null) {
    throw validationError({ student_id: ['Talaba boshqa guruhga yozilgan. Avval mavjud yozilishni bekor qiling.'] });
  }
  if (state.availableSeats(group) <= 0) throw validationError({ group_id: ["Bu guruhda bo'sh o'rin yo'q."] });
  const days = state.daysSinceStart(group);
  if (!state.canAcceptBookings(group) && days !== null && days >= 10) {
    throw validationError({
      group_id: [`Bu guruhga yozilish mumkin emas. Guruh ${days} kun oldin boshlangan (10 kunlik cheklov oshib ketgan).`],
    });
  }

  student.group = group.id;
  state.touch(student);
  state.afterStudentSaved(student);
  // at the captured commit the contract generator fails and the error is swallowed
  if (state.intended) state.attachContract(student, group);

  return ok(
    {
      success: true,
      message: 'Talaba muvaffaqiyatli guruhga yozildi.',
      data: {
        booking: {
          student_id: student.id,
          student_name: student.full_name,
          group: ser.bookingGroup(state, group),
          payment_info: paymentInfo(state, student, group),
          contract_url: student.contract === null ? null : `${ctx.origin}/media/${student.contract}`,
          contract_signed: student.contract_signed,
        },
      },
    },
    201,
  );
}

function cancelUnpaid(state: State, studentId: number, groupId: number): number {
  let count = 0;
  for (const invoice of state.db.invoices) {
    if (invoice.student === studentId && invoice.group === groupId && (invoice.status === 'created' || invoice.status === 'pending')) {
      invoice.status = 'cancelled';
      count += 1;
    }
  }
  return count;
}

function cancelBooking(ctx: Ctx): Reply {
  const { state } = ctx;
  const raw = ctx.field('student_id');
  if (!truthy(raw)) {
    throw bookingError(400, 'student_id talab qilinadi.', { student_id: ["Bu maydon to'ldirilishi shart."] });
  }
  const student = state.student(djangoInt(raw));
  if (!student) throw bookingError(404, 'Talaba topilmadi.', { student_id: ['Talaba mavjud emas.'] });
  const group = state.group(student.group);
  if (!group) {
    throw bookingError(400, "Talabaning faol yozilishi yo'q.", { student_id: ['Talaba hech qanday guruhga yozilmagan.'] });
  }
  // direktor is not in this view's list of staff allowed to cancel a started group
  const staff = ctx.hasRole('administrator', 'mentor', 'dasturchi');
  const started = group.starting_date !== null && group.starting_date <= state.clock.today();
  if (!staff && started) {
    throw bookingError(
      403,
      "Guruh boshlanganidan keyin talaba o'zi bekor qila olmaydi. Iltimos, administrator yoki mentor bilan bog'laning.",
      { group_id: ['Guruh boshlangan. Faqat administrator yoki mentor bekor qilishi mumkin.'] },
    );
  }
  student.group = null;
  state.touch(student);
  const cancelled = cancelUnpaid(state, student.id, group.id);
  return ok({
    success: true,
    message: 'Yozilish muvaffaqiyatli bekor qilindi.',
    data: {
      cancelled_booking: {
        student_id: student.id,
        student_name: student.full_name,
        group_id: group.id,
        group_name: state.groupName(group),
        cancelled_invoices: cancelled,
      },
    },
  });
}

function changeGroup(ctx: Ctx): Reply {
  const { state } = ctx;
  const rawStudent = ctx.field('student_id');
  const rawGroup = ctx.field('new_group_id');
  if (!truthy(rawStudent) || !truthy(rawGroup)) {
    throw bookingError(400, 'student_id va new_group_id talab qilinadi.', {
      student_id: truthy(rawStudent) ? null : ["Bu maydon to'ldirilishi shart."],
      new_group_id: truthy(rawGroup) ? null : ["Bu maydon to'ldirilishi shart."],
    });
  }
  const student = state.student(djangoInt(rawStudent));
  if (!student) throw bookingError(404, 'Talaba topilmadi.', { student_id: ['Talaba mavjud emas.'] });
  const newGroup = state.group(djangoInt(rawGroup));
  if (!newGroup) throw bookingError(404, 'Guruh topilmadi.', { new_group_id: ['Guruh mavjud emas.'] });
  const oldGroup = state.group(student.group);
  if (!oldGroup) {
    throw bookingError(400, 'Talaba hech qanday guruhga yozilmagan.', { student_id: ["Talabaning mavjud guruhi yo'q."] });
  }
  if (oldGroup.id === newGroup.id) {
    throw bookingError(400, 'Talaba allaqachon bu guruhga yozilgan.', { new_group_id: ['Yangi guruh mavjud guruh bilan bir xil.'] });
  }
  if (state.availableSeats(newGroup) <= 0) {
    throw bookingError(400, "Yangi guruhda bo'sh o'rin yo'q.", { new_group_id: ["Guruh to'liq."] });
  }

  const oldPrice = Number(oldGroup.price);
  const newPrice = Number(newGroup.price);
  const difference = newPrice - oldPrice;
  const totalPaid = state.db.invoices
    .filter((i) => i.student === student.id && i.group === oldGroup.id && i.status === 'paid')
    .reduce((sum, i) => sum + Number(i.amount), 0);

  let refund = 0;
  let invoiceAmount: number | null = null;
  if (difference > 0) {
    const remaining = newPrice - totalPaid;
    if (remaining > 0) invoiceAmount = Math.min(newPrice / 2, remaining);
    else if (totalPaid > newPrice) refund = totalPaid - newPrice;
  } else if (difference < 0) {
    if (totalPaid > newPrice) refund = totalPaid - newPrice;
    else invoiceAmount = newPrice / 2;
  } else if (totalPaid < newPrice) invoiceAmount = Math.min(newPrice / 2, newPrice - totalPaid);
  else if (totalPaid > newPrice) refund = totalPaid - newPrice;

  // Invoice.objects.create(notes=…) raises TypeError at the captured commit; the transaction rolls back
  if (invoiceAmount !== null && !state.intended) throw new ServerError("Invoice() got unexpected keyword arguments: 'notes'");

  const cancelled = cancelUnpaid(state, student.id, oldGroup.id);
  student.group = newGroup.id;
  state.touch(student);
  if (state.intended) state.attachContract(student, newGroup);
  const newInvoice = invoiceAmount !== null && invoiceAmount > 0 ? state.createInvoice(student.id, newGroup.id, invoiceAmount) : null;

  const data: Record<string, unknown> = {
    student_id: student.id,
    student_name: student.full_name,
    old_group_id: oldGroup.id,
    old_group_name: state.groupName(oldGroup),
    old_group_price: oldPrice,
    new_group_id: newGroup.id,
    new_group_name: state.groupName(newGroup),
    new_group_price: newPrice,
    price_difference: difference,
    total_paid_old_group: totalPaid,
    cancelled_invoices: cancelled,
    new_invoice_id: newInvoice?.id ?? null,
    new_invoice_amount: newInvoice ? Number(money(invoiceAmount ?? 0)) : 0,
    contract_url: student.contract === null ? null : `${ctx.origin}/media/${student.contract}`,
    contract_signed: student.contract_signed,
  };
  if (refund > 0) {
    data.refund_amount = refund;
    data.refund_required = true;
    data.message = `Guruh o'zgartirildi. Qaytarib berish kerak: ${refund.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} UZS.`;
  } else {
    data.refund_required = false;
  }
  return ok({ success: true, message: "Guruh muvaffaqiyatli o'zgartirildi. Yangi shartnoma yaratildi.", data });
}

// ---------------------------------------------------------------- views

const staffWrites = employeesReadRolesWrite('administrator', 'mentor', 'dasturchi', 'direktor');

/** OPTIONS metadata of the groups list, as captured (258). */
const GROUP_ACTIONS = {
  POST: {
    id: { type: 'integer', required: false, read_only: true, label: 'ID' },
    speciality_id: {
      type: 'choice',
      required: true,
      read_only: false,
      label: 'Speciality',
      choices: [
        { value: 'revit_architecture', display_name: 'Revit Architecture' },
        { value: 'revit_structure', display_name: 'Revit Structure' },
        { value: 'tekla_structure', display_name: 'Tekla Structure' },
      ],
    },
    speciality_display: { type: 'field', required: false, read_only: true, label: 'Speciality display' },
    dates: {
      type: 'choice',
      required: true,
      read_only: false,
      label: 'Dates',
      choices: [
        { value: 'mon_wed_fri', display_name: 'Monday - Wednesday - Friday' },
        { value: 'tue_thu_sat', display_name: 'Tuesday - Thursday - Saturday' },
      ],
    },
    dates_display: { type: 'field', required: false, read_only: true, label: 'Dates display' },
    time: { type: 'time', required: true, read_only: false, label: 'Lesson Time', help_text: 'Daily lesson time (e.g., 14:00)' },
    starting_date: {
      type: 'date',
      required: false,
      read_only: false,
      label: 'Starting Date',
      help_text: 'Date when the group course starts (for planned groups)',
    },
    finish_date: { type: 'date', required: false, read_only: true, label: 'Finish date' },
    total_lessons: {
      type: 'integer',
      required: false,
      read_only: false,
      label: 'Total Lessons',
      help_text: 'Total number of lessons in this group (e.g., 72 lessons). Used for lesson-based payment milestones.',
      min_value: 1,
      max_value: INT_MAX,
    },
    current_lesson_number: { type: 'integer', required: false, read_only: true, label: 'Current lesson number' },
    seats: { type: 'integer', required: true, read_only: false, label: 'Maximum Students', min_value: 0, max_value: INT_MAX },
    current_students_count: { type: 'integer', required: false, read_only: true, label: 'Current students count' },
    available_seats: { type: 'integer', required: false, read_only: true, label: 'Available seats' },
    is_planned: { type: 'boolean', required: false, read_only: true, label: 'Is planned' },
    is_active: { type: 'boolean', required: false, read_only: true, label: 'Is active' },
    price: {
      type: 'decimal',
      required: false,
      read_only: false,
      label: 'Price',
      help_text: 'Group price in UZS (sum)',
      max_digits: 10,
      decimal_places: 2,
    },
    mentor: { type: 'field', required: false, read_only: false, label: 'Mentor' },
    mentor_name: { type: 'string', required: false, read_only: true, label: 'Mentor name' },
    created_at: { type: 'datetime', required: false, read_only: true, label: 'Created at' },
    updated_at: { type: 'datetime', required: false, read_only: true, label: 'Updated at' },
  },
};

export const educationViews = {
  groups: {
    name: 'Group List Create',
    auth: 'jwt',
    permission: employeesReadRolesWrite('dasturchi', 'direktor', 'administrator'),
    handlers: { GET: groupList, POST: groupCreate },
    actions: GROUP_ACTIONS,
  },
  group: {
    name: 'Group Retrieve Update Destroy',
    auth: 'jwt',
    permission: employeesReadRolesWrite('dasturchi', 'direktor', 'administrator'),
    handlers: { GET: groupGet, PUT: groupUpdate(false), PATCH: groupUpdate(true), DELETE: groupDelete },
  },
  attendances: {
    name: 'Attendance List Create',
    auth: 'jwt',
    permission: staffWrites,
    handlers: { GET: attendanceList, POST: attendanceCreate },
  },
  attendance: {
    name: 'Attendance Retrieve Update Destroy',
    auth: 'jwt',
    permission: staffWrites,
    handlers: { GET: attendanceGet, PUT: attendanceUpdate(false), PATCH: attendanceUpdate(true), DELETE: attendanceDelete },
  },
  bookingGroups: { name: 'Group Booking List', auth: 'jwt', permission: allowAny, handlers: { GET: bookingGroups } },
  book: { name: 'Student Booking Create', auth: 'jwt', permission: allowAny, handlers: { POST: book } },
  cancel: { name: 'Student Booking Cancel', auth: 'jwt', permission: allowAny, handlers: { POST: cancelBooking } },
  changeGroup: { name: 'Student Group Change', auth: 'jwt', permission: staffWrites, handlers: { POST: changeGroup } },
} satisfies Record<string, View>;
