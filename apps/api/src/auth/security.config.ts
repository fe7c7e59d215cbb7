import { join } from 'node:path';

/** Authentication and hardening settings, from the environment (README "Security and personal data"). */
export interface SecurityConfig {
  /** An external issuer (an académie's SSO): its tokens are verified against its JWKS. */
  issuer?: string;
  jwksUrl?: string;
  /** Expected `aud` of external tokens, when the issuer sets one. */
  audience?: string;
  /** `iss` of the tokens this registry signs itself (CLI, first start). */
  localIssuer: string;
  /** The local signing key (ES256), created on first start beside the log. */
  signingKeyPath: string;
  /** Requests per window and per client (token, else address); the address gets 10 times that. */
  rateLimit: number;
  rateWindowMs: number;
  /** Origins allowed to call the API from a browser; none: same origin only. */
  corsOrigins: string[];
  /** Largest JSON or form body (the CSV import streams and has its own limit). */
  bodyLimit: string;
}

export const SECURITY_CONFIG = Symbol('SecurityConfig');
export const LOCAL_ISSUER = 'urn:pix-ledger:local';

export function loadSecurityConfig(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<SecurityConfig> = {},
): SecurityConfig {
  const issuer = env.PIX_LEDGER_JWT_ISSUER || undefined;
  const jwksUrl = env.PIX_LEDGER_JWKS_URL || undefined;
  if (Boolean(issuer) !== Boolean(jwksUrl) && !overrides.issuer) {
    throw new Error('PIX_LEDGER_JWT_ISSUER and PIX_LEDGER_JWKS_URL go together: set both or none');
  }
  const bodyLimit = env.PIX_LEDGER_BODY_LIMIT ?? '256kb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) {
    throw new Error(`PIX_LEDGER_BODY_LIMIT must look like 256kb or 1mb, got "${bodyLimit}"`);
  }
  return {
    issuer,
    jwksUrl,
    audience: env.PIX_LEDGER_JWT_AUDIENCE || undefined,
    localIssuer: LOCAL_ISSUER,
    signingKeyPath: env.PIX_LEDGER_SIGNING_KEY_PATH ?? join(dataDir, 'pix-ledger.signing-key.pem'),
    rateLimit: positive(env, 'PIX_LEDGER_RATE_LIMIT', 600),
    rateWindowMs: positive(env, 'PIX_LEDGER_RATE_WINDOW_MS', 60_000),
    corsOrigins: (env.PIX_LEDGER_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    bodyLimit,
    ...overrides,
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}
