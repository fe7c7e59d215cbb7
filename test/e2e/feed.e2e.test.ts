import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import {
  EVENT_STORE,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@pix-ledger/event-store';
import { FeedStreams } from '../../apps/api/src/integrations/feed/feed-streams.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { openSse, type SseMessage } from './feed-sse-client';

// Read by the integrations module when the app starts (jest gives each test file its own env).
process.env.PIX_LEDGER_FEED_HEARTBEAT_MS = '100';
process.env.PIX_LEDGER_WEBHOOK_WORKER = 'off';

interface CloudEventJson {
  id: string;
  type: string;
  subject: string;
  position: number;
  schoolyear?: string;
  data: { n: number };
}

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function readAll(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

const calendarEvent = (n: number, schoolYear = '2024-2025'): NewEvent => ({
  type: 'CalendarAmended',
  data: { n },
  metadata: { schoolYear },
});

describe('GET /feed (Server-Sent Events) over a real HTTP server', () => {
  let t: TestApp;
  let store: EventStore;
  let base: string;
  let feeds: FeedStreams;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    feeds = t.app.get(FeedStreams);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    for (let batch = 0; batch < 5; batch++) {
      await store.append(
        `yearCalendar-${2020 + batch}-${2021 + batch}`,
        Array.from({ length: 100 }, (_, i) =>
          calendarEvent(batch * 100 + i, `${2020 + batch}-${2021 + batch}`),
        ),
      );
    }
  });
  afterAll(() => t.close());

  it('a client cut at a random point resumes with Last-Event-ID: every event once, in order, while appends go on', async () => {
    // The writer appends to several streams for the whole test.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing || written < 200) {
        const stream = written % 3 === 0 ? 'regulationText-r1' : `yearCalendar-w${written % 2}`;
        await store.append(stream, [{ type: 'Appended', data: { n: 1000 + written } }]);
        written += 1;
        await sleep(written % 10 === 0 ? 5 : 0);
      }
    })();

    const cutAfter = 50 + Math.floor(Math.random() * 500);
    const received: SseMessage[] = [];
    const first = openSse(`${base}/feed?from=0`, {
      onMessage: (message) => {
        received.push(message);
        if (received.length === cutAfter) first.close();
      },
    });
    expect((await first.response).headers['content-type']).toMatch(/^text\/event-stream/);
    await first.closed;
    // The server stops that client's subscription when it goes away.
    await until(() => feeds.status().length === 0, 'the cut stream to be released');
    const lastEventId = received[received.length - 1].id as string;

    // Like EventSource: the same URL again, plus Last-Event-ID (which wins over from=0).
    const second = openSse(`${base}/feed?from=0`, {
      headers: { 'Last-Event-ID': lastEventId },
      onMessage: (message) => received.push(message),
    });
    await second.response;
    // Let the second connection catch up and follow live appends for a while.
    const resumedAt = received.length;
    const writtenAtResume = written;
    await until(
      () => received.length > resumedAt + 50 && written > writtenAtResume + 50,
      'live events',
    );
    writing = false;
    await writer;
    const head = await store.headPosition();
    await until(
      () => Number(received[received.length - 1].id) === head,
      `position ${head} to arrive`,
    );
    await sleep(100);
    second.close();

    const log = await readAll(store);
    expect(head).toBe(log.length);
    expect(received.map((m) => Number(m.id))).toEqual(log.map((e) => e.position));
    const events = received.map((m) => JSON.parse(m.data) as CloudEventJson);
    expect(events.map((e) => e.id)).toEqual(log.map((e) => e.eventId));
    expect(events.map((e) => e.position)).toEqual(log.map((e) => e.position));
    expect(events.map((e) => e.data)).toEqual(log.map((e) => e.data));
    await until(() => feeds.status().length === 0, 'every stream to be released');
  });

  it('filters by category, type and school year, and sends CloudEvents', async () => {
    const messages: SseMessage[] = [];
    const conn = openSse(
      `${base}/feed?from=1&categories=yearCalendar&types=CalendarAmended&schoolYear=2022-2023`,
      {
        onMessage: (m) => messages.push(m),
      },
    );
    await until(() => messages.length === 100, '100 events of 2022-2023');
    await sleep(50);
    conn.close();
    expect(messages).toHaveLength(100);
    const first = JSON.parse(messages[0].data);
    expect(first).toEqual({
      specversion: '1.0',
      id: expect.any(String),
      source: 'urn:pix-ledger',
      type: 'fr.pix-ledger.year-calendar.calendar-amended.v1',
      subject: 'yearCalendar-2022-2023',
      time: '2026-11-22T08:00:00.000Z',
      datacontenttype: 'application/json',
      data: { n: 200 },
      position: 201,
      schoolyear: '2022-2023',
      correlationid: expect.any(String),
    });
    expect(messages[0].id).toBe('201');
    expect(messages.map((m) => Number(m.id))).toEqual(
      Array.from({ length: 100 }, (_, i) => 201 + i),
    );
  });

  it('without from or Last-Event-ID sends only new events, live, with heartbeats while idle', async () => {
    const messages: SseMessage[] = [];
    const comments: string[] = [];
    const conn = openSse(`${base}/feed?categories=liveOnly`, {
      onMessage: (m) => messages.push(m),
      onComment: (c) => comments.push(c),
    });
    await conn.response;
    await until(() => comments.includes('pix-ledger feed'), 'the opening comment');
    await store.append('liveOnly-a', [{ type: 'Ping', data: { n: 1 } }]);
    await until(() => messages.length === 1, 'the live event');
    await until(() => comments.filter((c) => c === 'heartbeat').length >= 2, 'two heartbeats');
    conn.close();
    expect(JSON.parse(messages[0].data)).toMatchObject({ subject: 'liveOnly-a', data: { n: 1 } });
  });

  it('a client that stops reading makes the server wait (backpressure), then gets everything', async () => {
    // ~40 MB of events: more than the socket buffers of both ends can hold.
    const payload = 'x'.repeat(1300);
    for (let batch = 0; batch < 30; batch++) {
      await store.append(
        `bulkLoad-${batch}`,
        Array.from({ length: 1000 }, (_, i) => ({
          type: 'Bulk',
          data: { n: batch * 1000 + i, payload },
        })),
      );
    }
    const head = await store.headPosition();
    let count = 0;
    let last = 0;
    let ordered = true;
    const conn = openSse(`${base}/feed?from=1&categories=bulkLoad`, {
      paused: true,
      onMessage: (m) => {
        count += 1;
        ordered &&= Number(m.id) > last;
        last = Number(m.id);
      },
    });
    try {
      await conn.response;
      // The kernel's buffers absorb a few MB; then the server must stop writing and wait.
      let stalled = -1;
      let stableFor = 0;
      await until(() => {
        const status = feeds.status()[0];
        stableFor = status?.waitingForDrain && status.sentUpTo === stalled ? stableFor + 1 : 0;
        stalled = status?.sentUpTo ?? -1;
        return stableFor >= 30;
      }, 'the server to stall on a full socket');
      expect(stalled).toBeLessThan(head - 10_000);
      expect(count).toBe(0);

      conn.resume();
      await until(() => last === head, 'the last bulk event', 60_000);
    } finally {
      conn.close();
    }
    expect(count).toBe(30_000);
    expect(ordered).toBe(true);
  });

  it('refuses a bad Last-Event-ID or query with 400 naming it', async () => {
    const server = t.app.getHttpServer();
    const badId = await request(server).get('/feed').set('Last-Event-ID', 'abc').expect(400);
    expect(badId.body.message.join(' ')).toMatch(/Last-Event-ID/);
    const badFrom = await request(server).get('/feed?from=-1').expect(400);
    expect(badFrom.body.message.join(' ')).toMatch(/from/);
    const badCategory = await request(server).get('/feed?categories=year-calendar').expect(400);
    expect(badCategory.body.message.join(' ')).toMatch(/categories/);
    const unknown = await request(server).get('/feed?foo=1').expect(400);
    expect(unknown.body.message.join(' ')).toMatch(/foo/);
  });
});

