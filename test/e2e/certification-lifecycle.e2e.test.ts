import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  REIMS_COLLEGE,
  REIMS_LYCEE,
  registerEstablishment,
  result,
  sessionWithResult,
} from '../fixtures/certification';

describe('HTTP: certification sessions, from scheduling to transmission', () => {
  let t: TestApp;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    await registerEstablishment(t.app, REIMS_COLLEGE, 'COLLEGE');
    await registerEstablishment(t.app, REIMS_LYCEE, 'LGT');
  });
  afterAll(() => t.close());

  it('registers an establishment once, and says so on GET', async () => {
    const server = t.app.getHttpServer();
    const res = await request(server).get(`/establishments/${REIMS_LYCEE}`).expect(200);
    expect(res.body).toMatchObject({
      uai: REIMS_LYCEE,
      type: 'LGT',
      memberships: [{ academie: '19', since: null }],
    });
    expect(res.headers.etag).toBe('"0"');
    await request(server)
      .post('/establishments')
      .send({ uai: REIMS_LYCEE, name: 'Autre nom', type: 'LGT', sector: 'public', academie: '19' })
      .expect(409);
  });

  it('runs a session through its lifecycle; a rescoring keeps the old version; every step is in the history', async () => {
    const server = t.app.getHttpServer();
    await sessionWithResult(
      t.app,
      { sessionId: 'L1', uai: REIMS_LYCEE, population: 'LYC', date: '2025-01-15' },
      { candidateId: 'c1', ine: '123456789AB' },
    );
    const base = '/sessions/L1';
    await request(server)
      .post(`${base}/candidates`)
      .send({
        candidateId: 'c2',
        ine: '0494004062M',
        identity: { lastName: 'Durand', firstName: 'Tom', birthDate: '2007-01-09' },
      })
      .expect(201);
    await request(server).post(`${base}/candidates/c2/start`).send({}).expect(200);
    await request(server)
      .post(`${base}/issues`)
      .send({ candidateId: 'c2', category: 'TECHNICAL_PROBLEM', description: 'coupure réseau' })
      .expect(201);

    // An unfinished test without abort reason: refused, nothing recorded.
    const head = await store.headPosition();
    const refused = await request(server)
      .post(`${base}/finalise`)
      .send({ finalisedOn: '2025-01-16' })
      .expect(400);
    expect(refused.body.field).toBe('abortReasons');
    expect(await store.headPosition()).toBe(head);

    const finalised = await request(server)
      .post(`${base}/finalise`)
      .send({
        finalisedOn: '2025-01-16',
        abortReasons: [{ candidateId: 'c2', reason: 'technical' }],
        hasIncident: true,
      })
      .expect(200);
    await request(server)
      .post(`${base}/candidates/c2/score`)
      .send({ result: result(Array(16).fill(0), { status: 'rejected' }) })
      .expect(200);
    await request(server).post(`${base}/publish`).send({ publishedOn: '2025-01-20' }).expect(200);
    // After publication: rescoring makes version 2.
    await request(server)
      .post(`${base}/candidates/c1/rescore`)
      .send({ result: result(Array(16).fill(3)), reason: 'neutralisation' })
      .expect(200);
    await request(server)
      .post(`${base}/transmissions`)
      .send({ channel: 'Parcoursup', transmittedOn: '2025-04-08' })
      .expect(200);
    await request(server).post(`${base}/transmissions`).send({ channel: 'LSU' }).expect(400);

    const view = await request(server).get(base).expect(200);
    expect(view.body).toMatchObject({
      status: 'published',
      schoolYear: '2024-2025',
      finalisedOn: '2025-01-16',
      publishedOn: '2025-01-20',
      transmissions: [{ channel: 'Parcoursup', transmittedOn: '2025-04-08' }],
    });
    const c1 = view.body.candidates.find((c: { candidateId: string }) => c.candidateId === 'c1');
    expect(c1.identity).toEqual({ lastName: 'Martin', firstName: 'Léa', birthDate: '2007-05-02' });
    expect(
      c1.results.map((r: { version: number; kind: string; result: { pixScore: number } }) => [
        r.version,
        r.kind,
        r.result.pixScore,
      ]),
    ).toEqual([
      [1, 'scored', 256],
      [2, 'rescored', 384],
    ]);
    const c2 = view.body.candidates.find((c: { candidateId: string }) => c.candidateId === 'c2');
    expect(c2).toMatchObject({ exam: 'endedDueToFinalisation', abortReason: 'technical' });
    expect(view.body.history.map((e: { type: string }) => e.type)).toEqual([
      'SessionScheduled',
      'CandidateEnrolled',
      'CertificationStarted',
      'CertificationCompleted',
      'CertificationScored',
      'CandidateEnrolled',
      'CertificationStarted',
      'CertificationIssueReported',
      'SessionFinalised',
      'CertificationScored',
      'SessionResultsPublished',
      'CertificationRescored',
      'SessionResultsTransmitted',
    ]);
    expect(JSON.stringify(view.body.history)).not.toContain('Martin');
    expect(finalised.headers.etag).toBe('"8"');
    // Every session event carries the school year, for per-year reads and rebuilds.
    const events = await store.readStream('session-L1');
    expect(new Set(events.map((e) => e.metadata.schoolYear))).toEqual(new Set(['2024-2025']));
  });

  it('honours If-Match: a stale revision is a 409 and records nothing', async () => {
    const server = t.app.getHttpServer();
    await sessionWithResult(
      t.app,
      { sessionId: 'C1', uai: REIMS_COLLEGE, population: 'COL', date: '2025-04-10' },
      { candidateId: 'c1', ine: '123456789AB' },
    );
    const head = await store.headPosition();
    const stale = await request(server)
      .post('/sessions/C1/finalise')
      .set('If-Match', '"2"')
      .send({ finalisedOn: '2025-04-11' })
      .expect(409);
    expect(stale.body).toMatchObject({ expectedRevision: 2, actualRevision: 4 });
    expect(await store.headPosition()).toBe(head);
    const ok = await request(server)
      .post('/sessions/C1/finalise')
      .set('If-Match', '"4"')
      .send({ finalisedOn: '2025-04-11' })
      .expect(200);
    expect(ok.headers.etag).toBe('"5"');
    await request(server)
      .post('/sessions/C1/unfinalise')
      .set('If-Match', '"5"')
      .send({ reason: 'oubli de signalement' })
      .expect(200);
    await request(server)
      .post('/sessions/C1/publish')
      .send({ publishedOn: '2025-04-20' })
      .expect(409);
  });

  it('records 6e attestations through campaigns', async () => {
    const server = t.app.getHttpServer();
    const base = `/attestations6e/${REIMS_COLLEGE}/2024-2025`;
    await request(server)
      .post(`${base}/campaigns`)
      .send({ campaignCode: 'PROT6E', parcours: 'Protection et sécurité', openedOn: '2024-10-01' })
      .expect(201);
    await request(server)
      .post(`${base}/completions`)
      .send({
        campaignCode: 'PROT6E',
        pupilId: 'p1',
        ine: '123456789AB',
        identity: { lastName: 'Petit', firstName: 'Noé', birthDate: '2013-02-11' },
        completedOn: '2024-11-05',
        score: 72,
      })
      .expect(201);
    await request(server)
      .post(`${base}/outcomes`)
      .send({ pupilId: 'p1', obtained: true, campaignCode: 'PROT6E', decidedOn: '2024-11-06' })
      .expect(200);
    const events = await store.readStream(`attestation6e-${REIMS_COLLEGE}-2024-2025`);
    expect(events.map((e) => [e.type, e.metadata.schoolYear])).toEqual([
      ['Attestation6eCampaignOpened', '2024-2025'],
      ['Attestation6eParcoursCompleted', '2024-2025'],
      ['Attestation6eObtained', '2024-2025'],
    ]);
  });
});
