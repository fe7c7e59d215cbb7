import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@pix-ledger/event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import type { SqlExecutor } from './read-model-store';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';

const countsByType = (version = 1, failOn?: number): Projection => ({
  name: 'counts',
  version,
  filter: { categories: ['counted'] },
  schema: ['CREATE TABLE IF NOT EXISTS counts (type TEXT PRIMARY KEY, n INTEGER NOT NULL)'],
  tables: ['counts'],
  async apply(tx: SqlExecutor, event: RecordedEvent) {
    if (failOn !== undefined && (event.data as { i: number }).i === failOn) throw new Error('boom');
    await tx.run(
      'INSERT INTO counts (type, n) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET n = n + 1',
      [event.type],
    );
  },
});

describe('ProjectionRunner', () => {
  let dir: string;
  let store: SqliteEventStore;
  let views: SqliteReadModelStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pix-ledger-runner-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
    views = new SqliteReadModelStore(join(dir, 'views.db'));
    for (let i = 0; i < 25; i++) {
      await store.append(`counted-${i % 3}`, [{ type: i % 2 ? 'Odd' : 'Even', data: { i } }]);
      await store.append(`other-${i}`, [{ type: 'Odd', data: { i } }]);
    }
  });
  afterEach(async () => {
    await store.close();
    await views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const counts = () => views.all('SELECT type, n FROM counts ORDER BY type');

  it('projects only the filtered events, batch by batch, and records how far it scanned', async () => {
    const runner = new ProjectionRunner(store, views, [countsByType()], { batchSize: 4 });
    await runner.init();
    await runner.catchUp();
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Odd', n: 12 },
    ]);
    expect(await runner.status()).toEqual([
      { name: 'counts', version: 1, checkpoint: 50, headPosition: 50, behind: 0 },
    ]);
    await runner.catchUp();
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Odd', n: 12 },
    ]);
  });

  it('a failing batch leaves the view and the checkpoint as they were', async () => {
    const failing = new ProjectionRunner(store, views, [countsByType(1, 9)], { batchSize: 4 });
    await failing.init();
    await expect(failing.catchUp()).rejects.toThrow('boom');
    // Batches [0..3] and [4..7] landed; the one holding i=9 did not, not even in part.
    expect(await counts()).toEqual([
      { type: 'Even', n: 4 },
      { type: 'Odd', n: 4 },
    ]);
    const fixed = new ProjectionRunner(store, views, [countsByType(1)], { batchSize: 4 });
    await fixed.init();
    await fixed.catchUp();
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Odd', n: 12 },
    ]);
  });

  it('a new version rebuilds the view from the log', async () => {
    const v1 = new ProjectionRunner(store, views, [countsByType(1)]);
    await v1.init();
    await v1.catchUp();
    await views.run("UPDATE counts SET n = 999 WHERE type = 'Odd'");
    const v2 = new ProjectionRunner(store, views, [countsByType(2)]);
    await v2.init();
    await v2.catchUp();
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Odd', n: 12 },
    ]);
  });
});
