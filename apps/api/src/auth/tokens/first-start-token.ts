import type { INestApplication } from '@nestjs/common';
import { SECURITY_CONFIG, type SecurityConfig } from '../security.config';
import type { LocalSigningKey } from './local-signing-key';
import { signLocalToken } from './local-tokens';
import { LOCAL_SIGNING_KEY } from './token-verifier';

const FIRST_TOKEN_LIFETIME_SECONDS = 90 * 86400;

/**
 * On the very first start (the signing key was just created) one national token is printed,
 * once, as Jupyter does, so that the Quick start works in one command. It is written to the
 * terminal only, never through the logger, and never again: more come from `token create`.
 */
export function firstStartMessage(app: INestApplication, url: string): string | undefined {
  const key = app.get<LocalSigningKey>(LOCAL_SIGNING_KEY);
  if (!key.created) return undefined;
  const security = app.get<SecurityConfig>(SECURITY_CONFIG);
  const token = signLocalToken(key, security.localIssuer, {
    subject: 'first-admin',
    scopes: [{ kind: 'national' }],
    expiresInSeconds: FIRST_TOKEN_LIFETIME_SECONDS,
  });
  return [
    '',
    'First start: an administrator token (national, 90 days) was created. It is shown this once:',
    '',
    `    ${url}/#token=${token}`,
    '',
    `    export PIX_LEDGER_TOKEN=${token}`,
    '',
    'Open the link for the console, or send the token as "Authorization: Bearer $PIX_LEDGER_TOKEN".',
    'More tokens: npm run cli -- token create --role national --expires 30d (README, "Security").',
    '',
  ].join('\n');
}
