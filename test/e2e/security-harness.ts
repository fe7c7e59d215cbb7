import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock } from '@pix-ledger/event-store';
import { parseScopes } from '../../apps/api/src/auth/principal';
import type { SecurityConfig } from '../../apps/api/src/auth/security.config';
import type { LocalSigningKey } from '../../apps/api/src/auth/tokens/local-signing-key';
import { signLocalToken } from '../../apps/api/src/auth/tokens/local-tokens';
import { LOCAL_SIGNING_KEY } from '../../apps/api/src/auth/tokens/token-verifier';
import { createApp } from '../../apps/api/src/bootstrap';
import type { AppConfig } from '../../apps/api/src/config';

export type Agent = ReturnType<typeof request.agent>;

export interface SecureTestApp {
  app: INestApplication;
  clock: FixedClock;
  dataDir: string;
  /** A bearer token signed by the app's local key: `scopes` as in the token's `scope` claim. */
  token(scopes: string, subject?: string): string;
  /** An agent sending that token with every request. */
  as(scopes: string, subject?: string): Agent;
  /** National (administrator) agent. */
  http: Agent;
  /** No token at all. */
  anonymous: Agent;
  close(): Promise<void>;
}

/** The real app with access control on, on a fresh (or given) embedded store. */
export async function startSecureTestApp(
  options: {
    now?: string;
    dataDir?: string;
    security?: Partial<SecurityConfig>;
    keep?: boolean;
  } = {},
): Promise<SecureTestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pix-ledger-sec-'));
  const config: AppConfig = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    eventStore: { adapter: 'sqlite', path: join(dataDir, 'pix-ledger.db') },
    security: { rateLimit: 1_000_000, ...options.security },
  };
  const clock = new FixedClock(new Date(options.now ?? '2026-11-22T08:00:00.000Z'));
  // The app exactly as main.ts builds it: access control on.
  const app = await createApp(config, { clock, logger: false });
  await app.init();
  const key = app.get<LocalSigningKey>(LOCAL_SIGNING_KEY);
  const token = (scopes: string, subject = scopes.replace(/[^\w.@:+-]/g, '_')) =>
    signLocalToken(key, 'urn:pix-ledger:local', {
      subject,
      scopes: parseScopes(scopes),
      expiresInSeconds: 3600,
    });
  const server = app.getHttpServer();
  const as = (scopes: string, subject?: string) =>
    request.agent(server).set('Authorization', `Bearer ${token(scopes, subject)}`);
  return {
    app,
    clock,
    dataDir,
    token,
    as,
    http: as('national', 'test-admin'),
    anonymous: request.agent(server),
    close: async () => {
      await app.close();
      if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
