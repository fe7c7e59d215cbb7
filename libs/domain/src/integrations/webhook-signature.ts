import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, shared by the sender and by receivers written in TypeScript.
 * Header: `Pix-Ledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * Signing the timestamp with the body lets a receiver refuse an old delivery replayed
 * by someone who captured it. Time is passed in: this module reads no clock.
 */
export const SIGNATURE_HEADER = 'Pix-Ledger-Signature';
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

export type SignatureCheck =
  { valid: true; timestamp: number } | { valid: false; reason: 'malformed' | 'stale' | 'mismatch' };

/** The documented receiver check: well-formed header, fresh timestamp, matching HMAC. */
export function verifySignature(
  header: string | undefined,
  body: string,
  secret: string,
  options: { nowSeconds: number; toleranceSeconds?: number },
): SignatureCheck {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) {
    return { valid: false, reason: 'malformed' };
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(options.nowSeconds - timestamp) > tolerance)
    return { valid: false, reason: 'stale' };
  const expected = Buffer.from(signatureOf(secret, timestamp, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) {
    return { valid: false, reason: 'mismatch' };
  }
  return { valid: true, timestamp };
}

/** What the log keeps of a secret: enough to tell which one is in use, not to sign. */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}
