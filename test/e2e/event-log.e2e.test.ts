import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { startTestApp, type TestApp } from '../support/test-app';

describe('HTTP: health and the raw event log', () => {
  let t: TestApp;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    await store.append('regulationText-r6', [
      { type: 'RegulatoryTextPublished', data: { n: 1 }, metadata: { schoolYear: '2021-2022' } },
    ]);
    await store.append('yearCalendar-2024-2025', [
      { type: 'CalendarPublished', data: { n: 2 }, metadata: { schoolYear: '2024-2025' } },
      { type: 'CalendarAmended', data: { n: 3 }, metadata: { schoolYear: '2024-2025' } },
    ]);
  });
  afterAll(() => t.close());

  it('GET /health answers with the store and its head position', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', eventStore: 'sqlite', headPosition: 3 });
  });

  it('GET /events pages through the log in order with filters', async () => {
    const server = t.app.getHttpServer();
    const all = await request(server).get('/events').expect(200);
    expect(all.body.events.map((e: { position: number }) => e.position)).toEqual([1, 2, 3]);
    expect(all.body.events[0]).toMatchObject({
      streamId: 'regulationText-r6',
      revision: 0,
      type: 'RegulatoryTextPublished',
      metadata: { recordedAt: '2026-11-22T08:00:00.000Z', schemaVersion: 1 },
    });

    const page = await request(server).get('/events?from=2&limit=1').expect(200);
    expect(page.body.events.map((e: { position: number }) => e.position)).toEqual([2]);
    expect(page.body.nextFrom).toBe(3);

    const byCategory = await request(server).get('/events?categories=regulationText').expect(200);
    expect(byCategory.body.events).toHaveLength(1);
    const byYear = await request(server)
      .get('/events?schoolYear=2024-2025&types=CalendarAmended')
      .expect(200);
    expect(byYear.body.events.map((e: { type: string }) => e.type)).toEqual(['CalendarAmended']);
  });

  it('refuses bad query parameters with 400 naming the parameter', async () => {
    const server = t.app.getHttpServer();
    const bad = await request(server).get('/events?limit=0').expect(400);
    expect(bad.body.message.join(' ')).toMatch(/limit/);
    const year = await request(server).get('/events?schoolYear=2024').expect(400);
    expect(year.body.message.join(' ')).toMatch(/schoolYear/);
    const unknown = await request(server).get('/events?foo=1').expect(400);
    expect(unknown.body.message.join(' ')).toMatch(/foo/);
  });

  it('GET /streams/:id reads one stream; an unknown one is 404', async () => {
    const server = t.app.getHttpServer();
    const res = await request(server)
      .get('/streams/yearCalendar-2024-2025?direction=backwards')
      .expect(200);
    expect(res.body.events.map((e: { revision: number }) => e.revision)).toEqual([1, 0]);
    await request(server).get('/streams/yearCalendar-1999-2000').expect(404);
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/events', '/streams/{streamId}']),
    );
  });
});
