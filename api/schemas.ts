import * as v from 'valibot';

/** Schemas of every backend response the bot reads. Unknown keys are dropped by v.object. */

const nullableString = v.nullish(v.string(), null);
/** amounts arrive as "1200000.00" in groups and invoices but as numbers in payment_info */
export const amount = v.pipe(v.union([v.string(), v.number()]), v.transform((value) => Number(value)));

export const employee = v.object({
  id: v.number(),
  email: v.string(),
  first_name: v.optional(nullableString, null),
  last_name: v.optional(nullableString, null),
  full_name: v.string(),
  role: v.string(),
  role_display: v.optional(nullableString, null),
  professionality: v.optional(nullableString, null),
  is_active: v.optional(v.boolean(), true),
  created_at: v.optional(v.string(), ''),
});
export type Employee = v.InferOutput<typeof employee>;

export const tokens = v.object({ access: v.string(), refresh: v.string() });

export const wrapped = <T extends v.GenericSchema>(data: T) =>
  v.object({ success: v.literal(true), message: v.optional(v.string(), ''), data });

export const loginResponse = wrapped(v.object({ employee, tokens }));
export const refreshResponse = v.object({ access: v.string(), refresh: v.optional(v.string()) });
export const profileResponse = wrapped(employee);

export const page = <T extends v.GenericSchema>(item: T) =>
  v.object({ count: v.number(), next: nullableString, previous: nullableString, results: v.array(item) });

export const student = v.object({
  id: v.number(),
  email: v.optional(nullableString, null),
  full_name: v.string(),
  phone: v.optional(nullableString, null),
  passport_serial_number: v.optional(nullableString, null),
  birth_date: v.optional(nullableString, null),
  source: v.optional(nullableString, null),
  source_display: v.optional(nullableString, null),
  address: v.optional(nullableString, null),
  inn: v.optional(nullableString, null),
  pinfl: v.optional(nullableString, null),
  group: v.optional(v.nullable(v.number()), null),
  group_name: v.optional(nullableString, null),
  contract_signed: v.optional(v.boolean(), false),
  is_active: v.optional(v.boolean(), true),
  contract_url: v.optional(nullableString, null),
  certificate_url: v.optional(nullableString, null),
  created_at: v.optional(nullableString, null),
});
export type Student = v.InferOutput<typeof student>;

export const group = v.object({
  id: v.number(),
  speciality_id: v.string(),
  speciality_display: v.optional(nullableString, null),
  dates: v.string(),
  dates_display: v.optional(nullableString, null),
  time: v.optional(nullableString, null),
  starting_date: v.optional(nullableString, null),
  seats: v.optional(v.number(), 0),
  current_students_count: v.optional(v.number(), 0),
  available_seats: v.optional(v.number(), 0),
  is_planned: v.optional(v.boolean(), false),
  is_active: v.optional(v.boolean(), true),
  can_accept_bookings: v.optional(v.boolean(), false),
  price: v.optional(v.nullable(amount), null),
  mentor: v.optional(v.nullable(v.number()), null),
  mentor_name: v.optional(nullableString, null),
  total_lessons: v.optional(v.nullable(v.number()), null),
});
export type Group = v.InferOutput<typeof group>;

export const successMessage = v.object({ success: v.optional(v.boolean(), true), message: v.optional(v.string(), '') });