describe('GET /feed/page (JSON pages for clients that poll)', () => {
  let t: TestApp;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    await store.append('regulationText-a', [
      { type: 'TextPublished', data: { n: 1 }, metadata: { schoolYear: '2021-2022' } },
    ]);
    await store.append('yearCalendar-2021-2022', [
      calendarEvent(2, '2021-2022'),
      calendarEvent(3, '2021-2022'),
    ]);
    await store.append('regulationText-b', [{ type: 'TextPublished', data: { n: 4 } }]);
  });
  afterAll(() => t.close());

  it('pages through the log with a cursor that never skips what is appended later', async () => {
    const server = t.app.getHttpServer();
    const first = await request(server).get('/feed/page?from=1&limit=3').expect(200);
    expect(first.body.events.map((e: CloudEventJson) => e.position)).toEqual([1, 2, 3]);
    expect(first.body.next).toBe(4);
    expect(first.body.events[0]).toMatchObject({
      specversion: '1.0',
      type: 'fr.pix-ledger.regulation-text.text-published.v1',
      subject: 'regulationText-a',
      schoolyear: '2021-2022',
    });
    const second = await request(server)
      .get(`/feed/page?from=${first.body.next}&limit=3`)
      .expect(200);
    expect(second.body.events.map((e: CloudEventJson) => e.position)).toEqual([4]);
    expect(second.body.next).toBe(5);
    const empty = await request(server).get(`/feed/page?from=${second.body.next}`).expect(200);
    expect(empty.body).toMatchObject({ events: [], next: 5, headPosition: 4 });
    await store.append('regulationText-c', [{ type: 'TextPublished', data: { n: 5 } }]);
    const later = await request(server).get(`/feed/page?from=${empty.body.next}`).expect(200);
    expect(later.body.events.map((e: CloudEventJson) => e.data.n)).toEqual([5]);
  });

  it('filters, and skips past the non-matching tail of the log', async () => {
    const server = t.app.getHttpServer();
    const texts = await request(server)
      .get('/feed/page?categories=regulationText&limit=10')
      .expect(200);
    expect(texts.body.events.map((e: CloudEventJson) => e.data.n)).toEqual([1, 4, 5]);
    const calendars = await request(server)
      .get('/feed/page?types=CalendarAmended&schoolYear=2021-2022')
      .expect(200);
    expect(calendars.body.events.map((e: CloudEventJson) => e.position)).toEqual([2, 3]);
    const unfiltered = await request(server)
      .get('/feed/page?categories=&types=&limit=10')
      .expect(200);
    expect(unfiltered.body.events).toHaveLength(unfiltered.body.headPosition);
    // Short page: the head has been scanned, the next page starts after it.
    expect(calendars.body.next).toBe(calendars.body.headPosition + 1);
  });

  it('refuses bad paging parameters with 400 naming them', async () => {
    const server = t.app.getHttpServer();
    const head = await store.headPosition();
    expect(
      (await request(server).get('/feed/page?limit=0').expect(400)).body.message.join(' '),
    ).toMatch(/limit/);
    expect(
      (await request(server).get('/feed/page?limit=1001').expect(400)).body.message.join(' '),
    ).toMatch(/limit/);
    expect(
      (await request(server).get('/feed/page?from=x').expect(400)).body.message.join(' '),
    ).toMatch(/from/);
    expect(
      (await request(server).get('/feed/page?schoolYear=2021').expect(400)).body.message.join(' '),
    ).toMatch(/schoolYear/);
    expect(await store.headPosition()).toBe(head);
  });
});

describe('shutdown with feeds still open', () => {
  it('ends every stream, even one whose client stopped reading, so the server can stop', async () => {
    const t = await startTestApp();
    const store: EventStore = t.app.get(EVENT_STORE);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const payload = 'y'.repeat(2000);
    for (let batch = 0; batch < 10; batch++) {
      await store.append(
        `bulkLoad-${batch}`,
        Array.from({ length: 1000 }, () => ({ type: 'Bulk', data: { payload } })),
      );
    }
    const reading = openSse(`http://127.0.0.1:${port}/feed`);
    const stuck = openSse(`http://127.0.0.1:${port}/feed?from=1`, { paused: true });
    await Promise.all([reading.response, stuck.response]);
    await until(() => t.app.get(FeedStreams).status().length === 2, 'both streams open');
    await t.close();
    // The paused client only notices the end once it reads what was buffered.
    stuck.resume();
    await Promise.all([reading.closed, stuck.closed]);
  });
});
