import { randomUUID } from 'node:crypto';
import {
  EventIdConflictError,
  type EventStore,
  FixedClock,
  InvalidStreamNameError,
  type NewEvent,
  type RecordedEvent,
  UpcasterRegistry,
  WrongExpectedRevisionError,
} from '@pix-ledger/event-store';

export interface StoreFactory {
  /** A store over an empty log (or a log this run has not written to), with these dependencies. */
  open(deps: { clock: FixedClock; upcasters?: UpcasterRegistry }): Promise<EventStore>;
}

const event = (
  type: string,
  data: Record<string, unknown>,
  extra: Partial<NewEvent> = {},
): NewEvent => ({
  type,
  data,
  ...extra,
});

async function collect<T>(iterable: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * The behaviour every EventStore adapter promises (docs/ARCHITECTURE.md). Each test writes to
 * streams of its own (a fresh id), so the suite also runs against a shared server.
 */
export function eventStoreContract(adapterName: string, factory: StoreFactory): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    let clock: FixedClock;
    const stream = (category = 'contract') => `${category}-${randomUUID()}`;

    beforeEach(async () => {
      clock = new FixedClock(new Date('2024-11-14T09:00:00.000Z'));
      store = await factory.open({ clock });
    });
    afterEach(async () => {
      await store.close();
    });

    describe('append and readStream', () => {
      it('records events in order with the full envelope', async () => {
        const id = stream();
        const result = await store.append(
          id,
          [event('TextPublished', { n: 1 }), event('TextAmended', { n: 2 })],
          { expectedRevision: 'no_stream' },
        );
        expect(result.nextExpectedRevision).toBe(1);

        const events = await store.readStream(id);
        expect(events.map((e) => [e.type, e.data, e.revision])).toEqual([
          ['TextPublished', { n: 1 }, 0],
          ['TextAmended', { n: 2 }, 1],
        ]);
        expect(events[1].position).toBe(result.position);
        expect(events[0].position).toBeLessThan(events[1].position);
        for (const e of events) {
          expect(e.streamId).toBe(id);
          expect(e.eventId).toMatch(/^[0-9a-f-]{36}$/);
          expect(e.metadata).toMatchObject({
            schemaVersion: 1,
            causationId: null,
            actor: 'system',
            recordedAt: '2024-11-14T09:00:00.000Z',
          });
          expect(typeof e.metadata.correlationId).toBe('string');
        }
      });

      it('keeps the metadata it is given, recordedAt included (a migration keeps the instant)', async () => {
        const id = stream();
        await store.append(id, [
          event(
            'TextPublished',
            {},
            {
              metadata: {
                actor: 'user:inspector-1',
                correlationId: 'corr-1',
                causationId: 'cmd-1',
                recordedAt: '2021-12-28T10:00:00.000Z',
                schoolYear: '2021-2022',
              },
            },
          ),
        ]);
        const [recorded] = await store.readStream(id);
        expect(recorded.metadata).toMatchObject({
          actor: 'user:inspector-1',
          correlationId: 'corr-1',
          causationId: 'cmd-1',
          recordedAt: '2021-12-28T10:00:00.000Z',
          schoolYear: '2021-2022',
        });
      });

      it('reads from a revision, backwards, and at most maxCount', async () => {
        const id = stream();
        await store.append(
          id,
          [1, 2, 3, 4, 5].map((n) => event('Counted', { n })),
        );
        const data = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
        expect(data(await store.readStream(id, { fromRevision: 2 }))).toEqual([3, 4, 5]);
        expect(data(await store.readStream(id, { maxCount: 2 }))).toEqual([1, 2]);
        expect(data(await store.readStream(id, { direction: 'backwards' }))).toEqual([
          5, 4, 3, 2, 1,
        ]);
        expect(
          data(await store.readStream(id, { direction: 'backwards', fromRevision: 1 })),
        ).toEqual([2, 1]);
        expect(data(await store.readStream(id, { direction: 'backwards', maxCount: 1 }))).toEqual([
          5,
        ]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('refuses stream names that break the <category>-<id> convention', async () => {
        await expect(store.append('nodash', [event('X', {})])).rejects.toBeInstanceOf(
          InvalidStreamNameError,
        );
        await expect(store.append('bad_category!-1', [event('X', {})])).rejects.toBeInstanceOf(
          InvalidStreamNameError,
        );
        await expect(store.append('$ce-x', [event('X', {})])).rejects.toBeInstanceOf(
          InvalidStreamNameError,
        );
      });
    });

    describe('expected revision', () => {
      it('no_stream fails once the stream exists, with expected and actual', async () => {
        const id = stream();
        await store.append(id, [event('A', {})], { expectedRevision: 'no_stream' });
        const error = await store
          .append(id, [event('B', {})], { expectedRevision: 'no_stream' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: id, expected: 'no_stream', actual: 0 });
      });

      it('a stale revision fails and writes nothing', async () => {
        const id = stream();
        const first = await store.append(id, [event('A', {}), event('B', {})]);
        await store.append(id, [event('C', {})], { expectedRevision: first.nextExpectedRevision });
        const error = await store
          .append(id, [event('D', {})], { expectedRevision: first.nextExpectedRevision })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ expected: 1, actual: 2 });
        expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it("'exists' needs the stream, 'any' never conflicts", async () => {
        const id = stream();
        await expect(
          store.append(id, [event('A', {})], { expectedRevision: 'exists' }),
        ).rejects.toMatchObject({
          actual: 'no_stream',
        });
        await store.append(id, [event('A', {})], { expectedRevision: 'any' });
        await store.append(id, [event('B', {})], { expectedRevision: 'exists' });
        await store.append(id, [event('C', {})], { expectedRevision: 'any' });
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });
    });

    describe('idempotency by event id', () => {
      it('a retried append with the same ids adds nothing and returns the original result', async () => {
        const id = stream();
        const batch = [
          event('A', { v: 1 }, { eventId: randomUUID() }),
          event('B', { v: 2 }, { eventId: randomUUID() }),
        ];
        const first = await store.append(id, batch, { expectedRevision: 'no_stream' });
        const head = await store.headPosition();

        const retried = await store.append(id, batch, { expectedRevision: 'no_stream' });
        const retriedAny = await store.append(id, batch);

        expect(retried).toEqual(first);
        expect(retriedAny).toEqual(first);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('the same id with different data is refused', async () => {
        const id = stream();
        const eventId = randomUUID();
        await store.append(id, [event('A', { v: 1 }, { eventId })]);
        await expect(store.append(id, [event('A', { v: 2 }, { eventId })])).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        expect(await store.readStream(id)).toHaveLength(1);
      });
    });

    describe('readAll', () => {
      it('streams the log in global order, from a position, filtered by category, type and year', async () => {
        const mark = randomUUID().replace(/-/g, '').slice(0, 8);
        const texts = `text${mark}`;
        const sessions = `session${mark}`;
        const start = (await store.headPosition()) + 1;
        await store.append(`${texts}-1`, [
          event('TextPublished', { i: 1 }, { metadata: { schoolYear: '2021-2022' } }),
        ]);
        await store.append(`${sessions}-1`, [
          event('SessionScheduled', { i: 2 }, { metadata: { schoolYear: '2024-2025' } }),
        ]);
        await store.append(`${texts}-2`, [
          event('TextAbrogated', { i: 3 }, { metadata: { schoolYear: '2024-2025' } }),
        ]);
        await store.append(`${sessions}-1`, [
          event('SessionFinalised', { i: 4 }, { metadata: { schoolYear: '2024-2025' } }),
        ]);

        const mine = (events: RecordedEvent[]) =>
          events.filter((e) => e.streamId.includes(mark)).map((e) => (e.data as { i: number }).i);
        const all = await collect(store.readAll({ fromPosition: start, pageSize: 2 }));
        expect(mine(all)).toEqual([1, 2, 3, 4]);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);

        expect(
          mine(
            await collect(store.readAll({ fromPosition: start, filter: { categories: [texts] } })),
          ),
        ).toEqual([1, 3]);
        expect(
          mine(
            await collect(
              store.readAll({
                fromPosition: start,
                filter: { categories: [sessions], eventTypes: ['SessionFinalised'] },
              }),
            ),
          ),
        ).toEqual([4]);
        expect(
          mine(
            await collect(
              store.readAll({
                fromPosition: start,
                filter: { categories: [texts, sessions], schoolYears: ['2024-2025'] },
              }),
            ),
          ),
        ).toEqual([2, 3, 4]);
        const third = all.find((e) => (e.data as { i: number }).i === 3) as RecordedEvent;
        expect(
          mine(
            await collect(
              store.readAll({
                fromPosition: third.position,
                filter: { categories: [texts, sessions] },
              }),
            ),
          ),
        ).toEqual([3, 4]);
        expect(
          mine(
            await collect(
              store.readAll({
                fromPosition: start,
                filter: { categories: [texts, sessions] },
                maxCount: 3,
              }),
            ),
          ),
        ).toEqual([1, 2, 3]);
      });
    });

    describe('subscribe', () => {
      it('catches up, then delivers live events once and in order', async () => {
        const category = `sub${randomUUID().replace(/-/g, '').slice(0, 8)}`;
        await store.append(`${category}-a`, [event('E', { n: 1 }), event('E', { n: 2 })]);
        const subscription = store.subscribe({
          fromPosition: 'start',
          filter: { categories: [category] },
        });
        const received: number[] = [];
        const done = (async () => {
          for await (const e of subscription) {
            received.push((e.data as { n: number }).n);
            if (received.length === 6) break;
          }
        })();
        for (let n = 3; n <= 6; n++) {
          await store.append(`${category}-${n % 2 ? 'a' : 'b'}`, [event('E', { n })]);
        }
        await done;
        await subscription.stop();
        expect(received).toEqual([1, 2, 3, 4, 5, 6]);
      });

      it('resumes strictly after the checkpoint the consumer kept', async () => {
        const category = `sub${randomUUID().replace(/-/g, '').slice(0, 8)}`;
        await store.append(
          `${category}-a`,
          [1, 2, 3, 4, 5].map((n) => event('E', { n })),
        );
        const first = store.subscribe({ filter: { categories: [category] } });
        let checkpoint = 0;
        const seen: number[] = [];
        for await (const e of first) {
          seen.push((e.data as { n: number }).n);
          checkpoint = e.position;
          if (seen.length === 2) break;
        }
        await first.stop();
        await store.append(`${category}-a`, [event('E', { n: 6 })]);

        const second = store.subscribe({
          fromPosition: checkpoint,
          filter: { categories: [category] },
        });
        for await (const e of second) {
          seen.push((e.data as { n: number }).n);
          if (seen.length === 6) break;
        }
        await second.stop();
        expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
      });

      it("from 'end' sees only what is appended afterwards", async () => {
        const category = `sub${randomUUID().replace(/-/g, '').slice(0, 8)}`;
        await store.append(`${category}-a`, [event('E', { n: 1 })]);
        const subscription = store.subscribe({
          fromPosition: 'end',
          filter: { categories: [category] },
        });
        const next = (async () => {
          for await (const e of subscription) return (e.data as { n: number }).n;
        })();
        await new Promise((r) => setTimeout(r, 200));
        await store.append(`${category}-a`, [event('E', { n: 2 })]);
        expect(await next).toBe(2);
        await subscription.stop();
      });
    });

    describe('upcasting', () => {
      it('reads a v1 event in the v2 shape through every read path', async () => {
        const category = `up${randomUUID().replace(/-/g, '').slice(0, 8)}`;
        const id = `${category}-1`;
        // Written by an old release: v1 had one `window` string "start/end".
        await store.append(id, [
          event(
            'CalendarWindowSet',
            { window: '2024-11-07/2025-03-07' },
            { metadata: { schemaVersion: 1 } },
          ),
        ]);
        await store.close();

        const upcasters = new UpcasterRegistry().register('CalendarWindowSet', 1, (data) => {
          const [start, end] = (data as { window: string }).window.split('/');
          return { start, end };
        });
        store = await factory.open({ clock, upcasters });
        const expected = { start: '2024-11-07', end: '2025-03-07' };

        const [fromStream] = await store.readStream(id);
        expect(fromStream.data).toEqual(expected);
        expect(fromStream.metadata.schemaVersion).toBe(2);
        const [fromAll] = await collect(store.readAll({ filter: { categories: [category] } }));
        expect(fromAll.data).toEqual(expected);
        const subscription = store.subscribe({ filter: { categories: [category] } });
        const [fromSubscription] = await collect(subscription, 1);
        await subscription.stop();
        expect(fromSubscription.data).toEqual(expected);

        // New events of that type are written as v2 and pass through untouched.
        await store.append(id, [event('CalendarWindowSet', expected)]);
        const [, written] = await store.readStream(id);
        expect(written.metadata.schemaVersion).toBe(2);
        expect(written.data).toEqual(expected);
      });
    });
  });
}
