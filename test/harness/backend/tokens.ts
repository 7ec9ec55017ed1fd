/**
 * simplejwt as the backend configures it (access 1 h, refresh 7 days, rotation on, blacklist app not
 * installed), reduced to a server-side table: tokens look like HS256 JWTs so clients may decode
 * `exp`, but only what this table issued is accepted.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

export type TokenType = 'access' | 'refresh';
export type Subject = { kind: 'employee' | 'student'; id: number };

interface Issued {
  subject: Subject;
  type: TokenType;
  expMs: number;
  /** set by the test controls; natural expiry is checked against Date.now() */
  expired: boolean;
}

export const ACCESS_LIFETIME_MS = 3600_000;
export const REFRESH_LIFETIME_MS = 7 * 86_400_000;

export type TokenCheck =
  | { ok: true; subject: Subject }
  | { ok: false; message: 'Token is invalid' | 'Token is expired' | 'Token has wrong type' };

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export class TokenTable {
  private readonly issued = new Map<string, Issued>();
  private readonly secret = randomBytes(32);

  issue(subject: Subject, type: TokenType): string {
    const nowMs = Date.now();
    const expMs = nowMs + (type === 'access' ? ACCESS_LIFETIME_MS : REFRESH_LIFETIME_MS);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        token_type: type,
        exp: Math.floor(expMs / 1000),
        iat: Math.floor(nowMs / 1000),
        jti: randomUUID().replace(/-/g, ''),
        // the user id claim is a string in simplejwt 5.5; students get an offset so ids never collide
        user_id: String(subject.kind === 'employee' ? subject.id : 100_000 + subject.id),
      }),
    );
    const signature = b64url(createHmac('sha256', this.secret).update(`${header}.${payload}`).digest());
    const token = `${header}.${payload}.${signature}`;
    this.issued.set(token, { subject, type, expMs, expired: false });
    return token;
  }

  pair(subject: Subject): { refresh: string; access: string } {
    return { refresh: this.issue(subject, 'refresh'), access: this.issue(subject, 'access') };
  }

  /** The order simplejwt checks in: decodable, then expiry, then token type. */
  check(token: string, expected: TokenType): TokenCheck {
    const entry = this.issued.get(token);
    if (!entry) return { ok: false, message: 'Token is invalid' };
    if (entry.expired || entry.expMs <= Date.now()) return { ok: false, message: 'Token is expired' };
    if (entry.type !== expected) return { ok: false, message: 'Token has wrong type' };
    return { ok: true, subject: entry.subject };
  }

  expireAll(type: TokenType): void {
    for (const entry of this.issued.values()) if (entry.type === type) entry.expired = true;
  }
}
