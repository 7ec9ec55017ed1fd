import { roleName } from '../../machines/ui/employees-screens.js';
import type { Harness, Person } from '../harness/driver.js';

export const MENU_LABEL = '👨‍💼 Xodimlar';

/** The label of an employee's row button, from the simulator's data. */
export function rowOf(h: Harness, email: string): string {
  const employee = h.backend.db.employees.find((x) => x.email === email);
  if (!employee) throw new Error(`no employee ${email}`);
  return `${employee.is_active ? '' : '🚫 '}${employee.full_name} · ${roleName(employee.role)}`;
}

/** Opens the section and, by searching their email, the employee's detail. */
export async function openEmployee(me: Person, h: Harness, email: string): Promise<void> {
  await me.send(MENU_LABEL);
  await me.send(email);
  await me.press(rowOf(h, email));
}

/**
 * Sends a password as the person would, and tells whether its message was deleted before the bot
 * showed or changed anything else (the emulator records every call in order).
 */
export async function sendPassword(me: Person, h: Harness, password: string): Promise<{ deleted: boolean; deletedFirst: boolean }> {
  const from = h.telegram.calls.length;
  await me.send(password);
  const message = h.telegram.messages(me.id).filter((m) => m.from === 'user').at(-1)!;
  const visible = h.telegram.calls
    .slice(from)
    .filter((c) => c.params.chat_id === me.id || Number(c.params.chat_id) === me.id)
    .filter((c) => ['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'deleteMessage'].includes(c.method));
  const first = visible[0];
  return {
    deleted: message.text === password && message.deleted,
    deletedFirst: first?.method === 'deleteMessage' && Number(first.params.message_id) === message.message_id,
  };
}

/**
 * Opens the employee's detail and leaves it in the chat as it is (the next screens come as new
 * messages), to press its buttons later as an old message.
 */
export async function openCopy(me: Person, h: Harness, email: string) {
  await openEmployee(me, h, email);
  const detail = me.lastMessage()!;
  await me.send(MENU_LABEL);
  return detail;
}
