import request from 'supertest';
import { REGULATORY_HISTORY_V1 } from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { RegulationQueries } from '../../apps/api/src/regulation/regulation-queries.service';
import { RegulationSeeding } from '../../apps/api/src/regulation/seeding/regulation-seeding.service';
import { startTestApp, type TestApp } from '../support/test-app';

const R6 = 'note-de-service-2021-12-21';
const R7 = 'note-de-service-2024-10-23';

/** The app as `npm start` runs it: an empty store is seeded with the regulatory history. */
async function startSeededApp(): Promise<TestApp> {
  const previous = process.env.PIX_LEDGER_SEED_REGULATION;
  process.env.PIX_LEDGER_SEED_REGULATION = 'true';
  try {
    return await startTestApp();
  } finally {
    if (previous === undefined) delete process.env.PIX_LEDGER_SEED_REGULATION;
    else process.env.PIX_LEDGER_SEED_REGULATION = previous;
  }
}

type Window = { population: string; start?: string; end?: string; mandatory: boolean } & Record<
  string,
  unknown
>;
const byPopulation = (windows: Window[]) =>
  Object.fromEntries(windows.map((w) => [w.population, w]));

describe('HTTP: the seeded regulation, audited', () => {
  let t: TestApp;
  let store: EventStore;
  const get = (path: string) => request(t.app.getHttpServer()).get(path);

  beforeAll(async () => {
    t = await startSeededApp();
    store = t.app.get(EVENT_STORE);
  });
  afterAll(() => t.close());

  it('seeds an empty store on start, once: seeding again adds nothing', async () => {
    expect(await store.headPosition()).toBe(REGULATORY_HISTORY_V1.items.length);
    const again = await t.app.get(RegulationSeeding).seed();
    expect(again).toMatchObject({ recorded: 0, alreadyThere: REGULATORY_HISTORY_V1.items.length });
    expect(await store.headPosition()).toBe(REGULATORY_HISTORY_V1.items.length);
    const first = (await store.readStream(`regulationText-${R6}`))[0];
    expect(first.metadata).toMatchObject({
      knownFrom: '2022-01-20',
      backfilled: true,
      recordedAt: '2026-11-22T08:00:00.000Z',
      actor: 'system:seed',
    });
  });

  it('GET /years lists 2020-2021 … 2025-2026', async () => {
    const res = await get('/years').expect(200);
    expect(res.body.years.map((y: { schoolYear: string }) => y.schoolYear)).toEqual([
      '2020-2021',
      '2021-2022',
      '2022-2023',
      '2023-2024',
      '2024-2025',
      '2025-2026',
    ]);
  });

  it('2021-2022: LYC 29/11/2021 → 07/04/2022, COL 07/03 → 27/05/2022; as known on 15/12/2021 they ended 04/03 and 20/05', async () => {
    const now = byPopulation((await get('/years/2021-2022/calendar').expect(200)).body.windows);
    expect(now.LYC).toMatchObject({
      start: '2021-11-29',
      end: '2022-04-07',
      mandatory: true,
      sourceTextIds: [R6],
    });
    expect(now.COL).toMatchObject({ start: '2022-03-07', end: '2022-05-27' });
    const then = byPopulation(
      (await get('/years/2021-2022/calendar?knownAt=2021-12-15').expect(200)).body.windows,
    );
    expect(then.LYC).toMatchObject({ start: '2021-11-29', end: '2022-03-04', sourceTextIds: [] });
    expect(then.COL).toMatchObject({ start: '2022-03-07', end: '2022-05-20' });
    const year = (await get('/years/2021-2022').expect(200)).body;
    expect(year.history.map((h: { summary: string; knownFrom: string }) => h.knownFrom)).toEqual([
      '2021-08-27',
      '2021-12-28',
      '2022-01-20',
      '2022-02-16',
      '2022-02-16',
    ]);
  });

  it('2020-2021: the LYC certification was optional and COL mandatory', async () => {
    const res = await get('/years/2020-2021/calendar').expect(200);
    const windows = byPopulation(res.body.windows);
    expect(windows.LYC).toMatchObject({ mandatory: false, start: '2021-01-11', end: '2021-06-25' });
    expect(windows.COL).toMatchObject({ mandatory: true, start: '2021-03-08', end: '2021-06-25' });
    const rules = await get('/years/2020-2021/rules?population=LYC&asOf=2021-02-01').expect(200);
    expect(rules.body.rules).toContainEqual(
      expect.objectContaining({
        key: 'certification.mandatory',
        value: false,
        textId: 'note-dgesco-2020-12-10',
      }),
    );
  });

  it('2024-2025: LYC 07/11/2024 → 07/03/2025, finalisation by 31/03/2025, the 6e attestation mandatory', async () => {
    const windows = byPopulation((await get('/years/2024-2025/calendar').expect(200)).body.windows);
    expect(windows.LYC).toMatchObject({
      start: '2024-11-07',
      end: '2025-03-07',
      finalisationDeadline: '2025-03-31',
      scope: 'national',
      sourceTextIds: [R7],
    });
    expect(windows['6E']).toMatchObject({ mandatory: true, sourceTextIds: [R7] });
    const lyc = await get('/years/2024-2025/calendar?population=LYC').expect(200);
    expect(lyc.body.windows).toHaveLength(1);
    const rules = await get('/years/2024-2025/rules?population=6E&asOf=2025-01-15').expect(200);
    expect(rules.body.rules).toContainEqual(
      expect.objectContaining({
        key: 'attestation6e.mandatory',
        value: true,
        textId: R7,
        inForceFrom: '2024-09-01',
      }),
    );
  });

  it('the 2021 note is in force on 2023-06-01, and on 2025-01-01 abrogated by the 2024 note', async () => {
    const ids = (res: request.Response) =>
      res.body.texts.map((text: { textId: string }) => text.textId);
    expect(ids(await get('/texts?inForceOn=2023-06-01').expect(200))).toContain(R6);
    const later = await get('/texts?inForceOn=2025-01-01').expect(200);
    expect(ids(later)).not.toContain(R6);
    expect(ids(later)).toContain(R7);
    const note = await get(`/texts/${R6}`).expect(200);
    expect(note.body).toMatchObject({
      inForceFrom: '2022-01-20',
      inForceUntil: '2024-11-14',
      abrogatedBy: R7,
      abrogation: { byTextId: R7, from: '2024-11-14' },
    });
    expect(note.body.history.map((h: { type: string }) => h.type)).toEqual([
      'RegulatoryTextPublished',
      'RegulatoryTextAbrogated',
    ]);
    expect(note.headers.etag).toBe('"1"');
    const before = await get(`/texts/${R6}?knownAt=2024-11-13`).expect(200);
    expect(before.body).toMatchObject({ inForceUntil: null, abrogation: null });
    const onDate = await get(`/texts/${R6}?asOf=2023-06-01`).expect(200);
    expect(onDate.body.inForce).toBe(true);
  });

  it('an académie narrowing gives national ∩ académie, with its circular among the sources', async () => {
    const res = await get('/years/2021-2022/calendar?academie=24&population=LYC').expect(200);
    expect(res.body.windows[0]).toMatchObject({
      scope: 'academie:24',
      start: '2021-11-29',
      end: '2022-04-07',
      sourceTextIds: [R6, 'circulaire-creteil-2022-025'],
    });
  });

  it('rules: in force on a date, or their timeline over the year', async () => {
    const timeline = await get('/years/2021-2022/rules?population=LYC').expect(200);
    const validity = timeline.body.timeline.find(
      (t: { key: string }) => t.key === 'certification.validityYears',
    );
    expect(validity.values).toEqual([
      expect.objectContaining({
        value: 3,
        from: '2021-09-01',
        until: '2022-06-14',
        textId: 'arrete-2019-08-30-certification',
      }),
    ]);
    const format = (
      await get('/years/2024-2025/rules?asOf=2024-11-08&population=LYC').expect(200)
    ).body.rules.find((r: { key: string }) => r.key === 'certification.format');
    expect(format).toMatchObject({ value: 'v3', inForceFrom: '2024-09-01' });
  });

  it('keeps S1’s "8 avril 2024" as written, and its correction known from 2026-11-22', async () => {
    const now = byPopulation((await get('/years/2024-2025/calendar').expect(200)).body.windows);
    expect(now.LYC).toMatchObject({
      parcoursupTransmissionDate: '2025-04-08',
      errata: [
        { field: 'parcoursupTransmissionDate', asWritten: '2024-04-08', corrected: '2025-04-08' },
      ],
    });
    const before = byPopulation(
      (await get('/years/2024-2025/calendar?knownAt=2025-06-01').expect(200)).body.windows,
    );
    expect(before.LYC).toMatchObject({ parcoursupTransmissionDate: '2024-04-08', errata: [] });
  });

  it('serves RegulationQueries to other modules', async () => {
    const snapshot = await t.app.get(RegulationQueries).snapshot('2021-12-15');
    expect(Object.keys(snapshot.calendars)).toEqual(['2020-2021', '2021-2022']);
  });

  it('answers 404 for an unknown year or text, with a clear message', async () => {
    const year = await get('/years/2019-2020/calendar').expect(404);
    expect(year.body.message).toMatch(/No calendar is recorded for 2019-2020/);
    await get('/years/2019-2020').expect(404);
    const early = await get('/years/2024-2025?knownAt=2024-11-01').expect(404);
    expect(early.body.message).toMatch(/as known at 2024-11-01/);
    const text = await get('/texts/no-such-text').expect(404);
    expect(text.body.message).toMatch(/No regulatory text "no-such-text"/);
  });

  it.each([
    ['/texts?inForceOn=2023-13-01', 'inForceOn'],
    ['/texts?knownAt=yesterday', 'knownAt'],
    ['/years/2021-2022/calendar?asOf=01/12/2021', 'asOf'],
    ['/years/2021-2022/calendar?population=CM2', 'population'],
    ['/years/2021-2022/calendar?academie=99', 'academie'],
    ['/years/2021/calendar', 'schoolYear'],
    ['/years/2021-2023', 'schoolYear'],
    ['/years/2021-2022/rules?asOf=2023-01-01', 'asOf'],
    ['/years?colour=blue', 'colour'],
  ])('answers 400 naming the parameter: %s', async (path, parameter) => {
    const res = await get(path).expect(400);
    expect([res.body.message].flat().join(' ')).toContain(parameter);
  });

  it('documents the endpoints in OpenAPI and serves the rule catalogue', async () => {
    const doc = await get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/texts',
        '/texts/{textId}',
        '/texts/{textId}/amendments',
        '/texts/{textId}/abrogations',
        '/years',
        '/years/{schoolYear}',
        '/years/{schoolYear}/calendar',
        '/years/{schoolYear}/calendar/amendments',
        '/years/{schoolYear}/calendar/narrowings',
        '/years/{schoolYear}/rules',
        '/rule-catalogue',
      ]),
    );
    const catalogue = await get('/rule-catalogue').expect(200);
    expect(catalogue.body.rules).toContainEqual(
      expect.objectContaining({ key: 'certification.threshold.minCompetences', unit: 'count' }),
    );
  });
});
