import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { formatScope, type Scope } from '../principal';
import type { LocalSigningKey } from './local-signing-key';

export interface LocalTokenRequest {
  subject: string;
  scopes: Scope[];
  /** Lifetime in seconds. */
  expiresInSeconds: number;
}

/** Signs a registry token (CLI `token create`, the first-start admin token). */
export function signLocalToken(
  key: LocalSigningKey,
  issuer: string,
  request: LocalTokenRequest,
  now: Date = new Date(),
): string {
  if (!/^[\w.@:+-]{1,200}$/.test(request.subject))
    throw new Error('the subject must be 1 to 200 letters, digits or . _ @ : + -');
  if (request.scopes.length === 0) throw new Error('a token needs at least one scope');
  if (!(Number.isInteger(request.expiresInSeconds) && request.expiresInSeconds > 0))
    throw new Error('the lifetime must be a positive number of seconds');
  const iat = Math.floor(now.getTime() / 1000);
  return jwt.sign(
    {
      sub: request.subject,
      scope: request.scopes.map(formatScope).join(' '),
      iat,
      exp: iat + request.expiresInSeconds,
      jti: randomUUID(),
    },
    key.privateKey,
    { algorithm: 'ES256', issuer, keyid: key.keyId },
  );
}

/** `30d`, `12h`, `90m`, `3600s` or plain seconds -> seconds. */
export function parseLifetime(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match)
    throw new Error(`--expires takes a lifetime like 30d, 12h, 90m or 3600s, got "${text}"`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds < 1 || seconds > 5 * 366 * 86400)
    throw new Error('--expires must be between 1 second and 5 years');
  return seconds;
}
