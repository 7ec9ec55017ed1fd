/**
 * The one codec for inline-button data. A button carries everything it needs (section, action,
 * id, value), so it does the right thing after a restart, a deploy or a week in the chat.
 *
 * Wire format: `1:<section>:<action>[:<id>[:<value>]]`, at most 64 bytes (Telegram's limit).
 * The leading version lets a later format coexist with buttons already in chats: data of another
 * version decodes to null and the person is told the button is out of date.
 * `:` and `%` inside a value are percent-encoded; ids are non-negative integers.
 */
export interface ButtonData {
  section: string;
  action: string;
  id?: number;
  value?: string;
}

export const CALLBACK_VERSION = '1';
export const CALLBACK_MAX_BYTES = 64;
const utf8 = new TextEncoder();

const namePattern = /^[a-z][a-z0-9_]{0,15}$/;

export function encodeButton(data: ButtonData): string {
  if (!namePattern.test(data.section) || !namePattern.test(data.action)) {
    throw new Error(`callback section/action must match ${namePattern}: ${data.section}:${data.action}`);
  }
  const parts = [CALLBACK_VERSION, data.section, data.action];
  if (data.id !== undefined || data.value !== undefined) {
    if (data.id !== undefined && (!Number.isSafeInteger(data.id) || data.id < 0)) throw new Error(`callback id must be a non-negative integer: ${data.id}`);
    parts.push(data.id === undefined ? '' : String(data.id));
  }
  if (data.value !== undefined) parts.push(data.value.replace(/%/g, '%25').replace(/:/g, '%3A'));
  const encoded = parts.join(':');
  if (utf8.encode(encoded).length > CALLBACK_MAX_BYTES) throw new Error(`callback data over ${CALLBACK_MAX_BYTES} bytes: ${encoded}`);
  return encoded;
}

/** null for anything this version did not produce: the caller answers "out of date". */
export function decodeButton(raw: string | undefined): ButtonData | null {
  if (!raw) return null;
  const parts = raw.split(':');
  if (parts.length < 3 || parts.length > 5 || parts[0] !== CALLBACK_VERSION) return null;
  const [, section = '', action = '', id, value] = parts;
  if (!namePattern.test(section) || !namePattern.test(action)) return null;
  const data: ButtonData = { section, action };
  if (id !== undefined && id !== '') {
    if (!/^\d{1,15}$/.test(id)) return null;
    data.id = Number(id);
  }
  if (value !== undefined) {
    try {
      data.value = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return data;
}
