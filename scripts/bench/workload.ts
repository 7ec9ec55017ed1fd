import { performance } from 'node:perf_hooks';
import type { Update } from '../../test/harness/telegram-emulator.js';
import type { Rig } from './rig.js';

/** One thing a simulated employee does: type a text or press a button by its label. */
export type Step = { send: string } | { press: string | RegExp };

/** What one update cost: all of it, and the part spent outside the engine (fakes). */
export interface UpdateTiming {
  totalMs: number;
  outsideMs: number;
}

/** Login, the student-creation wizard, and paging through the students list. */
export function workload(rig: Rig, chatId: number): Step[] {
  const email = 'administrator@bimuz.local';
  const suffix = String(chatId).padStart(7, '0').slice(-7);
  return [
    { send: '/start' },
    { send: email },
    { send: rig.backend.passwordOf(email) },
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
  if ('send' in step) return rig.telegram.sendText(chatId, step.send);
  const messages = rig.telegram.visibleMessages(chatId);
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i]!;
    if (message.from !== 'bot' || !message.inline_keyboard) continue;
    for (const row of message.inline_keyboard) {
      for (const button of row) {
        const match = typeof step.press === 'string' ? button.text === step.press : step.press.test(button.text);
        if (match && button.callback_data) return rig.telegram.pressButton(chatId, message.message_id, button.callback_data);
      }
    }
  }
  const last = messages.filter((m) => m.from === 'bot').at(-1);
  throw new Error(`chat ${chatId}: no button ${String(step.press)}; the screen is:\n${last?.plain ?? '(none)'}`);
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
    await rig.confirmUpdates(update);
    await onStep?.(index);
  }
  return timings;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
