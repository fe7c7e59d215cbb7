import { join } from 'node:path';
import type { RecordedEvent } from '@pix-ledger/event-store';
import {
  PostgresReadModelStore,
  type Projection,
  ProjectionRunner,
  type ReadModelStore,
  SqliteReadModelStore,
} from '@pix-ledger/projections';
import { ALL_PROJECTIONS } from '@pix-ledger/projections/catalogue';
import {
  judgeYear,
  loadYearAttestations6e,
  loadYearResults,
  loadYearSessions,
  type YearFilter,
  yearStats,
  YearStatsMemo,
} from '@pix-ledger/projections/certification';
import { readRegulationTimeline, regulationTimelineHead } from '@pix-ledger/projections/regulation';
import { buildRegulationSnapshot, complianceJudge } from '@pix-ledger/domain';
import { toPostgresPlaceholders } from '../../libs/projections/src/postgres/postgres-read-model-store';
import { createTestDatabase, describeWithPostgres } from '../support/postgres-database';
import { dumpTables, generatedLog, leftovers } from './support/project-dataset';

describe('PostgreSQL placeholders', () => {
  it('numbers the ? outside quotes only', () => {
    expect(
      toPostgresPlaceholders(
        `SELECT '?', "a?" FROM t WHERE a = ? AND b = 'it''s ?' AND c IN (?, ?)`,
      ),
    ).toBe(`SELECT '?', "a?" FROM t WHERE a = $1 AND b = 'it''s ?' AND c IN ($2, $3)`);
  });
});

