import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPETENCE_CODES, type SessionEvent } from '@pix-ledger/domain';
import { FixedClock, SqliteEventStore } from '@pix-ledger/event-store';
import { ProjectionRunner } from '../projection-runner';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { certificationProjection } from './certification.projection';
import { loadYearAttestations6e, loadYearResults, loadYearSessions } from './year-facts';

const result = (pixScore: number) => ({
  status: 'validated' as const,
  pixScore,
  format: 'v2' as const,
  competences: COMPETENCE_CODES.map((code) => ({ code, level: 1, score: 8 })),
  maxReachableLevel: 6,
  maxReachableScore: 768,
});

describe('certification projection and year facts', () => {
  let dir: string;
  let store: SqliteEventStore;
  let views: SqliteReadModelStore;
  const clock = new FixedClock(new Date('2020-02-01T10:00:00Z'));

  const append = (
    stream: string,
    events: SessionEvent[] | { type: string; data: unknown }[],
    schoolYear?: string,
  ) =>
    store.append(
      stream,
      events.map((e) => ({ ...e, metadata: schoolYear ? { schoolYear } : {} })),
    );

  beforeEach(async () => {
    clock.set('2020-02-01T10:00:00Z');
    dir = mkdtempSync(join(tmpdir(), 'pix-ledger-cert-'));
    store = new SqliteEventStore(join(dir, 'events.db'), { clock });
    views = new SqliteReadModelStore(join(dir, 'views.db'));
    // A Caen lycée that moved to Normandie on 2020-01-01.
    await append('establishment-0140001A', [
      {
        type: 'EstablishmentRegistered',
        data: {
          uai: '0140001A',
          name: 'Lycée Malherbe',
          type: 'LGT',
          sector: 'public',
          academie: '05',
          academieSince: null,
        },
      },
      {
        type: 'EstablishmentAcademieChanged',
        data: { uai: '0140001A', academie: '70', since: '2020-01-01' },
      },
    ]);
    for (const [id, date] of [
      ['A', '2019-12-10'],
      ['B', '2020-03-10'],
    ]) {
      await append(
        `session-${id}`,
        [
          {
            type: 'SessionScheduled',
            data: { sessionId: id, uai: '0140001A', population: 'LYC', date, time: '09:00' },
          },
          {
            type: 'CandidateEnrolled',
            data: {
              sessionId: id,
              candidateId: 'c1',
              ine: '123456789AB',
              identity: { lastName: 'X', firstName: 'Y', birthDate: '2002-01-01' },
            },
          },
          {
            type: 'CertificationStarted',
            data: { sessionId: id, candidateId: 'c1', startedAt: `${date}T09:00:00Z` },
          },
          {
            type: 'CertificationCompleted',
            data: { sessionId: id, candidateId: 'c1', completedAt: `${date}T10:00:00Z` },
          },
          {
            type: 'CertificationScored',
            data: {
              sessionId: id,
              candidateId: 'c1',
              version: 1,
              result: result(100),
              origin: 'pix',
              publishedOn: null,
            },
          },
        ],
        '2019-2020',
      );
    }
  });
  afterEach(async () => {
    await store.close();
    await views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function project() {
    const runner = new ProjectionRunner(store, views, [certificationProjection]);
    await runner.init();
    await runner.catchUp();
  }

  it('gives each session the académie of its date (Caen, then Normandie) and keeps no INE', async () => {
    await project();
    const sessions = await loadYearSessions(views, { schoolYear: '2019-2020' });
    expect(sessions.map((s) => [s.sessionId, s.academie, s.candidates, s.testsStarted])).toEqual([
      ['A', '05', 1, 1],
      ['B', '70', 1, 1],
    ]);
    const normandie = await loadYearSessions(views, { schoolYear: '2019-2020', academie: '70' });
    expect(normandie.map((s) => s.sessionId)).toEqual(['B']);
    const dump =
      JSON.stringify(await views.all('SELECT * FROM cert_candidates')) +
      JSON.stringify(await views.all('SELECT * FROM cert_results'));
    expect(dump).not.toContain('123456789AB');
    expect(dump).not.toContain('"Y"');
  });

  it('keeps every result version and answers the latest one known at a date', async () => {
    clock.set('2020-04-01T10:00:00Z');
    await append(
      'session-B',
      [
        {
          type: 'CertificationRescored',
          data: {
            sessionId: 'B',
            candidateId: 'c1',
            version: 2,
            result: result(120),
            reason: 'jury',
          },
        },
      ],
      '2019-2020',
    );
    clock.set('2020-05-01T10:00:00Z');
    await append(
      'session-B',
      [
        {
          type: 'CertificationCancelled',
          data: { sessionId: 'B', candidateId: 'c1', version: 3, reason: 'fraude' },
        },
      ],
      '2019-2020',
    );
    await project();
    const all = await views.all<{ version: number; status: string; pix_score: number }>(
      "SELECT version, status, pix_score FROM cert_results WHERE session_id = 'B' ORDER BY version",
    );
    expect(all).toEqual([
      { version: 1, status: 'validated', pix_score: 100 },
      { version: 2, status: 'validated', pix_score: 120 },
      { version: 3, status: 'cancelled', pix_score: 120 },
    ]);
    const ids = new Set(['B']);
    const now = await loadYearResults(views, { schoolYear: '2019-2020' }, ids);
    expect(now.map((r) => [r.version, r.status])).toEqual([[3, 'cancelled']]);
    const before = await loadYearResults(
      views,
      { schoolYear: '2019-2020', knownAtMs: Date.parse('2020-04-15T00:00:00Z') },
      ids,
    );
    expect(before.map((r) => [r.version, r.pixScore])).toEqual([[2, 120]]);
  });

  it('follows finalisation and publication as known, and as dated (asOf)', async () => {
    clock.set('2020-03-12T10:00:00Z');
    await append(
      'session-B',
      [
        {
          type: 'SessionFinalised',
          data: {
            sessionId: 'B',
            finalisedOn: '2020-03-11',
            abortReasons: [],
            examinerGlobalComment: null,
            hasIncident: false,
            hasJoiningIssue: false,
          },
        },
        { type: 'SessionResultsPublished', data: { sessionId: 'B', publishedOn: '2020-03-20' } },
      ],
      '2019-2020',
    );
    await project();
    const [b] = await loadYearSessions(views, {
      schoolYear: '2019-2020',
      uai: '0140001A',
      population: 'LYC',
      asOf: '2020-03-15',
    }).then((s) => s.filter((x) => x.sessionId === 'B'));
    expect([b.finalisedOn, b.publishedOn]).toEqual(['2020-03-11', null]);
    const known = await loadYearSessions(views, {
      schoolYear: '2019-2020',
      knownAtMs: Date.parse('2020-03-01T00:00:00Z'),
    });
    expect(known.find((s) => s.sessionId === 'B')?.finalisedOn).toBeNull();
    const before = await loadYearSessions(views, { schoolYear: '2019-2020', asOf: '2020-01-01' });
    expect(before.map((s) => s.sessionId)).toEqual(['A']);
  });

  it('counts 6e attestation outcomes per establishment, the latest standing', async () => {
    const scope = { uai: '0140001A', schoolYear: '2024-2025' };
    await append(
      'attestation6e-0140001A-2024-2025',
      [
        {
          type: 'Attestation6eCampaignOpened',
          data: { ...scope, campaignCode: 'K1', parcours: 'Protection', openedOn: '2024-10-01' },
        },
        ...['p1', 'p2', 'p3'].map((pupilId, i) => ({
          type: 'Attestation6eParcoursCompleted',
          data: {
            ...scope,
            campaignCode: 'K1',
            pupilId,
            ine: `12345678${i}AB`,
            identity: { lastName: 'A', firstName: 'B', birthDate: '2013-01-01' },
            completedOn: '2024-11-01',
            score: 60,
          },
        })),
        {
          type: 'Attestation6eNotObtained',
          data: { ...scope, pupilId: 'p1', campaignCode: 'K1', decidedOn: '2024-11-02' },
        },
        {
          type: 'Attestation6eObtained',
          data: { ...scope, pupilId: 'p1', campaignCode: 'K1', decidedOn: '2025-05-02' },
        },
        {
          type: 'Attestation6eNotObtained',
          data: { ...scope, pupilId: 'p2', campaignCode: 'K1', decidedOn: '2024-11-02' },
        },
      ],
      '2024-2025',
    );
    await project();
    const [year] = await loadYearAttestations6e(views, { schoolYear: '2024-2025' });
    expect(year).toMatchObject({
      uai: '0140001A',
      academie: '70',
      pupils: 3,
      obtained: 1,
      notObtained: 1,
      pending: 1,
    });
    const [december] = await loadYearAttestations6e(views, {
      schoolYear: '2024-2025',
      asOf: '2024-12-31',
    });
    expect(december).toMatchObject({ obtained: 0, notObtained: 2, pending: 1 });
  });
});
