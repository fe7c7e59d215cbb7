import type { ReadModelStore, SqlExecutor } from '../read-model-store';

/**
 * The runner's own bookkeeping, in the read-model store so that it moves in the same
 * transactions as the views:
 * - `projection_checkpoints`: the live version of each projection and the log position its
 *   tables reflect;
 * - `projection_rebuilds`: at most one rebuild under way per projection, into shadow tables:
 *   the version being built, the school year ('' = every year) and how far it has read.
 */
export const RUNTIME_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS projection_rebuilds (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    school_year TEXT NOT NULL,
    position INTEGER NOT NULL,
    events INTEGER NOT NULL,
    started_at TEXT NOT NULL
  )`,
];

export interface Checkpoint {
  version: number;
  position: number;
}

export interface RebuildJob {
  name: string;
  version: number;
  /** '' when every year is rebuilt. */
  schoolYear: string;
  position: number;
  events: number;
  startedAt: string;
}

export async function createRuntimeTables(store: ReadModelStore): Promise<void> {
  for (const ddl of RUNTIME_SCHEMA) await store.run(ddl);
}

export async function readCheckpoint(
  sql: SqlExecutor,
  name: string,
): Promise<Checkpoint | undefined> {
  const row = await sql.get<{ version: number; position: number }>(
    'SELECT version, position FROM projection_checkpoints WHERE name = ?',
    [name],
  );
  return row && { version: Number(row.version), position: Number(row.position) };
}

/**
 * Inside a transaction: takes the checkpoint's row lock (PostgreSQL; SQLite's IMMEDIATE
 * transaction already holds the database), then reads it. Whoever changes the checkpoint
 * afterwards waits for this transaction.
 */
export async function lockCheckpoint(
  tx: SqlExecutor,
  name: string,
): Promise<Checkpoint | undefined> {
  await tx.run('UPDATE projection_checkpoints SET position = position WHERE name = ?', [name]);
  return readCheckpoint(tx, name);
}

export async function writeCheckpoint(
  tx: SqlExecutor,
  name: string,
  checkpoint: Checkpoint,
): Promise<void> {
  await tx.run(
    `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position`,
    [name, checkpoint.version, checkpoint.position],
  );
}

interface JobRow {
  name: string;
  version: number;
  school_year: string;
  position: number;
  events: number;
  started_at: string;
}

const toJob = (row: JobRow): RebuildJob => ({
  name: row.name,
  version: Number(row.version),
  schoolYear: row.school_year,
  position: Number(row.position),
  events: Number(row.events),
  startedAt: row.started_at,
});

export async function readRebuild(sql: SqlExecutor, name: string): Promise<RebuildJob | undefined> {
  const row = await sql.get<JobRow>(
    'SELECT name, version, school_year, position, events, started_at FROM projection_rebuilds WHERE name = ?',
    [name],
  );
  return row && toJob(row);
}

export async function readRebuilds(sql: SqlExecutor): Promise<RebuildJob[]> {
  const rows = await sql.all<JobRow>(
    'SELECT name, version, school_year, position, events, started_at FROM projection_rebuilds ORDER BY name',
  );
  return rows.map(toJob);
}

/** Same as lockCheckpoint, for a rebuild's row. */
export async function lockRebuild(tx: SqlExecutor, name: string): Promise<RebuildJob | undefined> {
  await tx.run('UPDATE projection_rebuilds SET position = position WHERE name = ?', [name]);
  return readRebuild(tx, name);
}

export async function writeRebuild(tx: SqlExecutor, job: RebuildJob): Promise<void> {
  await tx.run(
    `INSERT INTO projection_rebuilds (name, version, school_year, position, events, started_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, school_year = excluded.school_year,
       position = excluded.position, events = excluded.events, started_at = excluded.started_at`,
    [job.name, job.version, job.schoolYear, job.position, job.events, job.startedAt],
  );
}

export async function deleteRebuild(tx: SqlExecutor, name: string): Promise<void> {
  await tx.run('DELETE FROM projection_rebuilds WHERE name = ?', [name]);
}

/** The indexes the engine holds on a table (name only). */
export async function indexesOf(
  sql: SqlExecutor,
  dialect: ReadModelStore['dialect'],
  table: string,
): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await sql.all<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
          [table],
        )
      : await sql.all<{ name: string }>(
          'SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?',
          [table],
        );
  return rows.map((r) => r.name);
}
