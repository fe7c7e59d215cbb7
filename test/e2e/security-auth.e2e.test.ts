import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_ISSUER } from '../../apps/api/src/auth/security.config';
import { firstStartMessage } from '../../apps/api/src/auth/tokens/first-start-token';
import type { LocalSigningKey } from '../../apps/api/src/auth/tokens/local-signing-key';
import { signLocalToken } from '../../apps/api/src/auth/tokens/local-tokens';
import { LOCAL_SIGNING_KEY } from '../../apps/api/src/auth/tokens/token-verifier';
import { REIMS_LYCEE } from '../fixtures/certification';
import { type SecureTestApp, startSecureTestApp } from './security-harness';

const ESTABLISHMENT = {
  uai: REIMS_LYCEE,
  name: 'Lycée Clemenceau',
  type: 'LGT',
  sector: 'public',
  academie: '19',
};

describe('Security: authentication, actors, headers, limits', () => {
  let t: SecureTestApp;
  let store: EventStore;
  let jwks: Server;
  const sso = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ssoIssuer = 'https://sso.ac-reims.example/realms/edu';

  beforeAll(async () => {
    jwks = createServer((_, res) => {
      const jwk = {
        ...sso.publicKey.export({ format: 'jwk' }),
        kid: 'reims-1',
        use: 'sig',
        alg: 'RS256',
      };
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startSecureTestApp({
      security: {
        issuer: ssoIssuer,
        jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
        audience: 'pix-ledger',
        corsOrigins: ['https://console.ac-reims.example'],
      },
    });
    store = t.app.get(EVENT_STORE);
    await t.http.post('/establishments').send(ESTABLISHMENT).expect(201);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('answers 401 without a token, with a bad one, an expired one or one signed elsewhere', async () => {
    const unauthorised = async (authorization: string | undefined, reason: RegExp) => {
      const call = t.anonymous.get('/texts');
      if (authorization) call.set('Authorization', authorization);
      const res = await call.expect(401);
      expect(res.body.message.join(' ')).toMatch(reason);
      expect(JSON.stringify(res.body)).not.toContain('eyJ');
    };
    await unauthorised(undefined, /bearer token/);
    await unauthorised('Basic dXNlcjpwYXNz', /bearer token/);
    await unauthorised('Bearer not-a-jwt', /bearer token/);
    const local = t.token('national');
    const [header, payload] = local.split('.');
    await unauthorised(`Bearer ${header}.${payload}.AAAA`, /signature or claims/);
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = jwt.sign({ sub: 'mallory', scope: 'national' }, stranger.privateKey, {
      algorithm: 'ES256',
      issuer: 'urn:pix-ledger:local',
      expiresIn: 60,
    });
    await unauthorised(`Bearer ${forged}`, /signature or claims/);
    const unknownIssuer = jwt.sign({ sub: 'x', scope: 'national' }, stranger.privateKey, {
      algorithm: 'ES256',
      issuer: 'https://elsewhere.example',
      expiresIn: 60,
    });
    await unauthorised(`Bearer ${unknownIssuer}`, /does not trust/);
    const expired = jwt.sign(
      { sub: 'late', scope: 'national', exp: Math.floor(Date.now() / 1000) - 10 },
      sso.privateKey,
      { algorithm: 'RS256', issuer: ssoIssuer, audience: 'pix-ledger', keyid: 'reims-1' },
    );
    await unauthorised(`Bearer ${expired}`, /expired/);
    const noScope = jwt.sign({ sub: 'x' }, sso.privateKey, {
      algorithm: 'RS256',
      issuer: ssoIssuer,
      audience: 'pix-ledger',
      keyid: 'reims-1',
      expiresIn: 60,
    });
    await unauthorised(`Bearer ${noScope}`, /scope/);
  });

  it('a token accepted once stops being accepted when it expires (verified tokens are cached)', async () => {
    const key = t.app.get<LocalSigningKey>(LOCAL_SIGNING_KEY);
    const short = signLocalToken(key, LOCAL_ISSUER, {
      subject: 'brief',
      scopes: [{ kind: 'national' }],
      expiresInSeconds: 1,
    });
    const call = () => t.anonymous.get('/texts').set('Authorization', `Bearer ${short}`);
    await call().expect(200);
    await call().expect(200);
    await sleep(2100);
    expect((await call().expect(401)).body.message.join(' ')).toMatch(/expired/);
  });

  it('/health, /docs and the console page are public', async () => {
    await t.anonymous.get('/health').expect(200);
    await t.anonymous.get('/docs-json').expect(200);
    await t.anonymous.get('/docs/asyncapi.json').expect(200);
    const home = await t.anonymous.get('/');
    expect([200, 503]).toContain(home.status);
  });

  it("verifies an académie SSO's token against its JWKS and writes its subject into the events", async () => {
    const ssoToken = jwt.sign(
      { sub: 'jdupont', scope: 'academie:19', jti: randomUUID() },
      sso.privateKey,
      {
        algorithm: 'RS256',
        issuer: ssoIssuer,
        audience: 'pix-ledger',
        keyid: 'reims-1',
        expiresIn: 300,
      },
    );
    const before = await store.headPosition();
    await request(t.app.getHttpServer())
      .post(`/establishments/${REIMS_LYCEE}/name`)
      .set('Authorization', `Bearer ${ssoToken}`)
      .send({ name: 'Lycée Georges Clemenceau' })
      .expect(200);
    const [renamed] = await store.readStream(`establishment-${REIMS_LYCEE}`, {
      fromRevision: 'end',
      direction: 'backwards',
      maxCount: 1,
    });
    expect(renamed.position).toBe(before + 1);
    expect(renamed.metadata).toMatchObject({ actor: `jdupont@${ssoIssuer}`, via: 'api' });

    const wrongAudience = jwt.sign({ sub: 'jdupont', scope: 'academie:19' }, sso.privateKey, {
      algorithm: 'RS256',
      issuer: ssoIssuer,
      audience: 'another-app',
      keyid: 'reims-1',
      expiresIn: 300,
    });
    await request(t.app.getHttpServer())
      .get(`/establishments/${REIMS_LYCEE}`)
      .set('Authorization', `Bearer ${wrongAudience}`)
      .expect(401);
  });

  it('a local token names its subject as the actor of what it records', async () => {
    await t
      .as(`etablissement:${REIMS_LYCEE}`, 'chef.clemenceau')
      .post('/sessions')
      .send({
        sessionId: 'ACT1',
        uai: REIMS_LYCEE,
        population: 'LYC',
        date: '2025-03-20',
        time: '09:00',
      })
      .expect(201);
    const [scheduled] = await store.readStream('session-ACT1');
    expect(scheduled.metadata.actor).toBe('chef.clemenceau');
    expect(scheduled.metadata.recordedAt).toBe('2026-11-22T08:00:00.000Z');
  });

  it('sends security headers, and CORS only to the configured origin', async () => {
    const res = await t.http.get('/texts').set('Origin', 'https://console.ac-reims.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBe('https://console.ac-reims.example');
    const other = await t.http.get('/texts').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over the limit with 413 and records nothing', async () => {
    const before = await store.headPosition();
    const res = await t.http
      .post('/establishments')
      .send({ ...ESTABLISHMENT, uai: '0510001Z', name: 'x'.repeat(300 * 1024) })
      .expect(413);
    expect(JSON.stringify(res.body)).toMatch(/too large/i);
    expect(await store.headPosition()).toBe(before);
  });
});

describe('Security: rate limits and the first-start token', () => {
  it('answers 429 past the limit, per token', async () => {
    const t = await startSecureTestApp({ security: { rateLimit: 5, rateWindowMs: 60_000 } });
    try {
      const a = t.as('dashboard', 'dash-a');
      for (let i = 0; i < 5; i++) await a.get('/rule-catalogue').expect(200);
      const limited = await a.get('/rule-catalogue').expect(429);
      expect(JSON.stringify(limited.body)).toMatch(/too many requests/);
      // Another client (another token) has its own allowance.
      await t.as('dashboard', 'dash-b').get('/rule-catalogue').expect(200);
    } finally {
      await t.close();
    }
  });

  it('prints one administrator token on the first start only, and it works', async () => {
    const first = await startSecureTestApp({ keep: true });
    const message = firstStartMessage(first.app, 'http://127.0.0.1:3000');
    expect(message).toMatch(/#token=ey/);
    const token = /export PIX_LEDGER_TOKEN=(\S+)/.exec(message ?? '')?.[1];
    await request(first.app.getHttpServer())
      .get('/integrity')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    await first.close();
    const again = await startSecureTestApp({ dataDir: first.dataDir });
    try {
      expect(firstStartMessage(again.app, 'http://127.0.0.1:3000')).toBeUndefined();
      // The same key: the token of the first start still opens the door.
      await request(again.app.getHttpServer())
        .get('/integrity')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
    } finally {
      await again.close();
    }
  });
});
