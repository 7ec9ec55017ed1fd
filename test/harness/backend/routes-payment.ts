/**
 * /api/v1/payment/: invoice lists and detail, manual payment marking, and the Multicard payment
 * link: a 500 at the captured commit; the stubbed success of capture 266 with `intended` or
 * `paymentLinks = 'working'`; the refusal of 262 with `paymentLinks = 'unconfigured'`.
 */
import { randomUUID } from 'node:crypto';
import { formatDateTime, micros } from './clock.js';
import { booleanField, charField, dateTimeField, integerField, integerListField, urlField, validateFields } from './fields.js';
import { HttpError, ServerError, djangoInt, icontains, notFound, ok, paginate, validationError, type Reply } from './http.js';
import * as ser from './serialize.js';
import { newestFirst, type State } from './state.js';
import type { Invoice } from './types.js';
import { isAuthenticated, type Ctx, type Permission, type View } from './view.js';

function invoiceList(ctx: Ctx): Reply {
  return paginate(newestFirst(ctx.state.db.invoices), ctx.pageRequest(), (i) => ser.invoice(ctx.state, i));
}

function invoiceGet(ctx: Ctx, id: number): Reply {
  const invoice = ctx.state.invoice(id);
  if (!invoice) throw notFound('Invoice');
  // the only unwrapped detail view: a bare serializer object
  return ok(ser.invoice(ctx.state, invoice));
}

type SortKey = string | number | null;

function orderingKeys(state: State): Record<string, (i: Invoice) => SortKey> {
  const time = (v: string | null) => (v === null ? null : micros(v));
  return {
    id: (i) => i.id,
    pk: (i) => i.id,
    student: (i) => i.student,
    student_id: (i) => i.student,
    group: (i) => i.group,
    group_id: (i) => i.group,
    amount: (i) => Number(i.amount),
    status: (i) => i.status,
    multicard_uuid: (i) => i.multicard_uuid,
    multicard_invoice_id: (i) => i.multicard_invoice_id,
    checkout_url: (i) => i.checkout_url,
    receipt_url: (i) => i.receipt_url,
    payment_time: (i) => time(i.payment_time),
    payment_method: (i) => i.payment_method,
    card_pan: (i) => i.card_pan,
    created_at: (i) => time(i.created_at),
    updated_at: (i) => time(i.updated_at),
    student__full_name: (i) => state.student(i.student)?.full_name ?? null,
    student__phone: (i) => state.student(i.student)?.phone ?? null,
    group__speciality_id: (i) => state.group(i.group)?.speciality_id ?? null,
    group__price: (i) => Number(state.group(i.group)?.price ?? 0),
    group__starting_date: (i) => state.group(i.group)?.starting_date ?? null,
  };
}

/** Postgres puts NULLs last when ascending. */
function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * `queryset.order_by(ordering)` straight from the query string: an unknown field is a FieldError
 * (500). Ties keep the newest-first order ascending and the reverse descending, which is what the
 * captures 165 and 166 show Postgres doing.
 */
function order(state: State, rows: Invoice[], ordering: string): Invoice[] {
  if (ordering === '?') return [...rows].sort(() => Math.random() - 0.5);
  const descending = ordering.startsWith('-');
  const key = orderingKeys(state)[descending ? ordering.slice(1) : ordering];
  if (!key) throw new ServerError(`Cannot resolve keyword '${ordering}' into field.`);
  const ascending = [...rows].sort((a, b) => compareKeys(key(a), key(b)));
  return descending ? ascending.reverse() : ascending;
}

function employeeInvoices(ctx: Ctx): Reply {
  const { state } = ctx;
  const me = ctx.employee;
  let rows: Invoice[] = [];
  if (me) {
    rows = newestFirst(state.db.invoices);
    if (me.role === 'mentor') rows = rows.filter((i) => state.group(i.group)?.mentor === me.id);
    const search = ctx.query('search');
    if (search) {
      rows = rows.filter((i) => {
        const student = state.student(i.student);
        return (
          icontains(student?.full_name, search) ||
          icontains(student?.phone, search) ||
          icontains(state.group(i.group)?.speciality_id, search) ||
          icontains(i.id, search)
        );
      });
    }
    const status = ctx.query('status');
    if (status) rows = rows.filter((i) => i.status === status);
    const ordering = ctx.query('ordering') ?? '-created_at';
    if (ordering) rows = order(state, rows, ordering);
  }
  return paginate(rows, ctx.pageRequest(), (i) => ser.invoice(state, i));
}

