import type { INestApplication } from '@nestjs/common';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { uaiCheckLetter } from '@pix-ledger/domain';
import { FixedClock } from '@pix-ledger/event-store';
import { SqliteReadModelStore } from '@pix-ledger/projections';
import { type StatsGroup, withGroups } from '@pix-ledger/projections/certification';
import { CertificationYears } from '../../apps/api/src/certification/years/certification-years.service';
import { registerEstablishment, sessionWithResult } from '../fixtures/certification';
import { apiOnLog } from './support/api-on-log';
import { generatedLog } from './support/project-dataset';

/**
 * GET /years/{Y}/stats without asOf/knownAt answers from a per-year summary patched from what
 * changed. Whatever happens — new sessions and results, an établissement changing académie, a
 * calendar amendment, a blue/green rebuild of the year — it must answer what judging every
 * fact of the year answers at that moment.
 */
describe('today’s year statistics (the dashboard summary)', () => {
  jest.setTimeout(180_000);

  const YEAR = '2024-2025';
  const FILTERS = [
    '',
    'academie=19',
    'academie=27',
    'population=LYC',
    'population=COL',
    'population=6E',
    'academie=19&population=LYC',
    'groups=academie,population',
    'academie=19&groups=establishment',
  ];
  let log: Awaited<ReturnType<typeof generatedLog>>;
  let app: INestApplication;
  let firstEtag = '';
  const saved = { ...process.env };

  const server = () => app.getHttpServer();
  const fromFacts = async (query: string) => {
    const { groups, ...params } = Object.fromEntries(new URLSearchParams(query));
    const view = await app.get(CertificationYears).statsFromFacts({ schoolYear: YEAR, ...params });
    return withGroups(view, groups?.split(',') as StatsGroup[] | undefined);
  };
  const served = async (query: string) =>
    (await request(server()).get(`/years/${YEAR}/stats?${query}`).expect(200)).body;
  const expectSameAsFacts = async () => {
    for (const query of FILTERS) {
      expect({ query, body: await served(query) }).toEqual({ query, body: await fromFacts(query) });
    }
  };

  const startApp = async () => {
    app = await apiOnLog(log, new FixedClock(new Date('2025-06-30T10:00:00Z')));
  };

  beforeAll(async () => {
    log = await generatedLog({ scale: 'academie', years: 2, seed: 11, factor: 0.05 });
    Object.assign(process.env, { PIX_LEDGER_READ_MODELS: 'sqlite' });
    await startApp();
  });

  afterAll(async () => {
    await app?.close();
    process.env = saved;
    await log?.remove();
  });

  it('answers as the facts do, for every filter', async () => {
    const all = await served('');
    expect(all.total.sessions).toBeGreaterThan(10);
    expect(all.total.results).toBeGreaterThan(100);
    expect(all.attestations6e.pupils).toBeGreaterThan(0);
    await expectSameAsFacts();
  });

  it('keeps only the breakdowns asked for, and refuses an unknown one', async () => {
    const tile = await served('groups=academie,population');
    expect(tile.byAcademie.length).toBeGreaterThan(0);
    expect(tile.byPopulation.length).toBeGreaterThan(0);
    expect(tile).not.toHaveProperty('byEstablishment');
    expect(tile.filters).toEqual({ groups: 'academie,population' });
    const bad = await request(server()).get(`/years/${YEAR}/stats?groups=academie,uai`).expect(400);
    expect(JSON.stringify(bad.body)).toContain('groups');
  });

  it('lets a dashboard revalidate: same ETag, 304, until something changes', async () => {
    const first = await request(server()).get(`/years/${YEAR}/stats`).expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const etag = first.headers.etag as string;
    firstEtag = etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    await request(server()).get(`/years/${YEAR}/stats`).set('If-None-Match', etag).expect(304);
    const other = await request(server()).get(`/years/${YEAR}/stats?population=COL`).expect(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  it('sees new sessions, results and a late finalisation at once (read-your-writes)', async () => {
    const before = (await served('')).total;
    const uai = `0511234${uaiCheckLetter('0511234')}`;
    await registerEstablishment(app, uai, 'LGT');
    await sessionWithResult(
      app,
      { sessionId: 'MEMO_IN', uai, population: 'LYC', date: '2024-12-10' },
      { candidateId: 'c1', ine: '123456789AB', levels: Array(16).fill(2) },
    );
    await sessionWithResult(
      app,
      { sessionId: 'MEMO_OUT', uai, population: 'LYC', date: '2025-03-20' },
      { candidateId: 'c2', ine: '123456789AC', levels: Array(16).fill(0) },
    );
    await request(server())
      .post('/sessions/MEMO_OUT/finalise')
      .send({ finalisedOn: '2025-04-02' })
      .expect(200);
    const after = (await served('')).total;
    const etagAfter = (await request(server()).get(`/years/${YEAR}/stats`)).headers.etag;
    expect(etagAfter).not.toBe(firstEtag);
    await request(server()).get(`/years/${YEAR}/stats`).set('If-None-Match', etagAfter).expect(304);
    expect(after.sessions).toBe(before.sessions + 2);
    expect(after.results).toBe(before.results + 2);
    expect(after.sessionsOutOfWindow).toBe(before.sessionsOutOfWindow + 1);
    expect(after.lateFinalisations).toBe(before.lateFinalisations + 1);
    await expectSameAsFacts();
  });

  it('moves an établissement’s sessions when it changes académie', async () => {
    const uai = `0511234${uaiCheckLetter('0511234')}`;
    await request(server())
      .post(`/establishments/${uai}/academie-changes`)
      .send({ academie: '27', since: '2024-09-01' })
      .expect(200);
    const moved = await served('academie=27');
    expect(moved.byEstablishment.map((g: { key: string }) => g.key)).toContain(uai);
    await expectSameAsFacts();
  });

  it('judges every session again when the regulation changes', async () => {
    const before = (await served('population=LYC')).total.sessionsOutOfWindow;
    await request(server())
      .post(`/years/${YEAR}/calendar/amendments`)
      .send({
        amendedOn: '2024-11-12',
        changes: [{ population: 'LYC', window: { start: '2024-11-07', end: '2025-01-31' } }],
        reason: 'test: a shorter window',
        source: { reference: 'test' },
        confidence: 'P',
      })
      .expect(201);
    expect((await served('population=LYC')).total.sessionsOutOfWindow).toBeGreaterThan(before);
    await expectSameAsFacts();
  });

  it('takes the rebuilt rows after a blue/green rebuild of the year, serving meanwhile', async () => {
    const clean = await served('');
    // Rows drifting from their events (the checkpoint untouched), seen by a new process.
    await app.close();
    const views = new SqliteReadModelStore(join(log.dir, 'pix-ledger.views.db'));
    try {
      await views.run('UPDATE cert_results SET pix_score = pix_score + 7 WHERE school_year = ?', [
        YEAR,
      ]);
    } finally {
      await views.close();
    }
    await startApp();
    const drifted = await served('');
    expect(drifted.total.meanPixScore).not.toEqual(clean.total.meanPixScore);
    expect(drifted).toEqual(await fromFacts(''));

    await request(server())
      .post('/projections/certification/rebuilds')
      .send({ schoolYear: YEAR })
      .expect(202);
    const answers: string[] = [];
    for (let i = 0; i < 400; i++) {
      const answer = await served('');
      answers.push(answer.total.meanPixScore);
      if (answer.total.meanPixScore === clean.total.meanPixScore) break;
      await sleep(25);
    }
    // The drifted answer until the rebuilt year is summarised, then the clean one: no mix.
    expect(new Set(answers)).toEqual(
      new Set([drifted.total.meanPixScore, clean.total.meanPixScore]),
    );
    expect(answers[answers.length - 1]).toBe(clean.total.meanPixScore);
    const status = await request(server()).get('/projections').expect(200);
    expect(
      status.body.projections.find((p: { name: string }) => p.name === 'certification').rebuild,
    ).toBeNull();
    await expectSameAsFacts();
  });
});