describeWithPostgres('PostgreSQL read models', () => {
  let log: Awaited<ReturnType<typeof generatedLog>>;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: PostgresReadModelStore;
  let sqlite: SqliteReadModelStore;

  beforeAll(async () => {
    log = await generatedLog({ scale: 'academie', years: 2, seed: 7, factor: 0.03 });
  });
  afterAll(async () => log.remove());
  beforeEach(async () => {
    database = await createTestDatabase();
    pg = new PostgresReadModelStore(database.url);
    sqlite = new SqliteReadModelStore(join(log.dir, `views-${Date.now()}.db`));
  });
  afterEach(async () => {
    await pg.close();
    await sqlite.close();
    await database.drop();
  });

  const project = async (views: ReadModelStore, projections = ALL_PROJECTIONS) => {
    const runner = new ProjectionRunner(log.store, views, projections, { batchSize: 500 });
    await runner.init();
    await runner.catchUp();
    return runner;
  };

  it('gives the same tables and the same year views as SQLite on the same events', async () => {
    await Promise.all([project(pg), project(sqlite)]);
    const [fromPg, fromSqlite] = await Promise.all([
      dumpTables(pg, ALL_PROJECTIONS),
      dumpTables(sqlite, ALL_PROJECTIONS),
    ]);
    expect(fromPg.cert_results.length).toBeGreaterThan(1000);
    expect(fromPg.regulation_timeline.length).toBeGreaterThan(10);
    expect(fromPg).toEqual(fromSqlite);

    const [year] = log.schoolYears;
    const filters: YearFilter[] = [
      { schoolYear: year },
      { schoolYear: year, academie: '19', asOf: `${year.slice(5)}-02-01` },
      { schoolYear: year, knownAtMs: Date.parse(`${year.slice(5)}-03-01T00:00:00Z`) },
      { schoolYear: year, population: 'COL' },
    ];
    for (const filter of filters) {
      const views = async (store: ReadModelStore) => {
        const sessions = await loadYearSessions(store, filter);
        const ids = new Set(sessions.map((s) => s.sessionId));
        return {
          sessions,
          results: await loadYearResults(store, filter, ids),
          attestations: await loadYearAttestations6e(store, filter),
        };
      };
      const [a, b] = await Promise.all([views(pg), views(sqlite)]);
      expect(a.sessions.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    }
    expect(await readRegulationTimeline(pg)).toEqual(await readRegulationTimeline(sqlite));

    // Today's statistics from the per-year summary: the same on both, and as judged from facts.
    for (const store of [pg, sqlite]) {
      const judge = complianceJudge(buildRegulationSnapshot(await readRegulationTimeline(store)));
      const head = await regulationTimelineHead(store);
      const memo = new YearStatsMemo(store, log.store, async () => ({ head, judge }));
      for (const filters of [{}, { academie: '19' }, { population: 'LYC' }, { population: '6E' }]) {
        const { view } = await memo.stats(year, filters);
        expect(view).toEqual(
          yearStats(await judgeYear(store, { schoolYear: year, ...filters }, judge), {
            schoolYear: year,
            ...filters,
          }),
        );
        if (!('population' in filters)) expect(view.total.results).toBeGreaterThan(100);
      }
    }
  });

  it('rebuilds one year and a new version blue/green, as SQLite does', async () => {
    await Promise.all([project(pg), project(sqlite)]);
    const clean = await dumpTables(pg, ALL_PROJECTIONS);
    const [year] = log.schoolYears;
    for (const views of [pg, sqlite]) {
      await views.run('UPDATE cert_results SET pix_score = -1 WHERE school_year = ?', [year]);
      const runner = await project(views);
      await runner.requestRebuild('certification', { schoolYear: year });
      await runner.runRebuilds();
      expect(await leftovers(views)).toEqual([]);
    }
    expect(await dumpTables(pg, ALL_PROJECTIONS)).toEqual(clean);
    expect(await dumpTables(sqlite, ALL_PROJECTIONS)).toEqual(clean);

    const v2 = ALL_PROJECTIONS.map((p) => (p.name === 'certification' ? { ...p, version: 2 } : p));
    const runner = new ProjectionRunner(log.store, pg, v2, { rebuildBatchSize: 3000 });
    await runner.init();
    await runner.runRebuilds();
    expect(await dumpTables(pg, ALL_PROJECTIONS)).toEqual(clean);
    expect((await runner.status()).find((s) => s.name === 'certification')).toMatchObject({
      liveVersion: 2,
      state: 'live',
    });
    const indexes = await pg.all<{ name: string }>(
      "SELECT indexname AS name FROM pg_indexes WHERE tablename LIKE 'cert\\_%' ORDER BY 1",
    );
    expect(indexes.map((i) => i.name)).toContain('cert_results_year');
    expect(indexes.filter((i) => i.name.includes('__rebuild'))).toEqual([]);
    // The renamed indexes free their names: a next rebuild can create its shadows again.
    await runner.requestRebuild('certification');
    await runner.runRebuilds();
    expect(await dumpTables(pg, ALL_PROJECTIONS)).toEqual(clean);
  });

  it('two runners on one PostgreSQL database never apply a batch twice', async () => {
    const counted: Projection = {
      name: 'types',
      version: 1,
      filter: { categories: ['session'] },
      schema: [
        'CREATE TABLE IF NOT EXISTS type_counts (type TEXT PRIMARY KEY, n INTEGER NOT NULL)',
      ],
      tables: ['type_counts'],
      async apply(tx, event: RecordedEvent) {
        await tx.run(
          'INSERT INTO type_counts (type, n) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET n = type_counts.n + 1',
          [event.type],
        );
      },
    };
    const other = new PostgresReadModelStore(database.url);
    try {
      const a = new ProjectionRunner(log.store, pg, [counted], { batchSize: 300 });
      const b = new ProjectionRunner(log.store, other, [counted], { batchSize: 700 });
      await a.init();
      await b.init();
      await Promise.all([a.catchUp(), b.catchUp()]);
      await project(sqlite, [counted]);
      const sql = 'SELECT type, n FROM type_counts ORDER BY type';
      expect(await pg.all(sql)).toEqual(await sqlite.all(sql));
    } finally {
      await other.close();
    }
  });
});
