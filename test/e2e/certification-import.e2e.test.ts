import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { importResultsCsv } from '../../apps/api/src/certification/imports/import-results';
import { PersonalDataVault } from '../../apps/api/src/privacy/sealing/personal-data-vault';
import { registerEstablishment } from '../fixtures/certification';
import { generateResultsCsv, HEADER, IMPORT_ESTABLISHMENTS } from '../fixtures/results-csv';
import { startTestApp, type TestApp } from '../support/test-app';

async function countEvents(store: EventStore, type: string): Promise<number> {
  let n = 0;
  for await (const _event of store.readAll({ filter: { eventTypes: [type] } })) n++;
  return n;
}

/** Distinct (session, candidate) pairs with a first result: a duplicate would show as a gap. */
async function scoredPairs(store: EventStore): Promise<{ events: number; distinct: number }> {
  const pairs = new Set<string>();
  let events = 0;
  for await (const event of store.readAll({ filter: { eventTypes: ['CertificationScored'] } })) {
    events++;
    const data = event.data as { sessionId: string; candidateId: string };
    pairs.add(`${data.sessionId}/${data.candidateId}`);
  }
  return { events, distinct: pairs.size };
}

const file = generateResultsCsv({ rows: 10_000, bad: 37 });

describe('HTTP: importing a results CSV', () => {
  let t: TestApp;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    for (const e of IMPORT_ESTABLISHMENTS)
      await registerEstablishment(t.app, e.uai, e.type, e.academie);
  });
  afterAll(() => t.close());

  it('imports 9,963 of 10,000 rows, reports the 37 bad ones by line, and adds nothing on a second run', async () => {
    const server = t.app.getHttpServer();
    const startedAt = performance.now();
    const first = await request(server)
      .post('/imports/results')
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(file.csv)
      .expect(201);
    const firstMs = performance.now() - startedAt;
    expect(first.body).toMatchObject({
      rows: 10_000,
      recorded: 9_963,
      alreadyRecorded: 0,
      rejectedCount: 37,
    });
    expect(first.body.rejected.map((r: { line: number }) => r.line)).toEqual([
      ...file.badLines.keys(),
    ]);
    const byLine = new Map(
      first.body.rejected.map((r: { line: number; column: string }) => [r.line, r.column]),
    );
    const expectedColumn = {
      ine: 'INE',
      uaiCheckLetter: 'UAI',
      level9: '2.3',
      date: 'Date de passage de la certification',
      unknownEstablishment: 'UAI',
      status: 'Statut',
      pixScore: 'Nombre de Pix',
    } as const;
    for (const [line, kind] of file.badLines)
      expect([line, byLine.get(line)]).toEqual([line, expectedColumn[kind]]);
    expect(await scoredPairs(store)).toEqual({ events: 9_963, distinct: 9_963 });
    const statsStartedAt = performance.now();
    const stats = await request(server).get('/years/2024-2025/stats').expect(200);
    const statsMs = performance.now() - statsStartedAt;
    expect(stats.body.total).toMatchObject({ sessions: 334, candidates: 9_963, results: 9_963 });
    expect(stats.body.byEstablishment).toHaveLength(IMPORT_ESTABLISHMENTS.length);

    const head = await store.headPosition();
    const secondStartedAt = performance.now();
    const second = await request(server)
      .post('/imports/results')
      .set('Content-Type', 'text/csv')
      .send(file.csv)
      .expect(201);
    const secondMs = performance.now() - secondStartedAt;
    expect(second.body).toMatchObject({
      rows: 10_000,
      recorded: 0,
      alreadyRecorded: 9_963,
      rejectedCount: 37,
      events: 0,
    });
    expect(second.body.fileSha256).toBe(first.body.fileSha256);
    expect(await store.headPosition()).toBe(head);
    console.log(
      `results import, 10,000 rows (37 bad): first run ${Math.round(firstMs)} ms over HTTP ` +
        `(${first.body.events} events, ${first.body.sessions} sessions, import ${first.body.durationMs} ms); ` +
        `second run ${Math.round(secondMs)} ms, nothing added; year stats over them ${Math.round(statsMs)} ms`,
    );
  });

  it('accepts a multipart upload, and refuses a file without the required columns', async () => {
    const server = t.app.getHttpServer();
    const small = generateResultsCsv({ rows: 40, bad: 2, seed: 7 });
    const res = await request(server)
      .post('/imports/results')
      .attach('file', Buffer.from(small.csv.replaceAll('S000', 'M000')), {
        filename: 'resultats.csv',
        contentType: 'text/csv',
      })
      .expect(201);
    expect(res.body).toMatchObject({ rows: 40, recorded: 38, rejectedCount: 2 });

    const head = await store.headPosition();
    const noIne = HEADER.filter((h) => h !== 'INE' && h !== '4.2').join(';');
    const missing = await request(server)
      .post('/imports/results')
      .set('Content-Type', 'text/csv')
      .send(`${noIne}\n`)
      .expect(400);
    expect(missing.body.missingColumns).toEqual(['INE', '4.2']);
    expect(await store.headPosition()).toBe(head);
    await request(server)
      .post('/imports/results')
      .set('Content-Type', 'application/json')
      .send({ csv: 'x' })
      .expect(400);
  });
});

describe('importing results: a crash mid-file loses nothing and duplicates nothing', () => {
  let t: TestApp;
  let store: EventStore;
  let vault: PersonalDataVault;
  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    vault = t.app.get(PersonalDataVault);
    for (const e of IMPORT_ESTABLISHMENTS)
      await registerEstablishment(t.app, e.uai, e.type, e.academie);
  });
  afterAll(() => t.close());

  it('re-running the file after a crash records each valid row exactly once', async () => {
    const bytes = Buffer.from(file.csv);
    const crashing = async function* () {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
        if (offset > bytes.length / 2) throw new Error('disk unplugged');
        yield bytes.subarray(offset, offset + 64 * 1024);
      }
    };
    await expect(
      importResultsCsv(store, crashing(), { actor: 'test', batchRows: 300, personalData: vault }),
    ).rejects.toThrow('disk unplugged');
    const afterCrash = await scoredPairs(store);
    expect(afterCrash.events).toBeGreaterThan(0);
    expect(afterCrash.events).toBeLessThan(9_963);
    expect(afterCrash.distinct).toBe(afterCrash.events);

    const whole = async function* () {
      yield bytes;
    };
    const rerun = await importResultsCsv(store, whole(), { actor: 'test', personalData: vault });
    expect(rerun.recorded + rerun.alreadyRecorded).toBe(9_963);
    expect(rerun.alreadyRecorded).toBe(afterCrash.events);
    expect(await scoredPairs(store)).toEqual({ events: 9_963, distinct: 9_963 });
    expect(await countEvents(store, 'SessionScheduled')).toBe(Math.ceil(10_000 / 30));
  });
});
