import request from 'supertest';
import { REGULATORY_HISTORY_V1 } from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { RegulationCommands } from '../../apps/api/src/regulation/regulation-commands.service';
import { seedRegulatoryHistory } from '../../apps/api/src/regulation/seeding/seed-regulatory-history';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { reference: 'test fixture' };

const note = {
  textId: 'note-test-2030',
  kind: 'note-de-service',
  title: 'Note de test',
  issuer: 'DGESCO',
  scope: { level: 'national' },
  inForceFrom: '2030-09-01',
  source,
  confidence: 'C',
  rules: [{ key: 'certification.validityYears', value: 3 }],
};

const calendar = {
  publishedOn: '2030-09-10',
  items: [
    {
      population: 'LYC',
      mandatory: true,
      window: { start: '2030-11-04', end: '2031-03-07' },
      textId: 'note-test-2030',
    },
    { population: 'COL', mandatory: true, window: { start: '2031-03-17', end: '2031-06-13' } },
  ],
  source,
  confidence: 'P',
};

describe('HTTP: regulation commands (an empty store, seeding from code)', () => {
  let t: TestApp;
  let store: EventStore;
  const server = () => t.app.getHttpServer();
  const post = (path: string, body: object) => request(server()).post(path).send(body);

  beforeAll(async () => {
    t = await startTestApp('2030-09-15T09:00:00.000Z');
    store = t.app.get(EVENT_STORE);
    await post('/texts', note).expect(201);
    await post('/texts', {
      ...note,
      textId: 'circulaire-test-2030',
      kind: 'circulaire-academique',
      scope: { level: 'academie', academie: '25' },
      rules: [],
    }).expect(201);
  });
  afterAll(() => t.close());

  it('records a calendar, then a correction later: knownAt before it gives the original, after it the correction', async () => {
    const published = await post('/years/2030-2031/calendar', calendar).expect(201);
    expect(published.body).toMatchObject({
      streamId: 'yearCalendar-2030-2031',
      revision: 0,
      events: ['SchoolYearCalendarPublished'],
    });
    expect(published.headers.etag).toBe('"0"');
    expect(published.body.knownFrom).toBe('2030-09-15T09:00:00.000Z');

    t.clock.set('2030-12-01T10:00:00.000Z');
    const corrected = await post('/years/2030-2031/calendar/amendments', {
      amendedOn: '2030-12-01',
      changes: [{ population: 'LYC', window: { start: '2030-11-04', end: '2031-04-04' } }],
      reason: 'window extended',
      source,
      confidence: 'C',
    })
      .set('If-Match', '"0"')
      .expect(201);
    expect(corrected.body.revision).toBe(1);

    const lycEnd = async (query: string) =>
      (await request(server()).get(`/years/2030-2031/calendar?population=LYC${query}`).expect(200))
        .body.windows[0].end;
    expect(await lycEnd('&knownAt=2030-11-30T23:59:59Z')).toBe('2031-03-07');
    expect(await lycEnd('&knownAt=2030-12-01T09:59:59.999Z')).toBe('2031-03-07');
    expect(await lycEnd('&knownAt=2030-12-01T10:00:00Z')).toBe('2031-04-04');
    expect(await lycEnd('')).toBe('2031-04-04');
    expect(await lycEnd('&asOf=2030-11-15')).toBe('2031-03-07');

    const year = await request(server()).get('/years/2030-2031').expect(200);
    expect(
      year.body.history.map((h: { knownFrom: string; recordedAt: string; backfilled: boolean }) => [
        h.knownFrom,
        h.recordedAt,
        h.backfilled,
      ]),
    ).toEqual([
      ['2030-09-15T09:00:00.000Z', '2030-09-15T09:00:00.000Z', false],
      ['2030-12-01T10:00:00.000Z', '2030-12-01T10:00:00.000Z', false],
    ]);
    const events = await store.readStream('yearCalendar-2030-2031');
    expect(events.map((e) => e.metadata.schoolYear)).toEqual(['2030-2031', '2030-2031']);
  });

  it('answers 409 on a stale If-Match and records nothing', async () => {
    const head = await store.headPosition();
    const res = await post('/years/2030-2031/calendar/amendments', {
      amendedOn: '2030-12-02',
      changes: [{ population: 'COL', finalisationDeadline: '2031-06-20' }],
      source,
      confidence: 'C',
    })
      .set('If-Match', '"0"')
      .expect(409);
    expect(res.body).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
    expect(await store.headPosition()).toBe(head);
  });

  it('answers a retried command with the same Idempotency-Key with the original outcome, adding nothing', async () => {
    const body = {
      amendedOn: '2030-12-01',
      changes: [
        {
          op: 'set',
          rule: { key: 'certification.validityYears', value: 2, inForceFrom: '2030-12-01' },
        },
      ],
      source,
      confidence: 'P',
    };
    const first = await post('/texts/note-test-2030/amendments', body)
      .set('Idempotency-Key', 'amend-1')
      .expect(201);
    const head = await store.headPosition();
    const again = await post('/texts/note-test-2030/amendments', body)
      .set('Idempotency-Key', 'amend-1')
      .expect(201);
    expect(again.body).toMatchObject({
      revision: first.body.revision,
      position: first.body.position,
      replayed: true,
    });
    expect(await store.headPosition()).toBe(head);
  });

  describe('refuses bad input with 400 naming the field, and records nothing', () => {
    const abrogation = { byTextId: 'note-test-2030', from: '2031-01-01', source, confidence: 'C' };
    const cases: Array<[string, string, object, RegExp]> = [
      [
        'a window that ends before it starts',
        '/years/2031-2032/calendar',
        {
          ...calendar,
          items: [
            {
              population: 'LYC',
              mandatory: true,
              window: { start: '2031-11-04', end: '2031-11-03' },
            },
          ],
        },
        /items\[0\]\.window\.end: 2031-11-03 is before the start 2031-11-04/,
      ],
      [
        'a year that is not YYYY-(YYYY+1)',
        '/years/2031/calendar',
        calendar,
        /schoolYear must be a school year/,
      ],
      [
        'a year that spans two years',
        '/years/2031-2033/calendar',
        calendar,
        /schoolYear must be a school year/,
      ],
      [
        'an académie narrowing outside the national window',
        '/years/2030-2031/calendar/narrowings',
        {
          academie: '25',
          population: 'LYC',
          textId: 'circulaire-test-2030',
          publishedOn: '2030-10-01',
          window: { start: '2030-10-01', end: '2031-02-01' },
          source,
          confidence: 'C',
        },
        /window: an académie may only narrow the national LYC window 2030-11-04 → 2031-04-04/,
      ],
      [
        'abrogating a text that does not exist',
        '/texts/no-such-text/abrogations',
        abrogation,
        /textId: no regulatory text "no-such-text" is recorded/,
      ],
      [
        'an unknown rule key in a published text',
        '/texts',
        {
          ...note,
          textId: 'note-test-2031',
          rules: [{ key: 'certification.colour', value: 'blue' }],
        },
        /rules\[0\]\.key: unknown rule key "certification.colour"/,
      ],
      [
        'an unknown rule key in an amendment',
        '/texts/note-test-2030/amendments',
        {
          amendedOn: '2031-01-01',
          changes: [{ op: 'remove', key: 'pix.colour', inForceFrom: '2031-01-01' }],
          source,
          confidence: 'C',
        },
        /changes\[0\]\.key: unknown rule key "pix.colour"/,
      ],
      [
        'a malformed date',
        '/texts',
        { ...note, textId: 'note-test-2032', inForceFrom: '01/09/2030' },
        /inForceFrom must be a calendar date/,
      ],
      [
        'an unknown property',
        '/texts',
        { ...note, textId: 'note-test-2033', colour: 'blue' },
        /property colour should not exist/,
      ],
      [
        'a missing source',
        '/years/2032-2033/calendar',
        { ...calendar, source: undefined },
        /source/,
      ],
    ];

    it.each(cases)('%s', async (_label, path, body, message) => {
      const head = await store.headPosition();
      const res = await post(path, body).expect(400);
      expect([res.body.message].flat().join(' | ')).toMatch(message);
      expect(await store.headPosition()).toBe(head);
    });

    it('abrogating a text already abrogated', async () => {
      await post('/texts/circulaire-test-2030/abrogations', abrogation).expect(201);
      const head = await store.headPosition();
      const res = await post('/texts/circulaire-test-2030/abrogations', {
        ...abrogation,
        from: '2031-02-01',
      }).expect(400);
      expect(res.body.message.join(' ')).toMatch(
        /textId: text "circulaire-test-2030" is already abrogated, from 2031-01-01 by "note-test-2030"/,
      );
      expect(await store.headPosition()).toBe(head);
    });
  });

  it('seeds the regulatory history from code, and seeding twice adds nothing', async () => {
    const commands = t.app.get(RegulationCommands);
    const first = await seedRegulatoryHistory(commands);
    expect(first).toMatchObject({ recorded: REGULATORY_HISTORY_V1.items.length, alreadyThere: 0 });
    const head = await store.headPosition();
    const second = await seedRegulatoryHistory(commands);
    expect(second).toMatchObject({ recorded: 0, alreadyThere: REGULATORY_HISTORY_V1.items.length });
    expect(await store.headPosition()).toBe(head);
  });
});
