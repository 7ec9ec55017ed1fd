import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BackendSimulator, type PaymentLinkMode } from './backend-simulator.js';

/**
 * The simulator's switch for `payment/create-payment/`: each mode answers like the captures of
 * that backend (190 as captured, 262 without Multicard credentials — replayed with the others in
 * backend-simulator.test.ts —, 266 with Multicard answering), whatever `intended` says; by default
 * it follows `intended`.
 */
const CAPTURES = fileURLToPath(new URL('../../../shared/reference/bimuz-api/captures', import.meta.url));

interface Capture {
  request: { body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

function capture(prefix: string): Capture {
  const file = readFileSync(`${CAPTURES}/INDEX.tsv`, 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[0] ?? '')
    .find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`no capture ${prefix}`);
  return JSON.parse(readFileSync(`${CAPTURES}/${file}`, 'utf8')) as Capture;
}

async function createPayment(sim: BackendSimulator, body: unknown) {
  const token = sim.accessTokenFor('buxgalter@bimuz.local');
  const response = await sim.fetch('http://127.0.0.1:8000/api/v1/payment/create-payment/', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, json: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

describe.skipIf(!existsSync(`${CAPTURES}/INDEX.tsv`))('create-payment, switchable', () => {
  const cases: Array<{ mode: PaymentLinkMode; intended: boolean; file: string }> = [
    { mode: 'broken', intended: true, file: '190' },
    { mode: 'working', intended: false, file: '266' },
  ];
  for (const { mode, intended, file } of cases) {
    it(`answers like ${file} in mode '${mode}' (intended ${intended})`, async () => {
      const sim = new BackendSimulator();
      sim.intended = intended;
      sim.paymentLinks = mode;
      const expected = capture(file);
      const actual = await createPayment(sim, expected.request.body);
      expect(actual.status).toBe(expected.response.status);
      expect(actual.type).toBe(expected.response.headers['Content-Type']);
      if (mode === 'broken') expect(actual.text).toBe(expected.response.body);
      else {
        expect(actual.json).toMatchObject({ success: true, message: 'Payment link created successfully' });
        expect(Object.keys(actual.json.data).sort()).toEqual(Object.keys((expected.response.body as { data: object }).data).sort());
      }
    });
  }

  it('follows intended by default, and refuses paid and cancelled invoices before Multicard when configured', async () => {
    const captured = new BackendSimulator();
    expect((await createPayment(captured, { invoice_id: 2 })).status).toBe(500);
    const intended = new BackendSimulator();
    intended.intended = true;
    expect((await createPayment(intended, { invoice_id: 2 })).status).toBe(200);
    const unconfigured = new BackendSimulator();
    unconfigured.paymentLinks = 'unconfigured';
    expect((await createPayment(unconfigured, { invoice_id: 4 })).json).toEqual({ success: false, message: 'Invoice is already paid.' });
    expect((await createPayment(unconfigured, { invoice_id: 5 })).json).toEqual({ success: false, message: 'Invoice is cancelled.' });
    expect(unconfigured.db.invoices.find((i) => i.id === 2)?.status).toBe('created');
  });

  it("pays through the link as Multicard's callback does", () => {
    const sim = new BackendSimulator();
    const invoice = sim.payByCard(2);
    expect(invoice).toMatchObject({ status: 'paid', payment_method: 'uzcard', card_pan: '8600****1234' });
    expect(invoice.receipt_url).toMatch(/^https:\/\//);
  });
});
