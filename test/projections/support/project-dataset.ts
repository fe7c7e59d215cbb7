import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SqliteEventStore } from '@pix-ledger/event-store';
import type { Projection, ReadModelStore } from '@pix-ledger/projections';
import { dataset, type DatasetOptions } from '../../bench/generator/dataset';
import { loadAppends } from '../../bench/generator/load';

/** A temporary folder with an event log holding a generated dataset. */
export async function generatedLog(options: DatasetOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'pix-ledger-projections-'));
  const clock = new FixedClock(new Date('2020-01-01T00:00:00Z'));
  const logPath = join(dir, 'pix-ledger.db');
  const store = new SqliteEventStore(logPath, { clock });
  const data = dataset(options);
  const report = await loadAppends([store], clock, data.appends());
  return {
    dir,
    logPath,
    store,
    schoolYears: data.schoolYears,
    events: report.events,
    remove: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every row of every table of the projections, each table sorted the same way on any engine. */
export async function dumpTables(
  views: ReadModelStore,
  projections: readonly Projection[],
): Promise<Record<string, unknown[][]>> {
  const dump: Record<string, unknown[][]> = {};
  for (const projection of projections) {
    for (const table of projection.tables) {
      const rows = await views.all<Record<string, unknown>>(`SELECT * FROM ${table}`);
      dump[table] = rows
        .map((row) => Object.values(row).map((v) => (typeof v === 'bigint' ? Number(v) : v)))
        .sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
    }
  }
  return dump;
}

/** The tables and runtime rows a finished rebuild must not leave behind. */
export async function leftovers(views: ReadModelStore): Promise<unknown[]> {
  const shadows =
    views.dialect === 'sqlite'
      ? await views.all(
          "SELECT name FROM sqlite_master WHERE name LIKE '%\\_\\_rebuild%' ESCAPE '\\'",
        )
      : await views.all(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '%\\_\\_rebuild%'",
        );
  const jobs = await views.all('SELECT * FROM projection_rebuilds');
  return [...shadows, ...jobs];
}