function markAsPaid(ctx: Ctx): Reply {
  const { state } = ctx;
  const { values, errors } = validateFields(
    ctx.dict(),
    [
      {
        name: 'invoice_ids',
        required: true,
        parse: integerListField(),
        hook: (value) => {
          const ids = value as number[];
          if (ids.length === 0) return ['At least one invoice ID is required'];
          const found = state.db.invoices.filter((i) => ids.includes(i.id));
          const missing = [...new Set(ids)].filter((id) => !found.some((i) => i.id === id)).sort((a, b) => a - b);
          if (missing.length > 0) return [`Invoices not found: [${missing.join(', ')}]`];
          const paid = newestFirst(found.filter((i) => i.status === 'paid')).map((i) => i.id);
          if (paid.length > 0) return [`Some invoices are already paid: [${paid.join(', ')}]`];
          return undefined;
        },
      },
      { name: 'payment_time', parse: dateTimeField() },
      { name: 'payment_method', parse: charField({ maxLength: 50 }) },
      { name: 'notes', parse: charField({ allowBlank: true }) },
    ],
    false,
  );
  if (errors) throw validationError(errors);
  const ids = values.invoice_ids as number[];
  const when = values.payment_time as { utcMs: number; micro: number } | undefined;
  const paymentTime = when ? formatDateTime(when.utcMs * 1000 + when.micro) : state.clock.stamp();
  let updated = 0;
  for (const invoice of state.db.invoices) {
    if (!ids.includes(invoice.id) || invoice.status === 'paid') continue;
    // a cancelled invoice is accepted too (capture 186)
    invoice.status = 'paid';
    invoice.payment_time = paymentTime;
    invoice.payment_method = (values.payment_method as string | undefined) ?? 'manual';
    state.touch(invoice);
    updated += 1;
  }
  return ok({ success: true, message: `${updated} invoice(s) marked as paid successfully`, updated_count: updated, total_count: ids.length });
}

function createPayment(ctx: Ctx): Reply {
  const { state } = ctx;
  const { values, errors } = validateFields(
    ctx.dict(),
    [
      { name: 'invoice_id', required: true, parse: integerField() },
      { name: 'lang', default: () => 'uz', parse: charField() },
      { name: 'return_url', parse: urlField() },
      { name: 'return_error_url', parse: urlField() },
      { name: 'send_sms', default: () => false, parse: booleanField() },
    ],
    false,
  );
  if (errors) throw validationError(errors);
  const mode = state.paymentLinkMode();
  // settings.MULTICARD_RETURN_URL is read before anything else and is not defined at this commit
  if (mode === 'broken') throw new ServerError("'Settings' object has no attribute 'MULTICARD_RETURN_URL'");
  const invoice = state.invoice(values.invoice_id as number);
  if (!invoice) throw new HttpError(404, { success: false, message: 'Invoice not found.' });
  if (invoice.status === 'paid') throw new HttpError(400, { success: false, message: 'Invoice is already paid.' });
  if (invoice.status === 'cancelled') throw new HttpError(400, { success: false, message: 'Invoice is cancelled.' });
  // the service gives up before any network call when it has no credentials (262)
  if (mode === 'unconfigured') throw new HttpError(400, { success: false, message: 'Failed to authenticate with payment service' });
  const uuid = randomUUID();
  invoice.multicard_uuid = uuid;
  invoice.multicard_invoice_id = String(invoice.id);
  invoice.checkout_url = `https://checkout.multicard.invalid/invoice/${uuid}`;
  invoice.status = 'pending';
  state.touch(invoice);
  return ok({
    success: true,
    message: 'Payment link created successfully',
    data: { checkout_url: invoice.checkout_url, short_link: `https://mcard.invalid/${uuid.slice(0, 8)}`, uuid },
  });
}

const MULTICARD_STATUS: Record<string, string> = { created: 'draft', pending: 'progress', paid: 'success', cancelled: 'error' };

function checkStatus(ctx: Ctx): Reply {
  const { state } = ctx;
  const raw = ctx.query('invoice_id');
  if (!raw) throw new HttpError(400, { success: false, message: 'invoice_id parameter is required' });
  const internalError = new HttpError(500, { success: false, message: 'Internal server error. Please try again later.' });
  let id: number;
  try {
    id = djangoInt(raw);
  } catch {
    throw internalError;
  }
  const invoice = state.invoice(id);
  if (!invoice) throw new HttpError(404, { success: false, message: 'Invoice not found.' });
  if (!invoice.multicard_invoice_id) {
    throw new HttpError(400, {
      success: false,
      message: 'Invoice has no Multicard invoice ID',
      data: { invoice_id: invoice.id, status: invoice.status },
    });
  }
  // the view calls a service method that does not exist; its generic handler turns that into a JSON 500
  if (state.paymentLinkMode() !== 'working') throw internalError;
  return ok({
    success: true,
    data: {
      invoice_id: invoice.id,
      status: invoice.status,
      multicard_status: MULTICARD_STATUS[invoice.status],
      checkout_url: invoice.checkout_url,
      receipt_url: invoice.receipt_url,
      payment_time: invoice.payment_time,
    },
  });
}

const markAsPaidPermission: Permission = (ctx) => {
  if (!ctx.principal) return false;
  if (!ctx.employee) return 'Only employees can mark invoices as paid';
  return ctx.hasRole('buxgalter', 'direktor', 'dasturchi') || "You don't have permission to mark invoices as paid";
};

export const paymentViews = {
  invoices: { name: 'Invoice List', auth: 'jwt', permission: isAuthenticated, handlers: { GET: invoiceList } },
  invoice: { name: 'Invoice Detail', auth: 'jwt', permission: isAuthenticated, handlers: { GET: invoiceGet } },
  createPayment: { name: 'Create Payment', auth: 'jwt', permission: isAuthenticated, handlers: { POST: createPayment } },
  checkStatus: { name: 'Check Invoice Status', auth: 'jwt', permission: isAuthenticated, handlers: { GET: checkStatus } },
  employeeInvoices: { name: 'Employee Invoice List', auth: 'jwt', permission: isAuthenticated, handlers: { GET: employeeInvoices } },
  markAsPaid: { name: 'Mark Invoices As Paid', auth: 'jwt', permission: markAsPaidPermission, handlers: { POST: markAsPaid } },
} satisfies Record<string, View>;
