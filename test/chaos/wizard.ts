import type { Update } from 'node-telegram-bot-api';
import type { BackendSimulator } from '../harness/backend-simulator.js';
import type { EmulatedMessage, TelegramEmulator } from '../harness/telegram-emulator.js';

/** One thing the person does, and what the bot's newest message says once it has been handled. */
export interface Step {
  /** text to send, or the label of a button to press on the newest bot message that has it */
  send?: string;
  press?: string;
  expect: string;
}

/** An administrator logs in: 3 updates. */
function administratorLogin(backend: BackendSimulator): Step[] {
  const admin = 'administrator@bimuz.local';
  return [
    { send: '/start', expect: 'email manzilingizni' },
    { send: admin, expect: 'Parolingizni yuboring' },
    { send: backend.passwordOf(admin), expect: 'Xush kelibsiz' },
  ];
}

/** An administrator logs in and creates one student: 13 updates, each answered by a new screen. */
export function loginAndCreate(backend: BackendSimulator, chatId: number): { steps: Step[]; email: string } {
  const email = `chaos.${chatId}@gmail.com`;
  const digits = String(chatId % 10_000_000).padStart(7, '0');
  return {
    email,
    steps: [
      ...administratorLogin(backend),
      { send: '👥 Talabalar', expect: 'Sahifa' },
      { press: '➕ Yangi talaba', expect: '1/7' },
      { send: 'Chaosov Sinov', expect: '2/7' },
      { send: email, expect: '3/7' },
      { send: `90 ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5, 7)}`, expect: '4/7' },
      { send: `AK${digits}`, expect: '5/7' },
      { send: '01.02.2003', expect: '6/7' },
      { press: '📷 Instagram', expect: '7/7' },
      { press: "⏭ O'tkazib yuborish", expect: 'Chaosov Sinov' },
      { press: '✅ Saqlash', expect: "ro'yxatiga qo'shildi" },
    ],
  };
}

/** An administrator logs in and creates one group whose price is the chat's own: 14 updates. */
export function loginAndCreateGroup(backend: BackendSimulator, chatId: number): { steps: Step[]; price: number } {
  const price = 1_000_000 + (chatId % 1_000_000);
  return {
    price,
    steps: [
      ...administratorLogin(backend),
      { send: '📚 Guruhlar', expect: 'Sahifa' },
      { press: '➕ Yangi guruh', expect: '1/8' },
      { press: 'Tekla Structure', expect: '2/8' },
      { press: 'Seshanba, Payshanba, Shanba', expect: '3/8' },
      { send: '9:30', expect: '4/8' },
      { send: '15.01.2027', expect: '5/8' },
      { send: '12', expect: '6/8' },
      { send: String(price), expect: '7/8' },
      { send: '48', expect: '8/8' },
      { press: 'Mentor Testov', expect: 'Mentor: Mentor Testov' },
      { press: '✅ Saqlash', expect: 'Guruh yaratildi' },
    ],
  };
}

function botMessages(telegram: TelegramEmulator, chatId: number): EmulatedMessage[] {
  return telegram.visibleMessages(chatId).filter((m) => m.from === 'bot');
}

/** The update the step makes (the emulator records the person's message or press). */
export function makeUpdate(telegram: TelegramEmulator, chatId: number, step: Step): Promise<Update> {
  if (step.send !== undefined) return telegram.sendText(chatId, step.send);
  const messages = botMessages(telegram, chatId).reverse();
  for (const message of messages) {
    const button = message.inline_keyboard?.flat().find((b) => b.text === step.press && b.callback_data);
    if (button) return telegram.pressButton(chatId, message.message_id, button.callback_data!);
  }
  throw new Error(`chat ${chatId}: no button ${step.press}`);
}

/** Whether the bot has answered the step: some bot message sent or edited since shows its text. */
export function answered(telegram: TelegramEmulator, chatId: number, step: Step): boolean {
  const last = botMessages(telegram, chatId).slice(-3);
  return last.some((m) => (m.plain ?? '').includes(step.expect));
}
