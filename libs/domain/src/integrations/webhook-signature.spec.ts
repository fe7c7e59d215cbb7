import { createHmac } from 'node:crypto';
import { secretFingerprint, signatureHeader, verifySignature } from './webhook-signature';

const secret = 'whsec_0123456789abcdef';
const body = '{"id":"e1","data":{"n":1}}';
const t = 1_795_000_000;

describe('webhook signature', () => {
  it('is an HMAC-SHA256 of "<t>.<body>" that a receiver recomputes with the secret', () => {
    const header = signatureHeader(secret, t, body);
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${expected}`);
    expect(verifySignature(header, body, secret, { nowSeconds: t + 10 })).toEqual({
      valid: true,
      timestamp: t,
    });
  });

  it('detects a changed body, another secret, a forged header and an old delivery', () => {
    const header = signatureHeader(secret, t, body);
    const now = { nowSeconds: t };
    expect(verifySignature(header, body.replace('1', '2'), secret, now)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(verifySignature(header, body, 'another-secret-000', now)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(verifySignature(header.replace(`t=${t}`, `t=${t + 1}`), body, secret, now)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(verifySignature(undefined, body, secret, now)).toEqual({
      valid: false,
      reason: 'malformed',
    });
    expect(verifySignature('t=1,v1=zz', body, secret, now)).toEqual({
      valid: false,
      reason: 'malformed',
    });
    expect(verifySignature(header, body, secret, { nowSeconds: t + 301 })).toEqual({
      valid: false,
      reason: 'stale',
    });
    expect(
      verifySignature(header, body, secret, { nowSeconds: t + 301, toleranceSeconds: 600 }).valid,
    ).toBe(true);
  });

  it('fingerprints a secret without revealing it', () => {
    expect(secretFingerprint(secret)).toMatch(/^[0-9a-f]{16}$/);
    expect(secretFingerprint(secret)).not.toBe(secretFingerprint(`${secret}x`));
  });
});
