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

/** UTF-8 length of a string, without encoding it (a lone surrogate counts as the 3 bytes of U+FFFD). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 4 bytes for 2 code units
      i += 1;
    } else bytes += 2;
  }
  return bytes;
}

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
  if (utf8Length(encoded) > CALLBACK_MAX_BYTES) throw new Error(`callback data over ${CALLBACK_MAX_BYTES} bytes: ${encoded}`);
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
