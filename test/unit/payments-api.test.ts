import { beforeEach, describe, expect, it } from 'vitest';
import { BackendError } from '../../api/errors.js';
import * as payments from '../../api/payments.js';
import { BackendSimulator } from '../harness/backend-simulator.js';
import { clientLoggedInAs } from '../harness/api-client.js';

const as = clientLoggedInAs;

const invoiceCalls = (sim: BackendSimulator) => sim.requests.filter((r) => r.path === '/api/v1/payment/employee-invoices/');

describe('the invoice list', () => {
  let sim: BackendSimulator;
  beforeEach(() => {
    sim = new BackendSimulator();
  });

  it('pages 45 invoices through the backend with the real total, never sending ordering', async () => {
    for (const student of sim.addStudents(40)) sim.addInvoice({ student: student.id, group: 1 });
    const api = await as(sim, 'buxgalter');
    const third = await payments.listInvoices(api, { scope: { kind: 'all', search: null }, status: null, page: 3 });
    expect(third).toMatchObject({ count: 45, page: 3, pages: 3, complete: true });
    expect(third.invoices.map((row) => row.id)).toEqual([5, 4, 3, 2, 1]);
    expect(third.invoices[0]).toEqual({ id: 5, studentName: 'Toshmatov Bekzod', amount: 1_600_000, status: 'cancelled' });
    expect(invoiceCalls(sim).map((r) => r.query)).toEqual([{ page: '3' }]);
  });

  it('sends search and status together, and only the backend statuses', async () => {
    const api = await as(sim, 'buxgalter');
    const page = await payments.listInvoices(api, { scope: { kind: 'all', search: 'toshmatov' }, status: 'paid', page: 1 });
    expect(page.invoices.map((row) => row.id)).toEqual([4]);
    await payments.listInvoices(api, { scope: { kind: 'all', search: null }, status: 'refunded', page: 1 });
    expect(invoiceCalls(sim).map((r) => r.query)).toEqual([{ search: 'toshmatov', status: 'paid' }, {}]);
  });

  it('falls back to the last page when the asked one no longer exists', async () => {
    const api = await as(sim, 'buxgalter');
    const page = await payments.listInvoices(api, { scope: { kind: 'all', search: null }, status: null, page: 4 });
    expect(page).toMatchObject({ count: 5, page: 1, pages: 1 });
  });

  it("lists one student's invoices by their phone, a '+' included, keeping only theirs", async () => {
    const api = await as(sim, 'buxgalter');
    const page = await payments.listInvoices(api, { scope: { kind: 'student', id: 4 }, status: null, page: 1 });
    expect(page).toMatchObject({ count: 2, scopeName: 'Toshmatov Bekzod', complete: true });
    expect(page.invoices.map((row) => row.id)).toEqual([5, 4]);
    expect(invoiceCalls(sim).map((r) => r.query)).toEqual([{ search: '+998901234504' }]);
  });

  it("lists one group's invoices through its speciality, keeping only that group's rows, paginated by the bot", async () => {
    // group 2 and group 6 are both revit_structure
    for (const student of sim.addStudents(22)) sim.addInvoice({ student: student.id, group: 2 });
    sim.addInvoice({ student: 1, group: 6 });
    const api = await as(sim, 'direktor');
    const first = await payments.listInvoices(api, { scope: { kind: 'group', id: 2 }, status: null, page: 1 });
    expect(first).toMatchObject({ count: 25, page: 1, pages: 2, scopeName: 'Revit Structure - Seshanba - Payshanba - Shanba (#2)' });
    const second = await payments.listInvoices(api, { scope: { kind: 'group', id: 2 }, status: 'paid', page: 2 });
    expect(second).toMatchObject({ count: 1, page: 1, pages: 1 });
    expect(invoiceCalls(sim).map((r) => r.query.search)).toEqual(['revit_structure', 'revit_structure', 'revit_structure']);
  });
});

