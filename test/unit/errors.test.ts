import { describe, expect, it } from 'vitest';
import { readErrorBody, uzbek } from '../../api/errors.js';

describe('backend error bodies', () => {
  it('reads DRF field errors, keeping the backend reason', () => {
    expect(readErrorBody({ email: ["Noto'g'ri email yoki parol."] })).toEqual({
      message: "Noto'g'ri email yoki parol.",
      fields: { email: "Noto'g'ri email yoki parol." },
    });
  });

  it('reads detail, translating the English framework texts', () => {
    expect(readErrorBody({ detail: 'Bu email bilan xodim allaqachon mavjud.' })).toEqual({ message: 'Bu email bilan xodim allaqachon mavjud.' });
    expect(readErrorBody({ detail: 'You do not have permission to perform this action.' }).message).toBe("Bu amal uchun ruxsatingiz yo'q.");
    expect(readErrorBody({ detail: 'No Student matches the given query.' }).message).toMatch(/topilmadi/);
  });

  it('reads non_field_errors and the success:false envelope with null entries', () => {
    expect(readErrorBody({ non_field_errors: ['Talaba allaqachon bu guruhga yozilgan.'] })).toEqual({ message: 'Talaba allaqachon bu guruhga yozilgan.' });
    expect(readErrorBody({ success: false, message: "Talabaning faol yozilishi yo'q.", errors: { student_id: ['Talaba hech qanday guruhga yozilmagan.'], group: null } })).toEqual({
      message: "Talabaning faol yozilishi yo'q.",
      fields: { student_id: 'Talaba hech qanday guruhga yozilmagan.' },
    });
  });

  it('makes the uniqueness texts with English model names Uzbek', () => {
    expect(uzbek('"Phone Number" Student allaqachon mavjud.')).toBe("Bu telefon raqami allaqachon ro'yxatdan o'tgan.");
    expect(readErrorBody({ phone: ['"Phone Number" Student allaqachon mavjud.'] }).fields?.phone).toMatch(/telefon/);
  });

  it('survives bodies that are not JSON objects', () => {
    expect(readErrorBody('<html>')).toEqual({ message: '<html>' });
    expect(readErrorBody(null)).toEqual({});
  });
});

describe("the backend's password rules", () => {
  it('come back each in Uzbek, all of them (capture 011)', () => {
    const body = {
      email: ["To'g'ri elektron pochta manzilini kiriting."],
      password: ['This password is too short. It must contain at least 8 characters.', 'This password is too common.', 'This password is entirely numeric.'],
      role: ['"boss" is not a valid choice.'],
    };
    const read = readErrorBody(body);
    expect(read.fields?.password).toBe(
      "Parol juda qisqa: kamida 8 ta belgi bo'lishi kerak. Parol juda keng tarqalgan: uni oson topishadi. Parol faqat raqamlardan iborat bo'lmasligi kerak.",
    );
    expect(read.fields?.email).toBe("To'g'ri elektron pochta manzilini kiriting.");
    expect(read.fields?.role).toBe("Noto'g'ri tanlov.");
  });
});
