import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type RecordedEvent, SqliteEventStore } from '@pix-ledger/event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import type { SqlExecutor } from './read-model-store';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';

const countsByType = (version = 1, failOn?: number): Projection => ({
  name: 'counts',
  version,
  filter: { categories: ['counted'] },
  schema: [
    'CREATE TABLE IF NOT EXISTS counts (type TEXT PRIMARY KEY, n INTEGER NOT NULL)',
    'CREATE INDEX IF NOT EXISTS counts_n ON counts (n)',
  ],
  tables: ['counts'],
  async apply(tx: SqlExecutor, event: RecordedEvent) {
    if (failOn !== undefined && (event.data as { i: number }).i === failOn) throw new Error('boom');
    await tx.run(
      'INSERT INTO counts (type, n) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET n = n + 1',
      [event.type],
    );
  },
});

/** Counts per school year, and a shared table of the types ever seen. */
const countsByYear = (applied: RecordedEvent[] = [], writesShared = false): Projection => ({
  name: 'yearly',
  version: 1,
  filter: { categories: ['yearly'] },
  schema: [
    `CREATE TABLE IF NOT EXISTS yearly_counts (
      school_year TEXT NOT NULL, type TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (school_year, type))`,
    'CREATE TABLE IF NOT EXISTS yearly_types (type TEXT PRIMARY KEY)',
  ],
  tables: ['yearly_counts', 'yearly_types'],
  yearColumns: { yearly_counts: 'school_year' },
  async apply(tx, event) {
    applied.push(event);
    await tx.run(
      `INSERT INTO yearly_counts (school_year, type, n) VALUES (?, ?, 1)
       ON CONFLICT (school_year, type) DO UPDATE SET n = yearly_counts.n + 1`,
      [event.metadata.schoolYear, event.type],
    );
    if (
      writesShared ||
      !(await tx.get('SELECT 1 FROM yearly_types WHERE type = ?', [event.type]))
    ) {
      await tx.run('INSERT INTO yearly_types (type) VALUES (?) ON CONFLICT (type) DO NOTHING', [
        event.type,
      ]);
    }
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
  const tables = () =>
    views
      .all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .then((rows) => rows.map((r) => r.name));

  it('projects only the filtered events, batch by batch, and reports its lag', async () => {
    const runner = new ProjectionRunner(store, views, [countsByType()], {
      batchSize: 4,
      now: () => Date.now() + 60_000,
    });
    await runner.init();
    const [before] = await runner.status();
    expect(before).toMatchObject({ checkpoint: 0, behind: 50, state: 'live' });
    expect(before.oldestUnprocessedAgeSeconds).toBeGreaterThanOrEqual(59);
    await runner.catchUp();
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Odd', n: 12 },
    ]);
    expect(await runner.status()).toEqual([
      {
        name: 'counts',
        version: 1,
        liveVersion: 1,
        state: 'live',
        checkpoint: 50,
        headPosition: 50,
        behind: 0,
        oldestUnprocessedAgeSeconds: 0,
        rebuild: null,
      },
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

  it('two runners on the same read models never apply a batch twice', async () => {
    const other = new SqliteReadModelStore(join(dir, 'views.db'));
    try {
      const a = new ProjectionRunner(store, views, [countsByType()], { batchSize: 2 });
      const b = new ProjectionRunner(store, other, [countsByType()], { batchSize: 3 });
      await a.init();
      await b.init();
      await Promise.all([a.catchUp(), b.catchUp(), a.catchUp(), b.catchUp()]);
      expect(await counts()).toEqual([
        { type: 'Even', n: 13 },
        { type: 'Odd', n: 12 },
      ]);
    } finally {
      await other.close();
    }
  });

  it('a new version builds beside the live one, which serves until the switch', async () => {
    const v1 = new ProjectionRunner(store, views, [countsByType(1)]);
    await v1.init();
    await v1.catchUp();
    await views.run("UPDATE counts SET n = 999 WHERE type = 'Odd'");
    const v2 = new ProjectionRunner(store, views, [countsByType(2)], { rebuildBatchSize: 4 });
    await v2.init();
    expect((await v2.status())[0]).toMatchObject({
      state: 'building',
      liveVersion: 1,
      rebuild: { version: 2, schoolYear: null, position: 0 },
    });
    // Batch by batch, the old tables still answer.
    await v2.rebuildStep();
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Odd', n: 999 },
    ]);
    await store.append('counted-9', [{ type: 'Late', data: { i: 100 } }]);
    await v2.runRebuilds();
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Late', n: 1 },
      { type: 'Odd', n: 12 },
    ]);
    expect(await tables()).toEqual([
      'counts',
      'projection_checkpoints',
      'projection_rebuilds',
      'projection_switches',
    ]);
    const indexes = await views.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    );
    expect(indexes).toEqual([{ name: 'counts_n' }]);
    expect((await v2.status())[0]).toMatchObject({
      state: 'live',
      liveVersion: 2,
      checkpoint: 51,
      rebuild: null,
    });
  });

  it('a failing rebuild leaves the live version serving, and resumes once fixed', async () => {
    const v1 = new ProjectionRunner(store, views, [countsByType(1)]);
    await v1.init();
    await v1.catchUp();
    const broken = new ProjectionRunner(store, views, [countsByType(2, 20)], {
      rebuildBatchSize: 4,
    });
    await broken.init();
    await expect(broken.runRebuilds()).rejects.toThrow(/counts failed on event \d+ .*boom/);
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Odd', n: 12 },
    ]);
    const [status] = await broken.status();
    expect(status).toMatchObject({ liveVersion: 1, state: 'building' });
    expect(status.rebuild?.lastError).toMatch(/boom/);
    expect(status.rebuild?.position).toBeGreaterThan(0);
    const fixed = new ProjectionRunner(store, views, [countsByType(2)]);
    await fixed.init();
    await fixed.runRebuilds();
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Odd', n: 12 },
    ]);
    expect((await fixed.status())[0]).toMatchObject({ liveVersion: 2, state: 'live' });
  });

  it('rebuilds failing at random points (batches, switch), resumed, count each event once', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let armed = false;
    const flaky = (version: number): Projection => {
      const counting = countsByType(version);
      return {
        ...counting,
        async apply(tx, event) {
          if (armed && random() < 0.12) throw new Error('crash');
          await counting.apply(tx, event);
        },
      };
    };
    const v1 = new ProjectionRunner(store, views, [countsByType(1)]);
    await v1.init();
    await v1.catchUp();
    const v2 = new ProjectionRunner(store, views, [flaky(2)], { rebuildBatchSize: 3 });
    await v2.init();
    armed = true;
    let failures = 0;
    for (let attempt = 0; attempt < 500; attempt++) {
      // New events keep arriving, so that switches have some to apply too.
      await store.append(`counted-${attempt % 5}`, [{ type: 'Late', data: { i: 1000 + attempt } }]);
      try {
        await v2.runRebuilds();
        break;
      } catch {
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(5);
    expect((await v2.status())[0]).toMatchObject({ liveVersion: 2, rebuild: null });
    const appended = failures + 1;
    expect(await counts()).toEqual([
      { type: 'Even', n: 13 },
      { type: 'Late', n: appended },
      { type: 'Odd', n: 12 },
    ]);
  });

  describe('per-year rebuild', () => {
    async function appendYears(target: EventStore) {
      for (const [year, n] of [
        ['2022-2023', 30],
        ['2023-2024', 20],
        ['2024-2025', 10],
      ] as const) {
        for (let i = 0; i < n; i++) {
          await target.append(`yearly-${year}-${i % 4}`, [
            { type: i % 3 ? 'Scored' : 'Enrolled', data: { i }, metadata: { schoolYear: year } },
          ]);
        }
      }
    }
    const yearly = () =>
      views.all<{ school_year: string; type: string; n: number }>(
        'SELECT school_year, type, n FROM yearly_counts ORDER BY school_year, type',
      );

    it("replays only that year's events and replaces only its rows", async () => {
      await appendYears(store);
      const live = new ProjectionRunner(store, views, [countsByYear()]);
      await live.init();
      await live.catchUp();
      const clean = await yearly();
      await views.run('UPDATE yearly_counts SET n = n + 100');
      const applied: RecordedEvent[] = [];
      const runner = new ProjectionRunner(store, views, [countsByYear(applied)], {
        rebuildBatchSize: 7,
      });
      await runner.init();
      await runner.requestRebuild('yearly', { schoolYear: '2023-2024' });
      await expect(runner.requestRebuild('yearly')).rejects.toThrow(
        'a rebuild of yearly v1 (2023-2024) is under way',
      );
      await runner.runRebuilds();
      expect(applied).toHaveLength(20);
      expect(new Set(applied.map((e) => e.metadata.schoolYear))).toEqual(new Set(['2023-2024']));
      const rows = await yearly();
      expect(rows.filter((r) => r.school_year === '2023-2024')).toEqual(
        clean.filter((r) => r.school_year === '2023-2024'),
      );
      expect(rows.filter((r) => r.school_year !== '2023-2024')).toEqual(
        clean
          .filter((r) => r.school_year !== '2023-2024')
          .map((r) => ({ ...r, n: Number(r.n) + 100 })),
      );
      expect(await tables()).not.toContain('yearly_counts__rebuild');
    });

    it('events after the live checkpoint are left to the live runner (no double count)', async () => {
      await appendYears(store);
      const runner = new ProjectionRunner(store, views, [countsByYear()], { rebuildBatchSize: 5 });
      await runner.init();
      await runner.catchUp();
      const clean = await yearly();
      await runner.requestRebuild('yearly', { schoolYear: '2024-2025' });
      await runner.rebuildStep();
      await store.append('yearly-2024-2025-9', [
        { type: 'Late', data: {}, metadata: { schoolYear: '2024-2025' } },
      ]);
      await runner.runRebuilds();
      expect(await yearly()).toEqual(clean);
      await runner.catchUp();
      expect(await yearly()).toEqual(
        [...clean, { school_year: '2024-2025', type: 'Late', n: 1 }].sort((a, b) =>
          `${a.school_year}${a.type}`.localeCompare(`${b.school_year}${b.type}`),
        ),
      );
    });

    it('refuses a projection that is not partitioned by year, or writes a shared table', async () => {
      await appendYears(store);
      const plain = new ProjectionRunner(store, views, [countsByType()]);
      await plain.init();
      await expect(plain.requestRebuild('counts', { schoolYear: '2023-2024' })).rejects.toThrow(
        'not partitioned by school year',
      );
      const writer = new ProjectionRunner(store, views, [countsByYear([], true)]);
      await writer.init();
      await writer.catchUp();
      const before = await yearly();
      await writer.requestRebuild('yearly', { schoolYear: '2023-2024' });
      await expect(writer.runRebuilds()).rejects.toThrow('writes yearly_types');
      expect(await yearly()).toEqual(before);
      await writer.cancelRebuild('yearly');
      expect((await writer.status())[0].rebuild).toBeNull();
    });
  });
});
