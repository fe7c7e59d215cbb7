import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  EVENT_STORE,
  type EventStore,
  type ExportedEvent,
  verifyChain,
} from '@pix-ledger/event-store';
import { RegulationSeeding } from '../../apps/api/src/regulation/seeding/regulation-seeding.service';
import { PupilKeyStore } from '../../apps/api/src/privacy/keys/pupil-key-store';
import { type SecureTestApp, startSecureTestApp } from './security-harness';
import {
  LYCEE_A,
  personalDataIn,
  PUPIL_A,
  PUPIL_B,
  registerWorld,
  YEAR,
} from './security-fixtures';

/** Every byte of the registry's files that a copy of the disk would show. */
function filesText(dataDir: string, names: string[]): string {
  return names
    .map((name) => join(dataDir, name))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

describe('Erasure: the key is destroyed, the identity is unreadable everywhere, the statistics stay', () => {
  let t: SecureTestApp;
  let dataDir: string;
  let pupilRef: string;
  let statsBefore: unknown;
  let academieStatsBefore: unknown;
  let destroyedKey: Buffer;
  const backup = () => join(dataDir, 'keys-backup.db');

  /**
   * Everything a national administrator can read about the year and the log, but the session
   * view (the one place that opens identities, checked on its own).
   */
  async function everythingReadable(): Promise<string> {
    const admin = t.http;
    const reads = [
      `/years/${YEAR}/establishments/${LYCEE_A}`,
      `/years/${YEAR}/compliance`,
      `/years/${YEAR}/stats`,
      `/years/${YEAR}/report`,
      '/events?limit=1000',
      '/streams/session-SA',
      '/feed/page?from=1&limit=1000',
      '/integrity/export',
    ];
    const texts = [];
    for (const url of reads) texts.push((await admin.get(url).expect(200)).text);
    return texts.join('\n');
  }

  beforeAll(async () => {
    t = await startSecureTestApp({ keep: true });
    dataDir = t.dataDir;
    await t.app.get(RegulationSeeding).seed();
    await registerWorld(t.http);
    statsBefore = (await t.http.get(`/years/${YEAR}/stats`).expect(200)).body;
    academieStatsBefore = (await t.as('academie:19').get(`/years/${YEAR}/stats`).expect(200)).body;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('before: the log and the views hold the identity only sealed; the session view opens it', async () => {
    const session = (await t.http.get('/sessions/SA').expect(200)).body;
    const candidate = session.candidates.find(
      (c: { candidateId: string }) => c.candidateId === 'ca',
    );
    expect(candidate).toMatchObject({
      ine: PUPIL_A.ine,
      identity: PUPIL_A.identity,
      personalDataErased: false,
    });
    pupilRef = candidate.pupilRef;
    expect(
      (await t.http.post('/pupils/lookup').send({ ine: PUPIL_A.ine }).expect(200)).body,
    ).toEqual({ pupilRef });
    // The stored log (and the views) never hold personal data in clear.
    await t.app.get<EventStore>(EVENT_STORE).headPosition();
    expect(
      personalDataIn(
        filesText(dataDir, [
          'pix-ledger.db',
          'pix-ledger.db-wal',
          'pix-ledger.views.db',
          'pix-ledger.views.db-wal',
        ]),
      ),
    ).toEqual([]);
    expect(personalDataIn(await everythingReadable())).toEqual([]);
    const keys = new PupilKeyStore(join(dataDir, 'pix-ledger.keys.db'));
    destroyedKey = keys.keyOf(pupilRef) as Buffer;
    keys.close();
    expect(destroyedKey).toHaveLength(32);
    // A backup of the key file as it stood (the WAL folded in): it does hold the key.
    const file = new Database(join(dataDir, 'pix-ledger.keys.db'));
    file.pragma('wal_checkpoint(TRUNCATE)');
    file.close();
    copyFileSync(join(dataDir, 'pix-ledger.keys.db'), backup());
    expect(filesText(dataDir, ['keys-backup.db']).includes(destroyedKey.toString('latin1'))).toBe(
      true,
    );
  });

  it('POST /pupils/{ref}/erasure records who erased, destroys the key, and answers the same when repeated', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const res = await t.http
      .post(`/pupils/${pupilRef}/erasure`)
      .send({ reason: 'DPO-2026-017' })
      .expect(200);
    expect(res.body).toMatchObject({ pupilRef, erased: true, alreadyErased: false });
    const [erased] = await store.readStream(`pupil-${pupilRef}`);
    expect(erased).toMatchObject({
      type: 'PupilPersonalDataErased',
      data: { pupilRef, erasedOn: '2026-11-22', reason: 'DPO-2026-017' },
      metadata: { actor: 'test-admin', recordedAt: '2026-11-22T08:00:00.000Z' },
    });
    const again = await t.http.post(`/pupils/${pupilRef}/erasure`).send({}).expect(200);
    expect(again.body).toMatchObject({ alreadyErased: true });
    await t.http.post('/pupils/0190d3c4-0000-7000-8000-000000000000/erasure').send({}).expect(404);
    await t.http.post('/pupils/not-a-ref/erasure').send({}).expect(400);
    // No copy of the key is left in the key file or its journal.
    expect(
      filesText(dataDir, ['pix-ledger.keys.db', 'pix-ledger.keys.db-wal']).includes(
        destroyedKey.toString('latin1'),
      ),
    ).toBe(false);
  });

  it('after: no endpoint and no export shows the identity; the other pupils are untouched; the results stay', async () => {
    const session = (await t.http.get('/sessions/SA').expect(200)).body;
    const candidate = session.candidates.find(
      (c: { candidateId: string }) => c.candidateId === 'ca',
    );
    expect(candidate).toMatchObject({
      pupilRef,
      ine: null,
      identity: null,
      personalDataErased: true,
    });
    expect(candidate.results).toHaveLength(1);
    await t.http.post('/pupils/lookup').send({ ine: PUPIL_A.ine }).expect(404);

    expect(personalDataIn(await everythingReadable())).toEqual([]);
    const sessionB = (await t.http.get('/sessions/SB').expect(200)).body;
    expect(sessionB.candidates[0]).toMatchObject({ ine: PUPIL_B.ine, identity: PUPIL_B.identity });
  });

  it('the statistics of the year are unchanged, for the nation and for the académie', async () => {
    expect((await t.http.get(`/years/${YEAR}/stats`).expect(200)).body).toEqual(statsBefore);
    expect((await t.as('academie:19').get(`/years/${YEAR}/stats`).expect(200)).body).toEqual(
      academieStatsBefore,
    );
  });

  it('the log was not rewritten: its hash chain holds, and an export verifies offline', async () => {
    expect((await t.http.get('/integrity').expect(200)).body).toMatchObject({ ok: true });
    const lines = (await t.http.get('/integrity/export').expect(200)).text.trim().split('\n');
    const exported = lines.map((line) => JSON.parse(line) as ExportedEvent);
    expect(await verifyChain(exported)).toMatchObject({ ok: true, checked: lines.length });
    expect(exported.some((e) => e.type === 'CandidateEnrolled' && e.data.includes(pupilRef))).toBe(
      true,
    );
  });

  it('neither a rebuild of every view from the log, nor a restored old copy of the key file, brings it back', async () => {
    await t.close();
    // Views rebuilt from scratch on start, and the key file of before the erasure put back.
    for (const name of [
      'pix-ledger.views.db',
      'pix-ledger.views.db-wal',
      'pix-ledger.views.db-shm',
    ])
      rmSync(join(dataDir, name), { force: true });
    for (const name of ['pix-ledger.keys.db-wal', 'pix-ledger.keys.db-shm'])
      rmSync(join(dataDir, name), { force: true });
    copyFileSync(backup(), join(dataDir, 'pix-ledger.keys.db'));
    rmSync(backup());
    t = await startSecureTestApp({ dataDir, keep: true });

    const session = (await t.http.get('/sessions/SA').expect(200)).body;
    expect(
      session.candidates.find((c: { candidateId: string }) => c.candidateId === 'ca'),
    ).toMatchObject({
      ine: null,
      identity: null,
      personalDataErased: true,
    });
    expect(personalDataIn(await everythingReadable())).toEqual([]);
    expect((await t.http.get(`/years/${YEAR}/stats`).expect(200)).body).toEqual(statsBefore);
    expect(
      filesText(dataDir, ['pix-ledger.keys.db', 'pix-ledger.keys.db-wal']).includes(
        destroyedKey.toString('latin1'),
      ),
    ).toBe(false);
  });
});
