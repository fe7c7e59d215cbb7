import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { signatureHeader, verifySignature } from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@pix-ledger/event-store';
import { createApp } from '../../apps/api/src/bootstrap';
import type { AppConfig } from '../../apps/api/src/config';
import { startTestApp, type TestApp } from '../support/test-app';

// Read by the integrations module when the app starts (jest gives each test file its own env).
process.env.PIX_LEDGER_WEBHOOK_BACKOFF_BASE_MS = '40';
process.env.PIX_LEDGER_WEBHOOK_POLL_MS = '50';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  answered: number;
}

/** A real HTTP receiver; `answer` decides the status of each request (in arrival order). */
class Receiver {
  readonly deliveries: Delivery[] = [];
  private server!: Server;
  url = '';
  constructor(public answer: (index: number, body: string) => number) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answered = this.answer(this.deliveries.length, body);
        this.deliveries.push({ headers: req.headers, body, at: Date.now(), answered });
        res.statusCode = answered;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/pix-ledger`;
    return this;
  }

  accepted(): Delivery[] {
    return this.deliveries.filter((d) => d.answered >= 200 && d.answered < 300);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function logOf(store: EventStore, category?: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll({
    filter: category ? { categories: [category] } : undefined,
  })) {
    events.push(event);
  }
  return events;
}

/** The receiver check exactly as README.md documents it (the js block after its marker). */
type ReadmeCheck = (
  header: unknown,
  rawBody: string,
  secret: string,
  nowSeconds?: number,
) => boolean;
function readmeSignatureCheck(): ReadmeCheck {
  const readme = readFileSync(`${__dirname}/../../README.md`, 'utf8');
  const marker = readme.indexOf('<!-- webhook-verify:');
  const snippet = /```js\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (marker === -1 || !snippet) throw new Error('README.md lost its webhook-verify snippet');
  return new Function('require', `${snippet[1]}\nreturn verifyPixLedgerSignature;`)(
    require,
  ) as ReadmeCheck;
}

