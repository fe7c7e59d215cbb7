import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildRegulationSnapshot,
  effectiveWindow,
  REGULATORY_HISTORY_V1,
  replayHistoryInMemory,
} from '@pix-ledger/domain';
import { FixedClock, SqliteEventStore } from '@pix-ledger/event-store';
import { ProjectionRunner } from '../projection-runner';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import {
  readRegulationTimeline,
  regulationTimelineHead,
  regulationTimelineProjection,
} from './regulation-timeline.projection';

describe('regulation-timeline projection', () => {
  let dir: string;
  let store: SqliteEventStore;
  let views: SqliteReadModelStore;
  const replayed = replayHistoryInMemory(REGULATORY_HISTORY_V1, '2026-11-22T08:00:00.000Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pix-ledger-regulation-'));
    store = new SqliteEventStore(join(dir, 'events.db'), {
      clock: new FixedClock(new Date('2026-11-22T08:00:00.000Z')),
    });
    views = new SqliteReadModelStore(join(dir, 'views.db'));
    await store.append('session-1', [{ type: 'SessionCreated', data: {} }]);
    for (const event of replayed) {
      await store.append(event.streamId, [
        { type: event.type, data: event.data, metadata: event.metadata },
      ]);
    }
    const runner = new ProjectionRunner(store, views, [regulationTimelineProjection], {
      batchSize: 7,
    });
    await runner.init();
    await runner.catchUp();
    await runner.catchUp();
  });
  afterAll(async () => {
    await store.close();
    await views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every regulation event once, in log order, and nothing else', async () => {
    const rows = await readRegulationTimeline(views);
    expect(rows.map((r) => r.type)).toEqual(replayed.map((e) => e.type));
    expect(rows[0]).toMatchObject({
      position: 2,
      streamId: 'regulationText-decret-2019-919',
      revision: 0,
    });
    expect(await regulationTimelineHead(views)).toBe(replayed.length + 1);
  });

  it('selects by knowledge time: the fold of the rows known at a date equals the fold of the log', async () => {
    // Positions differ (the store holds one more event), so compare the folds without their histories.
    const withoutHistory = (snapshot: ReturnType<typeof buildRegulationSnapshot>) => ({
      texts: Object.values(snapshot.texts).map(({ history: _h, ...text }) => text),
      calendars: Object.values(snapshot.calendars).map(({ history: _h, ...calendar }) => calendar),
    });
    for (const knownAt of [
      '2021-12-15',
      '2021-12-28',
      '2024-11-13',
      '2024-11-14T10:00:00Z',
      undefined,
    ]) {
      const fromView = buildRegulationSnapshot(
        await readRegulationTimeline(views, knownAt),
        knownAt,
      );
      const fromLog = buildRegulationSnapshot(replayed, knownAt);
      expect(withoutHistory(fromView)).toEqual(withoutHistory(fromLog));
    }
    const then = buildRegulationSnapshot(await readRegulationTimeline(views, '2021-12-15'));
    expect(effectiveWindow(then, '2021-2022', 'LYC')!.end).toBe('2022-03-04');
  });
});
