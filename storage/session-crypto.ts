import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Session } from './types.js';

const PREFIX = 'gcm1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * How a session, a chat's snapshot and its waiting updates are written to Redis. With a key
 * (`SESSION_KEY`, 32 bytes), the access and refresh tokens are encrypted with AES-256-GCM, each
 * with a random 96-bit nonce and the person's user id as associated data (a token copied to
 * another person's key does not decrypt); the employee and the times stay readable for operators.
 * A chat's snapshot and the updates waiting in its inbox (what a person typed: a new employee's
 * password until it is registered, a student's passport) are sealed whole the same way, with the
 * chat id as associated data. Without a key everything is stored as it is.
 *
 * A token that does not decrypt (another key, a tampered value) makes the session unreadable:
 * the person is asked to log in again. A plain token read while a key is set (written before the
 * key was) is accepted and encrypted at the next write.
 */
export class SessionCodec {
  constructor(private readonly key?: Buffer) {
    if (key && key.length !== 32) throw new Error('the session key must be 32 bytes');
  }

  get encrypting(): boolean {
    return this.key !== undefined;
  }

  encode(userId: number, session: Session): string {
    if (!this.key) return JSON.stringify(session);
    return JSON.stringify({ ...session, access: this.seal(userId, session.access), refresh: this.seal(userId, session.refresh) });
  }

  /** A chat's snapshot or an update of its inbox, as stored. */
  sealText(chatId: number, text: string): string {
    return this.key ? this.seal(chatId, text) : text;
  }

  /** What `sealText` stored (a value stored before the key was set is read as it is). */
  openText(chatId: number, value: string): string {
    return this.open(chatId, value);
  }

  /** The session, or null when it cannot be read (then it counts as absent). */
  decode(userId: number, raw: string | null): Session | null {
    if (!raw) return null;
    try {
      const stored = JSON.parse(raw) as Session;
      return { ...stored, access: this.open(userId, stored.access), refresh: this.open(userId, stored.refresh) };
    } catch {
      return null;
    }
  }

  private seal(userId: number, token: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key!, iv);
    cipher.setAAD(Buffer.from(String(userId)));
    const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  private open(userId: number, value: string): string {
    if (!value.startsWith(PREFIX)) return value;
    if (!this.key) throw new Error('an encrypted token, and no session key');
    const bytes = Buffer.from(value.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(String(userId)));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