describe('opening an invoice', () => {
  it('reads all of the student\'s invoices for that group over every page, and the group price', async () => {
    const sim = new BackendSimulator();
    const [student] = sim.addStudents(1);
    const first = sim.addInvoice({ student: student!.id, group: 1, status: 'paid' });
    for (const other of sim.addStudents(25)) sim.addInvoice({ student: other.id, group: 1 });
    // the same phone in another group must not count
    sim.addInvoice({ student: student!.id, group: 3, status: 'paid' });
    const second = sim.addInvoice({ student: student!.id, group: 1, status: 'paid' });
    const third = sim.addInvoice({ student: student!.id, group: 1 });
    // a phone search that matches 25 rows: more than a page
    for (const other of sim.db.students.filter((s) => s.id !== student!.id && s.id > 5)) other.phone = `${student!.phone}${other.id}`;
    const api = await as(sim, 'buxgalter');
    const facts = await payments.getInvoiceFacts(api, third.id);
    expect(facts.groupPrice).toBe(2_400_000);
    expect(facts.related?.map((row) => row.id).sort((a, b) => a - b)).toEqual([first.id, second.id, third.id]);
    expect(invoiceCalls(sim).map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  });

  it('gives no related rows and no price when those queries fail, but the invoice all the same', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'buxgalter');
    sim.faults.push(
      { fault: 'http500', path: /\/payment\/employee-invoices\/$/, times: 5 },
      { fault: 'http500', path: /\/education\/groups\//, times: 5 },
    );
    const facts = await payments.getInvoiceFacts(api, 4);
    expect(facts).toMatchObject({ invoice: { id: 4, status: 'paid', studentPhone: '+998901234504' }, related: null, groupPrice: null });
  });

  it("shows a mentor's own list without another mentor's invoice (the detail itself is not filtered)", async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'mentor');
    const facts = await payments.getInvoiceFacts(api, 3);
    expect(facts.invoice.id).toBe(3);
    expect(facts.related).toEqual([]);
    expect(facts.groupPrice).toBeNull();
  });
});

describe('writes', () => {
  it('asks for a payment link once when the backend answers 500, and reports a server failure', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'buxgalter');
    await expect(payments.createPaymentLink(api, 2)).rejects.toMatchObject({ kind: 'server' });
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('gets the link and a pending invoice when Multicard works', async () => {
    const sim = new BackendSimulator();
    sim.paymentLinks = 'working';
    const api = await as(sim, 'buxgalter');
    const link = await payments.createPaymentLink(api, 2);
    expect(link.checkoutUrl).toMatch(/^https:\/\/checkout\.multicard\.invalid\/invoice\//);
    expect((await payments.getInvoice(api, 2)).status).toBe('pending');
    await expect(payments.createPaymentLink(api, 4)).rejects.toMatchObject({ kind: 'validation', message: "Bu hisob-faktura allaqachon to'langan." });
  });

  it('refuses a link for a paid or cancelled invoice without asking the backend for one', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'buxgalter');
    await expect(payments.requestPaymentLink(api, 4)).rejects.toMatchObject({ kind: 'validation', message: "Bu hisob-faktura allaqachon to'langan." });
    await expect(payments.requestPaymentLink(api, 5)).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/bekor qilingan/) });
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await expect(payments.requestPaymentLink(api, 2)).rejects.toMatchObject({ kind: 'server' });
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('says in Uzbek that Multicard is not configured (262)', async () => {
    const sim = new BackendSimulator();
    sim.paymentLinks = 'unconfigured';
    const api = await as(sim, 'buxgalter');
    await expect(payments.createPaymentLink(api, 2)).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/Multicard/) });
  });

  it('never sends a write twice, even when a proxy fails it', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'buxgalter');
    sim.down = true;
    await expect(payments.markInvoicePaid(api, 2, 'cash')).rejects.toBeInstanceOf(BackendError);
    await expect(payments.createPaymentLink(api, 2)).rejects.toBeInstanceOf(BackendError);
    expect(sim.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    // a read is asked again once
    await expect(payments.getInvoice(api, 2)).rejects.toBeInstanceOf(BackendError);
    expect(sim.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('marks an invoice paid, and turns the refusals into Uzbek', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'buxgalter');
    expect(await payments.markInvoicePaid(api, 2, 'bank_transfer')).toEqual({ updated: 1 });
    expect(sim.db.invoices.find((i) => i.id === 2)).toMatchObject({ status: 'paid', payment_method: 'bank_transfer' });
    await expect(payments.markInvoicePaid(api, 2, 'cash')).rejects.toMatchObject({ kind: 'validation', message: "Bu hisob-faktura allaqachon to'langan." });
    await expect(payments.markInvoicePaid(api, 9999, 'cash')).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/topilmadi/) });
    const admin = await as(sim, 'administrator');
    await expect(payments.markInvoicePaid(admin, 1, 'cash')).rejects.toMatchObject({
      kind: 'forbidden',
      message: "To'lovni belgilash faqat buxgalter, direktor va dasturchiga ruxsat etilgan.",
    });
  });

  it('checks a payment: no link yet (400), Multicard unavailable (500), or its status when it works', async () => {
    const sim = new BackendSimulator();
    const api = await as(sim, 'buxgalter');
    expect(await payments.checkPayment(api, 1)).toEqual({ outcome: 'noLink' });
    const invoice = sim.db.invoices.find((i) => i.id === 3)!;
    invoice.multicard_invoice_id = '3';
    expect(await payments.checkPayment(api, 3)).toEqual({ outcome: 'unavailable' });
    sim.paymentLinks = 'working';
    expect(await payments.checkPayment(api, 3)).toEqual({ outcome: 'checked', status: 'pending' });
    await expect(payments.checkPayment(api, 9999)).rejects.toMatchObject({ kind: 'notFound' });
  });
});
