import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { press } from '../../machines/payments/buttons.js';
import { t } from '../../machines/ui/texts.js';
import { Harness, type Person } from '../harness/driver.js';
import { rowOf } from './payments-helpers.js';

const PAYMENTS = "💳 To'lovlar";
const CREATE_LINK = "💳 To'lov linkini yaratish";
const MARK_PAID = "✅ To'landi deb belgilash";
const CASH = "💵 Naqd pul bilan to'landi";
const CHECK = "🔄 To'lovni tekshirish";

/** Payment links and marking invoices paid, end to end (a fresh backend for each). */
describe('payment links and marking paid', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.stop());

  const links = () => h.backend.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/payment/create-payment/'));
  const marks = () => h.backend.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/payment/mark-as-paid/'));

  async function openInvoice(me: Person, id: number): Promise<void> {
    await me.send(PAYMENTS);
    await me.press(rowOf(id));
    expect(me.screen()).toContain(`Hisob-faktura №${id}`);
  }

  it('offers no link for a paid invoice, and refuses one without asking the backend when it was paid meanwhile', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openInvoice(me, 4);
    expect(me.screen()).toContain("Holat: ✅ To'langan");
    expect(me.buttons()).not.toContain(CREATE_LINK);
    // forged data asking for a link all the same
    await me.pressForged(press.link(4));
    expect(me.screen()).toContain("To'lov linki yaratilmadi: Bu hisob-faktura allaqachon to'langan.");
    // an open invoice's detail, paid by someone else before the button is pressed
    await openInvoice(me, 1);
    expect(me.buttons()).toContain(CREATE_LINK);
    const invoice = h.backend.db.invoices.find((i) => i.id === 1)!;
    invoice.status = 'paid';
    invoice.payment_method = 'cash';
    await me.press(CREATE_LINK);
    expect(me.screen()).toContain("To'lov linki yaratilmadi: Bu hisob-faktura allaqachon to'langan.");
    expect(me.screen()).toContain("Holat: ✅ To'langan");
    expect(me.buttons()).not.toContain(CREATE_LINK);
    expect(links()).toHaveLength(0);
  });

  it('says payment links are unavailable when the backend answers 500, and asks only once', async () => {
    const me = h.chat();
    await me.login('buxgalter');
    await openInvoice(me, 2);
    h.backend.resetLog();
    await me.press(CREATE_LINK);
    expect(me.screen()).toContain(t.payments.link.unavailable);
    expect(me.screen()).toContain('Hisob-faktura №2');
    expect(me.buttons()).not.toContain(CREATE_LINK);
    expect(links()).toHaveLength(1);
    expect(links()[0]!.status).toBe(500);
    expect(h.backend.db.invoices.find((i) => i.id === 2)!.status).toBe('created');
  });

  it('sends the link as a button under the refreshed detail, and checks the payment again when asked', async () => {
    h.backend.paymentLinks = 'working';
    const me = h.chat();
    await me.login('direktor');
    await openInvoice(me, 2);
    const detail = me.lastMessage()!;
    await me.press(CREATE_LINK);
    expect(links()).toHaveLength(1);
    // the detail, refreshed to its new status, and the link in a new message
    expect(me.now(detail)?.plain).toContain('⏳ Hisob-faktura №2');
    expect(me.now(detail)?.plain).toContain('Holat: ⏳ Kutilmoqda');
    const url = h.backend.db.invoices.find((i) => i.id === 2)!.checkout_url!;
    expect(me.screen()).toContain("To'lov linki tayyor");
    expect(me.lastMessage()!.inline_keyboard!.flat().find((b) => b.text === "💳 To'lov sahifasini ochish")?.url).toBe(url);
    await me.press(CHECK);
    expect(me.screen()).toContain('Multicard orqali tekshirildi: ⏳ Kutilmoqda.');
    // the student pays by card; asked again, the backend says so
    h.backend.payByCard(2);
    await me.press(CHECK);
    expect(me.screen()).toContain("Multicard orqali tekshirildi: ✅ To'langan.");
    expect(me.screen()).toContain('Karta: 8600****1234');
    expect(me.buttons()).toContain('🧾 Chekni ochish');
    expect(me.buttons()).not.toContain(MARK_PAID);
    expect(links()).toHaveLength(1);
  });

  it('does not let an administrator mark an invoice paid', async () => {
    const me = h.chat();
    await me.login('administrator');
    await openInvoice(me, 1);
    expect(me.buttons()).not.toContain(MARK_PAID);
    await me.pressForged(press.pay(1));
    expect(me.alerts().at(-1)).toBe(t.forbidden);
    await me.pressForged(press.confirmPaid(1, 'cash'));
    expect(me.alerts().at(-1)).toBe(t.staleButton);
    expect(marks()).toHaveLength(0);
    expect(h.backend.db.invoices.find((i) => i.id === 1)!.status).toBe('created');
  });

  it("marks an invoice paid once for a buxgalter's double tap, after a confirmation naming it and its amount", async () => {
    const me = h.chat();
    await me.login('buxgalter');
    await openInvoice(me, 1);
    await me.press(MARK_PAID);
    expect(me.screen()).toContain('Hisob-faktura №1');
    expect(me.screen()).toContain("Summa: 1 200 000 so'm");
    expect(me.screen()).toContain('Talaba: Aliyev Vali 1');
    h.backend.resetLog();
    await Promise.all([me.press(CASH), me.press(CASH)]);
    expect(marks()).toHaveLength(1);
    expect(marks()[0]!.body).toEqual({ invoice_ids: [1], payment_method: 'cash' });
    expect(me.alerts()).toContain(t.staleButton);
    expect(me.screen()).toContain("✅ Hisob-faktura №1 to'langan deb belgilandi: 1 200 000 so'm, 💵 Naqd pul.");
    expect(me.screen()).toContain("Holat: ✅ To'langan");
    expect(me.buttons()).not.toContain(MARK_PAID);
    expect(h.backend.db.invoices.find((i) => i.id === 1)).toMatchObject({ status: 'paid', payment_method: 'cash' });
  });

  it("turns the backend's refusal of an invoice paid meanwhile into Uzbek, and reads it again", async () => {
    const me = h.chat();
    await me.login('dasturchi');
    await openInvoice(me, 2);
    await me.press(MARK_PAID);
    h.backend.db.invoices.find((i) => i.id === 2)!.status = 'paid';
    await me.press("🏦 Bank o'tkazmasi bilan to'landi");
    expect(marks()).toHaveLength(1);
    expect(me.screen()).toContain("Belgilanmadi: Bu hisob-faktura allaqachon to'langan.");
    expect(me.screen()).toContain("Holat: ✅ To'langan");
  });

  /** Another employee changes this person's role; the bot reads it at the next update. */
  async function changeRole(me: Person, role: string): Promise<void> {
    const session = (await h.bot.store.getSession(me.id))!;
    h.backend.db.employees.find((e) => e.id === session.employee.id)!.role = role as never;
    await h.bot.store.setSession(me.id, { ...session, checkedAt: 0 });
  }

  it('refuses the confirmed payment of a buxgalter who became an administrator meanwhile, sending nothing', async () => {
    const me = h.chat();
    await me.login('buxgalter');
    await openInvoice(me, 1);
    await me.press(MARK_PAID);
    await changeRole(me, 'administrator');
    h.backend.resetLog();
    await me.press(CASH);
    expect(marks()).toHaveLength(0);
    expect(me.alerts()).toContain(t.forbidden);
    expect(me.screen()).toContain('Hisob-faktura №1');
    expect(me.buttons()).not.toContain(MARK_PAID);
    expect(h.backend.db.invoices.find((i) => i.id === 1)!.status).toBe('created');
  });

  it("reads the invoice again when its viewer becomes a mentor, and refuses another mentor's", async () => {
    const me = h.chat();
    const foreign = h.backend.db.invoices.find((i) => i.id === 3)!;
    foreign.checkout_url = 'https://checkout.multicard.invalid/invoice/3';
    foreign.multicard_invoice_id = '3';
    await me.login('administrator');
    await openInvoice(me, 3);
    expect(me.buttons()).toContain(CHECK);
    await changeRole(me, 'mentor');
    h.backend.resetLog();
    await me.press(CHECK);
    expect(me.botTexts().some((text) => text.includes("Rolingiz o'zgardi"))).toBe(true);
    expect(me.botTexts().at(-1)).toContain('Bu hisob-faktura sizning guruhlaringizga tegishli emas');
    expect(h.backend.requests.some((r) => r.path.includes('check-status'))).toBe(false);
  });
});
