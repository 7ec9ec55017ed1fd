/**
 * Every backend failure becomes one of these, with an Uzbek message a person can read. The
 * backend's own reason is kept wherever it has one; English framework texts, URLs and status
 * codes never reach a person (they are logged instead).
 */
import type { Failure, FailureKind } from './types.js';

export type { Failure, FailureKind };

export class BackendError extends Error implements Failure {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly fields?: Record<string, string>,
    /** for logs only */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }

  toFailure(): Failure {
    return this.fields ? { kind: this.kind, message: this.message, fields: this.fields } : { kind: this.kind, message: this.message };
  }
}

export const failureTexts = {
  network: "Server bilan bog'lanib bo'lmadi. Birozdan so'ng qayta urinib ko'ring.",
  server: "Serverda xatolik yuz berdi. Birozdan so'ng qayta urinib ko'ring.",
  forbidden: "Bu amal uchun ruxsatingiz yo'q.",
  notFound: "Ma'lumot topilmadi: u o'chirilgan bo'lishi mumkin.",
  session: 'Sessiya tugadi. Qaytadan kiring.',
  validation: "Ma'lumotlar qabul qilinmadi.",
} as const;

/**
 * DRF and simplejwt answer some errors in English whatever the language setting; these are the
 * ones the backend is known to send, in Uzbek.
 */
const englishToUzbek: [RegExp, string][] = [
  [/^You do not have permission/i, failureTexts.forbidden],
  [/^Authentication credentials were not provided/i, failureTexts.session],
  [/token not valid|token is invalid|token is expired|user is inactive/i, failureTexts.session],
  [/^No \w+ matches the given query/i, failureTexts.notFound],
  [/^Not found/i, failureTexts.notFound],
  [/^Invalid page/i, "Bunday sahifa yo'q."],
  [/^This field is required/i, "Bu maydon to'ldirilishi shart."],
  [/^This field may not be blank/i, "Bu maydon bo'sh bo'lishi mumkin emas."],
  [/^This field may not be null/i, "Bu maydon bo'sh bo'lishi mumkin emas."],
  [/^Enter a valid email address/i, "Email manzil noto'g'ri."],
  [/^Date has wrong format/i, "Sana formati noto'g'ri."],
  [/^Time has wrong format/i, "Vaqt formati noto'g'ri."],
  [/^"(.*)" is not a valid choice/i, "Noto'g'ri tanlov."],
  [/^A valid integer is required/i, "Butun son kiritilishi kerak."],
  [/^A valid number is required/i, 'Son kiritilishi kerak.'],
  [/^Ensure this field has no more than (\d+) characters/i, 'Juda uzun qiymat.'],
  [/^Invalid pk "(\d+)" - object does not exist/i, 'Tanlangan yozuv topilmadi.'],
  // Django's password validators: each reason of its own, so that the person knows what to change
  [/^This password is too short/i, "Parol juda qisqa: kamida 8 ta belgi bo'lishi kerak."],
  [/^This password is too common/i, 'Parol juda keng tarqalgan: uni oson topishadi.'],
  [/^This password is entirely numeric/i, "Parol faqat raqamlardan iborat bo'lmasligi kerak."],
  [/^The password is too similar/i, "Parol shaxsiy ma'lumotlarga juda o'xshash."],
  [/^Method ".*" not allowed/i, failureTexts.server],
  // payments: mark-as-paid, create-payment and check-status answer in English
  [/^You don't have permission to mark invoices as paid/i, "To'lovni belgilash faqat buxgalter, direktor va dasturchiga ruxsat etilgan."],
  [/^Only employees can/i, failureTexts.forbidden],
  [/^Some invoices are already paid|^Invoice is already paid/i, "Bu hisob-faktura allaqachon to'langan."],
  [/^Invoices not found|^Invoice not found/i, "Hisob-faktura topilmadi: u o'chirilgan bo'lishi mumkin."],
  [/^At least one invoice ID is required|^invoice_id parameter is required/i, 'Hisob-faktura tanlanmagan.'],
  [/^Invoice is cancelled/i, "Bu hisob-faktura bekor qilingan: uni to'lab bo'lmaydi."],
  [/^Invoice has no Multicard invoice ID/i, "Bu hisob-faktura uchun to'lov linki hali yaratilmagan."],
  [
    /^Failed to authenticate with payment service|^Failed to refresh token for payment service|^Store ID not configured|^Callback URL not configured/i,
    "To'lov tizimi (Multicard) serverda sozlanmagan: to'lov linklari hozircha ishlamaydi.",
  ],
  // attendances: one record per group and day (capture 210)
  [/^The fields group, date must make a unique set/i, "Bu guruh uchun shu kunning davomati allaqachon bor."],
  [/^Datetime has wrong format/i, "Sana va vaqt formati noto'g'ri."],
  [/^Internal server error/i, failureTexts.server],
];

export function uzbek(text: string): string {
  const trimmed = text.trim();
  for (const [pattern, replacement] of englishToUzbek) if (pattern.test(trimmed)) return replacement;
  // "\"Phone Number\" Student allaqachon mavjud." — the model's verbose name is English
  return trimmed.replace(/^"Phone Number" Student allaqachon mavjud\.?$/, "Bu telefon raqami allaqachon ro'yxatdan o'tgan.")
    .replace(/^"Passport Serial Number" Student allaqachon mavjud\.?$/, "Bu passport seriya raqami allaqachon ro'yxatdan o'tgan.");
}

function firstText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = firstText(item);
      if (text) return text;
    }
  }
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) {
      const text = firstText(item);
      if (text) return text;
    }
  }
  return undefined;
}

/** A field's reasons, each in Uzbek (a password refused for being short and common gets both). */
function fieldText(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length > 1 && value.every((item) => typeof item === 'string')) {
    return [...new Set(value.map((item: string) => uzbek(item)))].join(' ');
  }
  const text = firstText(value);
  return text ? uzbek(text) : undefined;
}

/**
 * Reads the four error shapes the backend uses: DRF field dictionaries, `{detail}`,
 * `{non_field_errors}` and `{success:false, message, errors}` (whose entries may be null).
 */
export function readErrorBody(body: unknown): { message?: string; fields?: Record<string, string> } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    const text = firstText(body);
    return text ? { message: uzbek(text) } : {};
  }
  const record = body as Record<string, unknown>;
  const envelope = record.success === false;
  const fieldSource = envelope ? ((record.errors ?? {}) as Record<string, unknown>) : record;
  const notFields = envelope ? ['non_field_errors'] : ['detail', 'code', 'messages', 'non_field_errors'];
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(fieldSource)) {
    if (notFields.includes(key)) continue;
    const text = fieldText(value);
    if (text) fields[key] = text;
  }
  const general = envelope
    ? (typeof record.message === 'string' ? record.message : undefined)
    : (firstText(record.non_field_errors) ?? (typeof record.detail === 'string' ? record.detail : undefined));
  const message = general ? uzbek(general) : Object.values(fields)[0];
  return Object.keys(fields).length > 0 ? { message, fields } : message ? { message } : {};
}
