import type { Person } from '../harness/driver.js';

/** The invoice rows of the list on screen: `✅ №12 · Aliyev Vali · 1 250 000 so'm`. */
export const invoiceRows = (me: Person): string[] => me.buttons().filter((label) => /^\S+ №\d+ · /.test(label));

/** The row button of one invoice, whatever its status, student and amount. */
export const rowOf = (id: number): RegExp => new RegExp(`^\\S+ №${id} · `);
