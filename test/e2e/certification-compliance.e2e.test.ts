import request from 'supertest';
import { RegulationSeeding } from '../../apps/api/src/regulation/seeding/regulation-seeding.service';
import {
  REIMS_COLLEGE,
  REIMS_LYCEE,
  registerEstablishment,
  result,
  sessionWithResult,
} from '../fixtures/certification';
import { startTestApp, type TestApp } from '../support/test-app';

interface Flag {
  sessionId: string | null;
  code: string;
  rule: string;
  textIds: string[];
  details: Record<string, unknown>;
}

describe('HTTP: sessions and results judged under the rules in force at the time (seeded regulation)', () => {
  let t: TestApp;
  const get = (path: string) => request(t.app.getHttpServer()).get(path).expect(200);

  beforeAll(async () => {
    // Facts are recorded live: the registry learns each one on its day (knowledge time).
    t = await startTestApp('2021-09-01T08:00:00.000Z');
    await t.app.get(RegulationSeeding).seed();
    await registerEstablishment(t.app, REIMS_COLLEGE, 'COLLEGE');
    await registerEstablishment(t.app, REIMS_LYCEE, 'LGT');
    // 2021-2022: one result with 5 competences at level 1, one with 4.
    t.clock.set('2022-01-20T15:00:00.000Z');
    await sessionWithResult(
      t.app,
      { sessionId: 'LYC2022', uai: REIMS_LYCEE, population: 'LYC', date: '2022-01-20' },
      {
        candidateId: 'five',
        ine: '1234A12345K',
        levels: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      },
    );
    const server = t.app.getHttpServer();
    await request(server)
      .post('/sessions/LYC2022/candidates')
      .send({
        candidateId: 'four',
        ine: '223456789AB',
        identity: { lastName: 'Roux', firstName: 'Ali', birthDate: '2004-03-03' },
      })
      .expect(201);
    await request(server).post('/sessions/LYC2022/candidates/four/start').send({}).expect(200);
    await request(server).post('/sessions/LYC2022/candidates/four/complete').send({}).expect(200);
    await request(server)
      .post('/sessions/LYC2022/candidates/four/score')
      .send({ result: result([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) })
      .expect(200);
    // 2024-2025: a 3e session in the collège, a LYC session in the lycée after the LYC window closed.
    t.clock.set('2025-03-20T08:00:00.000Z');
    await sessionWithResult(
      t.app,
      { sessionId: 'COL2025', uai: REIMS_COLLEGE, population: 'COL', date: '2025-04-10' },
      { candidateId: 'c1', ine: '123456789AB' },
    );
    await sessionWithResult(
      t.app,
      { sessionId: 'LYC2025', uai: REIMS_LYCEE, population: 'LYC', date: '2025-03-20' },
      { candidateId: 'c1', ine: '0494004062M' },
    );
  });
  afterAll(() => t.close());

  it('flags the LYC session of 2025-03-20 out of its window (ends 2025-03-07) under the 2024 note; the 3e session of 2025-04-10 is in its window', async () => {
    const res = await get('/years/2024-2025/compliance?academie=19');
    const flags: Flag[] = res.body.flags;
    expect(flags).toEqual([
      expect.objectContaining({
        sessionId: 'LYC2025',
        code: 'outOfWindow',
        rule: 'calendar.LYC.window',
        details: expect.objectContaining({
          date: '2025-03-20',
          start: '2024-11-07',
          end: '2025-03-07',
        }),
      }),
    ]);
    expect(flags[0].textIds).toContain('note-de-service-2024-10-23');
    expect(flags.some((f) => f.sessionId === 'COL2025')).toBe(false);
  });

  it('flags the finalisation of that LYC session on 2025-04-02 as late (deadline 2025-03-31); knownAt before it shows no such flag', async () => {
    t.clock.set('2025-04-02T16:00:00.000Z');
    await request(t.app.getHttpServer())
      .post('/sessions/LYC2025/finalise')
      .send({ finalisedOn: '2025-04-02' })
      .expect(200);
    const now = await get('/years/2024-2025/compliance?academie=19');
    const late = now.body.flags.find((f: Flag) => f.code === 'lateFinalisation');
    expect(late).toMatchObject({
      sessionId: 'LYC2025',
      rule: 'calendar.LYC.finalisationDeadline',
      details: { finalisedOn: '2025-04-02', deadline: '2025-03-31' },
    });
    expect(late.textIds.length).toBeGreaterThan(0);

    const before = await get('/years/2024-2025/compliance?academie=19&knownAt=2025-03-25');
    expect(before.body.flags.map((f: Flag) => f.code)).toEqual(['outOfWindow']);

    const session = await get('/sessions/LYC2025');
    expect(session.body.compliance.flags.map((f: Flag) => f.code).sort()).toEqual([
      'lateFinalisation',
      'outOfWindow',
    ]);
    expect(session.body.compliance.academie).toBe('19');
  });

  it('counts the year by académie, establishment and population', async () => {
    const stats = await get('/years/2024-2025/stats?academie=19');
    expect(stats.body.total).toMatchObject({
      sessions: 2,
      candidates: 2,
      results: 2,
      certified: 2,
      certificationRate: 1,
      meanPixScore: 256,
      sessionsOutOfWindow: 1,
      lateFinalisations: 1,
    });
    expect(stats.body.byAcademie.map((g: { key: string }) => g.key)).toEqual(['19']);
    expect(
      stats.body.byPopulation.map((g: { key: string; sessions: number }) => [g.key, g.sessions]),
    ).toEqual([
      ['COL', 1],
      ['LYC', 1],
    ]);
    const lyc = await get('/years/2024-2025/stats?academie=19&population=LYC');
    expect(lyc.body.total).toMatchObject({ sessions: 1, sessionsOutOfWindow: 1 });
    const asOf = await get('/years/2024-2025/stats?asOf=2025-03-31');
    expect(asOf.body.total).toMatchObject({ sessions: 1, lateFinalisations: 0 });
    const elsewhere = await get('/years/2024-2025/stats?academie=24');
    expect(elsewhere.body.total).toMatchObject({
      sessions: 0,
      candidates: 0,
      certificationRate: null,
    });
    expect(JSON.stringify(stats.body)).not.toMatch(/123456789AB|0494004062M/);
  });

  it('validates a 2021-2022 result with 5 competences at level 1 under the texts of then, before and after the 2024 note was known', async () => {
    await get('/texts/note-de-service-2024-10-23');
    const now = await get(`/years/2021-2022/establishments/${REIMS_LYCEE}`);
    const five = now.body.results.find((r: { candidateId: string }) => r.candidateId === 'five');
    const four = now.body.results.find((r: { candidateId: string }) => r.candidateId === 'four');
    expect(five).toMatchObject({ certified: true, validUntil: '2025-01-19' });
    expect(four).toMatchObject({ certified: false, validUntil: null });
    const thresholdTexts = five.rules
      .filter((r: { rule: string }) => r.rule.startsWith('certification.threshold.'))
      .flatMap((r: { textIds: string[] }) => r.textIds);
    expect(thresholdTexts.length).toBe(2);
    expect(thresholdTexts).not.toContain('note-de-service-2024-10-23');

    // The regulation as known before the 2024 note: the same verdicts from the same texts.
    await request(t.app.getHttpServer())
      .get('/texts/note-de-service-2024-10-23?knownAt=2024-01-01')
      .expect(404);
    const before = await get(`/years/2021-2022/establishments/${REIMS_LYCEE}?knownAt=2024-01-01`);
    expect(before.body.results).toEqual(now.body.results);
    expect(now.body.totals).toMatchObject({
      results: 2,
      certified: 1,
      notCertified: 1,
      certificationRate: 0.5,
    });
  });

  it('reports the 6e attestation as not required before 2024-2025', async () => {
    const server = t.app.getHttpServer();
    for (const year of ['2023-2024', '2024-2025']) {
      const start = Number(year.slice(0, 4));
      const base = `/attestations6e/${REIMS_COLLEGE}/${year}`;
      await request(server)
        .post(`${base}/campaigns`)
        .send({ campaignCode: `K${start}`, parcours: 'Parcours 6e', openedOn: `${start}-10-01` })
        .expect(201);
      await request(server)
        .post(`${base}/completions`)
        .send({
          campaignCode: `K${start}`,
          pupilId: 'p1',
          ine: '323456789AB',
          identity: { lastName: 'Petit', firstName: 'Noé', birthDate: `${start - 11}-02-11` },
          completedOn: `${start}-11-05`,
        })
        .expect(201);
      await request(server)
        .post(`${base}/outcomes`)
        .send({
          pupilId: 'p1',
          obtained: true,
          campaignCode: `K${start}`,
          decidedOn: `${start}-11-06`,
        })
        .expect(200);
    }
    const old = await get('/years/2023-2024/compliance?academie=19');
    expect(old.body.flags).toEqual([
      expect.objectContaining({
        uai: REIMS_COLLEGE,
        population: '6E',
        code: 'populationNotRequired',
        rule: 'attestation6e.mandatory',
      }),
    ]);
    const current = await get('/years/2024-2025/compliance');
    expect(current.body.flags.filter((f: { population: string }) => f.population === '6E')).toEqual(
      [],
    );
    const view = await get(`/years/2024-2025/establishments/${REIMS_COLLEGE}`);
    expect(view.body.attestation6e).toMatchObject({
      pupils: 1,
      obtained: 1,
      notObtained: 0,
      pending: 0,
    });
    const stats = await get('/years/2024-2025/stats?population=6E');
    expect(stats.body.attestations6e).toMatchObject({ establishments: 1, pupils: 1, obtained: 1 });
    expect(stats.body.total.sessions).toBe(0);
  });

  it('refuses bad view parameters with 400 naming them', async () => {
    const server = t.app.getHttpServer();
    const bad = await request(server).get('/years/2024-2025/stats?academie=99').expect(400);
    expect(bad.body.message.join(' ')).toMatch(/academie/);
    const asOf = await request(server).get('/years/2024-2025/stats?asOf=2025-02-30').expect(400);
    expect(asOf.body.message.join(' ')).toMatch(/asOf/);
    const knownAt = await request(server)
      .get('/years/2024-2025/compliance?knownAt=hier')
      .expect(400);
    expect(knownAt.body.message.join(' ')).toMatch(/knownAt/);
    const year = await request(server).get('/years/2024-2026/stats').expect(400);
    expect(year.body.message.join(' ')).toMatch(/schoolYear/);
    await request(server).get('/years/2024-2025/establishments/0510009X').expect(400);
    await request(server).get('/years/2024-2025/establishments/0510003B').expect(404);
  });
});
