import type { ReadModelStore, SqlExecutor } from '../read-model-store';

/**
 * The runner's own bookkeeping, in the read-model store so that it moves in the same
 * transactions as the views:
 * - `projection_checkpoints`: the live version of each projection and the log position its
 *   tables reflect;
 * - `projection_rebuilds`: at most one rebuild under way per projection, into shadow tables:
 *   the version being built, the school year ('' = every year) and how far it has read;
 * - `projection_switches`: how many rebuilds replaced the live tables, per projection and
 *   school year ('' = every year), so that a reader keeping a summary of them knows when
 *   rows changed under it without the checkpoint moving.
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
  `CREATE TABLE IF NOT EXISTS projection_switches (
    name TEXT NOT NULL,
    school_year TEXT NOT NULL,
    switches INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (name, school_year)
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

/** Inside the switch's transaction: one more switch of `name` for `schoolYear` ('' = all). */
export async function recordSwitch(
  tx: SqlExecutor,
  name: string,
  schoolYear: string,
  position: number,
): Promise<void> {
  await tx.run(
    `INSERT INTO projection_switches (name, school_year, switches, position) VALUES (?, ?, 1, ?)
     ON CONFLICT (name, school_year) DO UPDATE
       SET switches = projection_switches.switches + 1, position = excluded.position`,
    [name, schoolYear, position],
  );
}

/** Switches of `name` that replaced rows of `schoolYear`: its own and the all-years ones. */
export async function readSwitches(
  sql: SqlExecutor,
  name: string,
  schoolYear: string,
): Promise<{ year: number; all: number }> {
  const rows = await sql.all<{ school_year: string; switches: number }>(
    "SELECT school_year, switches FROM projection_switches WHERE name = ? AND school_year IN (?, '')",
    [name, schoolYear],
  );
  const count = (year: string) => Number(rows.find((r) => r.school_year === year)?.switches ?? 0);
  return { year: count(schoolYear), all: count('') };
}