const SECRET = 'whsec_lyon_0123456789abcdef';
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Webhooks: signed deliveries from an outbox, over real HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  const receivers: Receiver[] = [];
  const receiver = async (answer: (index: number, body: string) => number) => {
    const r = await new Receiver(answer).start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('a receiver failing its first 3 deliveries then gets every matching event once, in order, signed', async () => {
    for (let n = 0; n < 5; n++) {
      await store.append(`regulationText-t${n}`, [{ type: 'TextPublished', data: { n } }]);
      await store.append(`yearCalendar-2024-2025`, [{ type: 'CalendarAmended', data: { n } }]);
    }
    const hooks = await receiver((index) => (index < 3 ? 500 : 204));
    const created = await request(t.app.getHttpServer())
      .post('/subscriptions')
      .send({
        url: hooks.url,
        secret: SECRET,
        filter: { categories: ['regulationText'] },
        fromPosition: 1,
      })
      .expect(201);
    expect(created.headers.etag).toBe('"0"');
    expect(created.headers.location).toBe(`/subscriptions/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'active',
      url: hooks.url,
      filter: { categories: ['regulationText'] },
    });

    // More events while the deliveries are failing and retried.
    for (let n = 5; n < 25; n++) {
      await store.append(`regulationText-t${n % 7}`, [{ type: 'TextAmended', data: { n } }]);
      await store.append('yearCalendar-2025-2026', [{ type: 'CalendarAmended', data: { n } }]);
      await sleep(2);
    }
    const expected = await logOf(store, 'regulationText');
    expect(expected).toHaveLength(25);
    await until(() => hooks.accepted().length === 25, '25 accepted deliveries');
    await sleep(200);

    // Every event exactly once among the accepted deliveries, in log order.
    const accepted = hooks.accepted().map((d) => JSON.parse(d.body));
    expect(accepted.map((e) => e.id)).toEqual(expected.map((e) => e.eventId));
    expect(accepted.map((e) => e.position)).toEqual(expected.map((e) => e.position));
    expect(accepted[0]).toMatchObject({
      specversion: '1.0',
      subject: 'regulationText-t0',
      data: { n: 0 },
    });

    // The first event was tried 4 times before anything else (per-subscription order)…
    const firstFour = hooks.deliveries.slice(0, 4);
    expect(firstFour.map((d) => JSON.parse(d.body).position)).toEqual(
      Array(4).fill(expected[0].position),
    );
    expect(firstFour.map((d) => d.headers['pix-ledger-attempt'])).toEqual(['1', '2', '3', '4']);
    expect(hooks.deliveries).toHaveLength(28);
    // …waiting longer each time (exponential backoff from a 40 ms base).
    const gaps = firstFour.slice(1).map((d, i) => d.at - firstFour[i].at);
    [40, 80, 160].forEach((minimum, i) => expect(gaps[i]).toBeGreaterThanOrEqual(minimum - 5));

    // Every delivery passes the check documented in the README; tampering does not.
    const documentedCheck = readmeSignatureCheck();
    for (const d of hooks.deliveries) {
      expect(d.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
      expect(d.headers['pix-ledger-subscription']).toBe(created.body.id);
      const header = d.headers['pix-ledger-signature'] as string;
      expect(verifySignature(header, d.body, SECRET, { nowSeconds: nowSeconds() })).toMatchObject({
        valid: true,
      });
      expect(documentedCheck(header, d.body, SECRET)).toBe(true);
    }
    const sample = hooks.deliveries[5];
    const header = sample.headers['pix-ledger-signature'] as string;
    const tampered = sample.body.replace('"n":', '"n":1');
    expect(verifySignature(header, tampered, SECRET, { nowSeconds: nowSeconds() })).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(
      verifySignature(header, sample.body, 'not-the-secret-0000', { nowSeconds: nowSeconds() }),
    ).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    // A captured delivery replayed ten minutes later is refused.
    expect(
      verifySignature(header, sample.body, SECRET, { nowSeconds: nowSeconds() + 600 }),
    ).toEqual({
      valid: false,
      reason: 'stale',
    });
    expect(documentedCheck(header, tampered, SECRET)).toBe(false);
    expect(documentedCheck(header, sample.body, 'not-the-secret-0000')).toBe(false);
    expect(documentedCheck(header, sample.body, SECRET, nowSeconds() + 600)).toBe(false);
    expect(documentedCheck(undefined, sample.body, SECRET)).toBe(false);
    expect(documentedCheck('t=1,v1=zz', sample.body, SECRET)).toBe(false);
    const forged = signatureHeader('guessed-secret-000', nowSeconds(), sample.body);
    expect(documentedCheck(forged, sample.body, SECRET)).toBe(false);
    expect(verifySignature(forged, sample.body, SECRET, { nowSeconds: nowSeconds() }).valid).toBe(
      false,
    );

    const view = await request(t.app.getHttpServer())
      .get(`/subscriptions/${created.body.id}`)
      .expect(200);
    expect(view.body).toMatchObject({
      status: 'active',
      delivery: {
        checkpoint: expected[24].position,
        delivered: 25,
        failedAttempts: 3,
        retrying: null,
        lastError: 'HTTP 500',
      },
      deadLetterCount: 0,
      deadLetters: [],
    });
  });

  it('keeps the secret out of the log (only its fingerprint is recorded)', async () => {
    const log = await logOf(store, 'webhookSubscription');
    expect(log.length).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain(SECRET);
    expect(log[0].data).toMatchObject({
      secretFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('dead-letters after maxAttempts, goes on with the next event, and a replay delivers them again', async () => {
    let healthy = false;
    const hooks = await receiver(() => (healthy ? 200 : 503));
    const server = t.app.getHttpServer();
    const created = await request(server)
      .post('/subscriptions')
      .send({
        url: hooks.url,
        secret: SECRET,
        filter: { categories: ['deadLetterTest'] },
        maxAttempts: 2,
      })
      .expect(201);
    const id = created.body.id as string;
    for (let n = 0; n < 3; n++)
      await store.append(`deadLetterTest-${n}`, [{ type: 'Probe', data: { n } }]);
    const events = await logOf(store, 'deadLetterTest');

    const view = async () => (await request(server).get(`/subscriptions/${id}`).expect(200)).body;
    await until(async () => (await view()).deadLetterCount === 3, 'three dead letters');
    const dead = await view();
    expect(dead.delivery).toMatchObject({
      checkpoint: events[2].position,
      delivered: 0,
      failedAttempts: 6,
    });
    expect(dead.deadLetters).toEqual(
      events.map((e) => ({
        position: e.position,
        eventId: e.eventId,
        type: 'Probe',
        attempts: 2,
        lastError: 'HTTP 503',
        deadAt: expect.any(String),
      })),
    );
    expect(hooks.deliveries.map((d) => JSON.parse(d.body).data.n)).toEqual([0, 0, 1, 1, 2, 2]);

    // Replay: a stale If-Match is a conflict, a position past the head is refused.
    healthy = true;
    const head = await store.headPosition();
    await request(server)
      .post(`/subscriptions/${id}/replay`)
      .set('If-Match', '"7"')
      .send({ fromPosition: 1 })
      .expect(409);
    const beyond = await request(server)
      .post(`/subscriptions/${id}/replay`)
      .send({ fromPosition: head + 2 })
      .expect(400);
    expect(beyond.body.field).toBe('fromPosition');
    const replay = await request(server)
      .post(`/subscriptions/${id}/replay`)
      .set('If-Match', created.headers.etag)
      .send({ fromPosition: events[0].position })
      .expect(200);
    expect(replay.headers.etag).toBe('"1"');
    await until(() => hooks.accepted().length === 3, 'the replayed deliveries');
    expect(hooks.accepted().map((d) => JSON.parse(d.body).id)).toEqual(
      events.map((e) => e.eventId),
    );
    await until(async () => (await view()).deadLetterCount === 0, 'dead letters to clear');
    expect((await view()).delivery).toMatchObject({ checkpoint: events[2].position, delivered: 3 });
  });

  it('starts with events appended from now on when no fromPosition is given, and stops when cancelled', async () => {
    const hooks = await receiver(() => 200);
    const server = t.app.getHttpServer();
    await store.append('lateJoin-old', [{ type: 'Probe', data: { n: 'before' } }]);
    const created = await request(server)
      .post('/subscriptions')
      .send({ url: hooks.url, secret: SECRET, filter: { categories: ['lateJoin'] } })
      .expect(201);
    await store.append('lateJoin-new', [{ type: 'Probe', data: { n: 'after' } }]);
    await until(() => hooks.accepted().length === 1, 'the new event');
    expect(JSON.parse(hooks.deliveries[0].body).data).toEqual({ n: 'after' });

    const cancelled = await request(server).delete(`/subscriptions/${created.body.id}`).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', revision: 1 });
    await store.append('lateJoin-new', [{ type: 'Probe', data: { n: 'after cancel' } }]);
    await sleep(300);
    expect(hooks.deliveries).toHaveLength(1);
    await request(server)
      .post(`/subscriptions/${created.body.id}/replay`)
      .send({ fromPosition: 1 })
      .expect(409);
    const list = await request(server).get('/subscriptions').expect(200);
    expect(
      list.body.subscriptions.find((s: { id: string }) => s.id === created.body.id).status,
    ).toBe('cancelled');
  });

  it('a retried POST with the same Idempotency-Key creates nothing more', async () => {
    const server = t.app.getHttpServer();
    const body = {
      url: 'http://127.0.0.1:9/hooks',
      secret: SECRET,
      filter: { categories: ['nothingHere'] },
    };
    const first = await request(server)
      .post('/subscriptions')
      .set('Idempotency-Key', 'dw-lyon-1')
      .send(body)
      .expect(201);
    const head = await store.headPosition();
    const again = await request(server)
      .post('/subscriptions')
      .set('Idempotency-Key', 'dw-lyon-1')
      .send(body)
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await store.headPosition()).toBe(head);
    await request(server)
      .post('/subscriptions')
      .set('Idempotency-Key', 'dw-lyon-1')
      .send({ ...body, secret: 'another-secret-0123456789' })
      .expect(409);
    expect(await store.headPosition()).toBe(head);
  });

  it.each([
    ['url', { url: 'ftp://example.org/hooks' }],
    ['url', { url: 'not a url' }],
    ['secret', { secret: 'short' }],
    ['categories', { filter: { categories: ['regulation-text'] } }],
    ['schoolYears', { filter: { schoolYears: ['2024'] } }],
    ['categories', { filter: { categories: 'regulationText' } }],
    ['fromPosition', { fromPosition: 0 }],
    ['maxAttempts', { maxAttempts: 0 }],
    ['unexpected', { unexpected: true }],
    ['colour', { filter: { colour: 'blue' } }],
  ])('refuses a bad %s with 400 and records nothing', async (field, change) => {
    const head = await store.headPosition();
    const res = await request(t.app.getHttpServer())
      .post('/subscriptions')
      .send({ url: 'https://dw.example.fr/hooks', secret: SECRET, ...change })
      .expect(400);
    expect(res.body.message.join(' ')).toMatch(new RegExp(field));
    expect(await store.headPosition()).toBe(head);
  });

  it('answers 404 for an unknown subscription', async () => {
    const server = t.app.getHttpServer();
    await request(server).get('/subscriptions/nope').expect(404);
    await request(server).post('/subscriptions/nope/replay').send({ fromPosition: 1 }).expect(404);
    await request(server).delete('/subscriptions/nope').expect(404);
  });
});

describe('Webhooks across a restart', () => {
  it('resumes from the stored checkpoint: nothing delivered twice, nothing skipped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pix-ledger-e2e-'));
    const config: AppConfig = {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      eventStore: { adapter: 'sqlite', path: join(dataDir, 'pix-ledger.db') },
    };
    const hooks = await new Receiver(() => 200).start();
    try {
      const first = await createApp(config, { logger: false, accessControl: false });
      await first.init();
      let store: EventStore = first.get(EVENT_STORE);
      await request(first.getHttpServer())
        .post('/subscriptions')
        .send({
          url: hooks.url,
          secret: SECRET,
          filter: { categories: ['restartTest'] },
          fromPosition: 1,
        })
        .expect(201);
      for (let n = 0; n < 5; n++)
        await store.append(`restartTest-${n}`, [{ type: 'Probe', data: { n } }]);
      await until(() => hooks.accepted().length === 5, 'five deliveries before the restart');
      await first.close();

      const second = await createApp(config, { logger: false, accessControl: false });
      await second.init();
      store = second.get(EVENT_STORE);
      for (let n = 5; n < 10; n++)
        await store.append(`restartTest-${n}`, [{ type: 'Probe', data: { n } }]);
      await until(() => hooks.accepted().length >= 10, 'five more after the restart');
      await sleep(200);
      const expected = await logOf(store, 'restartTest');
      await second.close();
      expect(hooks.accepted().map((d) => JSON.parse(d.body).id)).toEqual(
        expected.map((e) => e.eventId),
      );
    } finally {
      await hooks.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
