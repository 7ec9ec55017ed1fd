import { performance } from 'node:perf_hooks';
import type { Update } from '../../test/harness/telegram-emulator.js';
import type { Rig } from './rig.js';

/** One thing a simulated employee does: type a text or press a button by its label. */
export type Step = { send: string } | { press: string | RegExp };

/** What one update cost: all of it, and the part spent waiting for the fakes. */
export interface UpdateTiming {
  totalMs: number;
  outsideMs: number;
}

export const BENCH_EMAIL = 'administrator@bimuz.local';

/** Login, the student-creation wizard, and paging through the students list. */
export function workload(password: string, chatId: number): Step[] {
  const suffix = String(chatId).padStart(7, '0').slice(-7);
  return [
    { send: '/start' },
    { send: BENCH_EMAIL },
    { send: password },
    ...creationWizard(suffix),
    { send: '👥 Talabalar' },
    { press: /Keyingi/ },
    { press: /Keyingi/ },
    { press: /Oldingi/ },
  ];
}

/** The nine updates of the student-creation wizard (kept in one place: the flow may change). */
export function creationWizard(suffix: string): Step[] {
  return [
    { send: '👥 Talabalar' },
    { press: /Yangi talaba/ },
    { send: `Bench ${lettersOf(suffix)}` },
    { send: `bench${suffix}@bimuz.local` },
    { send: `+99890${suffix}` },
    { send: `AB${suffix}` },
    { send: '15.01.2005' },
    { press: /Telegram/ },
    { press: /O'tkazib/ },
    { press: /Saqlash|Tasdiqlash/ },
  ];
}

/** Names take letters only: the chat's digits spelled as letters keep them unique. */
function lettersOf(digits: string): string {
  const letters = [...digits].map((d) => 'abcdefghij'[Number(d)]).join('');
  return letters.charAt(0).toUpperCase() + letters.slice(1);
}

function toUpdate(rig: Rig, chatId: number, step: Step): Promise<Update> {
  return 'send' in step ? rig.fakes.sendText(chatId, step.send) : rig.fakes.press(chatId, step.press);
}

/** Runs the steps of one chat one after another; returns each update's timing. */
export async function runChat(rig: Rig, chatId: number, steps: Step[], onStep?: (index: number) => Promise<void>): Promise<UpdateTiming[]> {
  const timings: UpdateTiming[] = [];
  for (const [index, step] of steps.entries()) {
    const update = await toUpdate(rig, chatId, step);
    const outsideBefore = rig.outside.telegramMs + rig.outside.backendMs;
    const start = performance.now();
    await rig.bot.handleUpdate(update);
    const totalMs = performance.now() - start;
    timings.push({ totalMs, outsideMs: rig.outside.telegramMs + rig.outside.backendMs - outsideBefore });
    await onStep?.(index);
  }
  return timings;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
