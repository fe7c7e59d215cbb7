import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  REIMS_LYCEE,
  registerEstablishment,
  result,
  sessionWithResult,
} from '../fixtures/certification';

describe('HTTP: bad certification input is a 400 naming the field, and records nothing', () => {
  let t: TestApp;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    await registerEstablishment(t.app, REIMS_LYCEE, 'LGT');
    await sessionWithResult(
      t.app,
      { sessionId: 'L1', uai: REIMS_LYCEE, population: 'LYC', date: '2025-01-15' },
      { candidateId: 'c1', ine: '123456789AB' },
    );
    await request(t.app.getHttpServer())
      .post('/sessions/L1/candidates')
      .send({
        candidateId: 'c2',
        ine: '0494004062M',
        identity: { lastName: 'A', firstName: 'B', birthDate: '2007-01-01' },
      })
      .expect(201);
    await request(t.app.getHttpServer())
      .post('/sessions/L1/candidates/c2/start')
      .send({})
      .expect(200);
    await request(t.app.getHttpServer())
      .post('/sessions/L1/candidates/c2/complete')
      .send({})
      .expect(200);
  });
  afterAll(() => t.close());

  const establishment = {
    uai: '0510003B',
    name: 'Lycée Clemenceau',
    type: 'LGT',
    sector: 'public',
    academie: '19',
  };

  it.each([
    [
      'a bad UAI check letter',
      '/establishments',
      { ...establishment, uai: '0510003C' },
      /uai: check letter must be B, not C/,
    ],
    [
      'a malformed UAI',
      '/establishments',
      { ...establishment, uai: '51-0003' },
      /uai: must be 7 digits/,
    ],
    [
      'an unknown académie',
      '/establishments',
      { ...establishment, academie: '99' },
      /academie: unknown académie code "99"/,
    ],
    [
      'Normandie before it existed',
      '/establishments',
      { ...establishment, academie: '70', academieSince: '2019-10-01' },
      /academieSince/,
    ],
    [
      'a membership day that is not a date',
      '/establishments',
      { ...establishment, academieSince: '2020-02-30' },
      /academieSince: must be a calendar date/,
    ],
    [
      'an unknown field',
      '/establishments',
      { ...establishment, color: 'blue' },
      /property color should not exist/,
    ],
    [
      'a bad INE',
      '/sessions/L1/candidates',
      {
        candidateId: 'c9',
        ine: '12345ABCDEF',
        identity: { lastName: 'A', firstName: 'B', birthDate: '2007-01-01' },
      },
      /ine: must be an INE/,
    ],
    [
      'a birth date that is not a date',
      '/sessions/L1/candidates',
      {
        candidateId: 'c9',
        ine: '1234A12345K',
        identity: { lastName: 'A', firstName: 'B', birthDate: '31/02/2007' },
      },
      /identity\.birthDate: must be a calendar date/,
    ],
    [
      'a competence level of 9',
      '/sessions/L1/candidates/c2/score',
      { result: result([2, 9, ...Array(14).fill(2)]) },
      /result\.competences\.1\.level must not be greater than 8/,
    ],
    [
      '15 competences',
      '/sessions/L1/candidates/c2/score',
      { result: { ...result(), competences: result().competences.slice(1) } },
      /result\.competences must contain at least 16/,
    ],
    [
      'a session date that is not a date',
      '/sessions',
      { sessionId: 'S9', uai: REIMS_LYCEE, population: 'LYC', date: '2025-13-45', time: '09:00' },
      /date: must be a calendar date/,
    ],
    [
      'a session date in words',
      '/sessions',
      { sessionId: 'S9', uai: REIMS_LYCEE, population: 'LYC', date: 'demain', time: '09:00' },
      /date: must be a calendar date/,
    ],
    [
      'an unregistered establishment',
      '/sessions',
      { sessionId: 'S9', uai: '0510003B', population: 'LYC', date: '2025-01-10', time: '09:00' },
      /uai: no establishment is registered/,
    ],
    [
      'a population that is not one',
      '/sessions',
      { sessionId: 'S9', uai: REIMS_LYCEE, population: '6E', date: '2025-01-10', time: '09:00' },
      /population must be one of/,
    ],
    [
      'a finalisation day that is not a date',
      '/sessions/L1/finalise',
      { finalisedOn: 'hier' },
      /finalisedOn: must be a calendar date/,
    ],
    [
      'a finalisation before the session',
      '/sessions/L1/finalise',
      { finalisedOn: '2025-01-14' },
      /finalisedOn: must not be before the session date/,
    ],
    [
      'an unknown abort reason',
      '/sessions/L1/candidates/c1/abort',
      { reason: 'météo' },
      /reason must be one of/,
    ],
  ])('refuses %s', async (_label, path, body, message) => {
    const head = await store.headPosition();
    const res = await request(t.app.getHttpServer()).post(path).send(body).expect(400);
    expect(res.body.message.join(' | ')).toMatch(message);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses a bad UAI in the path', async () => {
    const res = await request(t.app.getHttpServer()).get('/establishments/0510003C').expect(400);
    expect(res.body.message.join(' ')).toMatch(/uai: check letter/);
  });

  it('refuses an If-Match that is not a revision', async () => {
    const head = await store.headPosition();
    await request(t.app.getHttpServer())
      .post('/sessions/L1/finalise')
      .set('If-Match', 'yesterday')
      .send({})
      .expect(400);
    expect(await store.headPosition()).toBe(head);
  });
});
