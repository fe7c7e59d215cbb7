import type { EventFilter, EventStore, RecordedEvent } from '@pix-ledger/event-store';
import { readBatch } from './read-events';
import type { Projection } from '../projection';
import type { ReadModelStore, SqlExecutor } from '../read-model-store';
import {
  deleteRebuild,
  indexesOf,
  lockCheckpoint,
  lockRebuild,
  readCheckpoint,
  readRebuild,
  recordSwitch,
  type RebuildJob,
  writeCheckpoint,
  writeRebuild,
} from './runtime-state';
import { ddlTarget, SHADOW_SUFFIX, shadowName, TableMapping } from './table-mapping';

/**
 * Blue/green rebuilds. The new build goes into shadow tables (`<table>__rebuild`) while the
 * live tables keep serving; each batch moves the shadow and the job's position in one
 * transaction (a crash resumes where it stopped); once caught up, one transaction switches:
 * - every year: the live tables are dropped and the shadows renamed in their place, and the
 *   checkpoint jumps to the position the shadow reached (with the job's version);
 * - one school year Y: Y's rows of the live tables are replaced by the shadow's. The shadow
 *   reads only Y's events, up to the live checkpoint, so that the live tables, which keep
 *   following the log for every year, go on from their checkpoint with Y's rows rebuilt.
 */
export interface RebuildContext {
  store: EventStore;
  readModels: ReadModelStore;
}

export type BatchOutcome = 'more' | 'caught-up' | 'gone';

export function yearColumnsOf(projection: Projection): Readonly<Record<string, string>> {
  const columns = projection.yearColumns;
  if (!columns || Object.keys(columns).length === 0) {
    throw new Error(`${projection.name} is not partitioned by school year (no yearColumns)`);
  }
  return columns;
}

/** Which tables a job writes into shadows, and which it may only read (per-year). */
export function mappingOf(projection: Projection, schoolYear: string): TableMapping {
  if (!schoolYear) {
    return new TableMapping(new Map(projection.tables.map((t) => [t, shadowName(t)])));
  }
  const years = yearColumnsOf(projection);
  const partitioned = projection.tables.filter((t) => t in years);
  return new TableMapping(
    new Map(partitioned.map((t) => [t, shadowName(t)])),
    new Set(projection.tables.filter((t) => !(t in years))),
  );
}

const rebuiltTables = (projection: Projection, schoolYear: string) =>
  schoolYear ? projection.tables.filter((t) => t in yearColumnsOf(projection)) : projection.tables;

export function rebuildFilter(projection: Projection, schoolYear: string): EventFilter {
  return schoolYear ? { ...projection.filter, schoolYears: [schoolYear] } : projection.filter;
}

export const describeJob = (job: Pick<RebuildJob, 'name' | 'version' | 'schoolYear'>) =>
  `${job.name} v${job.version}${job.schoolYear ? ` (${job.schoolYear})` : ''}`;

async function dropShadows(tx: SqlExecutor, projection: Projection): Promise<void> {
  for (const table of projection.tables) await tx.run(`DROP TABLE IF EXISTS ${shadowName(table)}`);
}

/**
 * Starts a rebuild, or returns the one under way if it is the same; another one under way is
 * an error unless `replace` (a new version supersedes an older job).
 */
export async function startRebuild(
  ctx: RebuildContext,
  projection: Projection,
  options: { schoolYear?: string; replace?: boolean; startedAt: string },
): Promise<RebuildJob> {
  const schoolYear = options.schoolYear ?? '';
  const mapping = mappingOf(projection, schoolYear);
  return ctx.readModels.transaction(async (tx) => {
    const existing = await lockRebuild(tx, projection.name);
    if (existing && existing.version === projection.version && existing.schoolYear === schoolYear) {
      return existing;
    }
    if (existing && !options.replace) {
      throw new Error(`a rebuild of ${describeJob(existing)} is under way`);
    }
    if (schoolYear) {
      const live = await readCheckpoint(tx, projection.name);
      if (!live || live.version !== projection.version) {
        throw new Error(
          `${projection.name} v${projection.version} is not live yet: rebuild every year first`,
        );
      }
    }
    await dropShadows(tx, projection);
    const tables = new Set(rebuiltTables(projection, schoolYear));
    for (const ddl of projection.schema) {
      const target = ddlTarget(ddl);
      if (!target || tables.has(target.table)) await tx.run(mapping.rewrite(ddl));
    }
    const job: RebuildJob = {
      name: projection.name,
      version: projection.version,
      schoolYear,
      position: 0,
      events: 0,
      startedAt: options.startedAt,
    };
    await writeRebuild(tx, job);
    return job;
  });
}

/** Drops a rebuild and its shadow tables; the live version is untouched. */
export async function cancelRebuild(ctx: RebuildContext, projection: Projection): Promise<void> {
  await ctx.readModels.transaction(async (tx) => {
    await dropShadows(tx, projection);
    await deleteRebuild(tx, projection.name);
  });
}

/** How far a job may read: the head for every year, the live checkpoint for one year. */
async function boundOf(ctx: RebuildContext, job: RebuildJob, sql: SqlExecutor): Promise<number> {
  if (!job.schoolYear) return ctx.store.headPosition();
  return (await readCheckpoint(sql, job.name))?.position ?? 0;
}

/** One batch of the job in one transaction. */
export async function rebuildBatch(
  ctx: RebuildContext,
  projection: Projection,
  batchSize: number,
): Promise<{ outcome: BatchOutcome; events: number }> {
  const job = await readRebuild(ctx.readModels, projection.name);
  if (!job || job.version !== projection.version) return { outcome: 'gone', events: 0 };
  const bound = await boundOf(ctx, job, ctx.readModels);
  if (job.position >= bound) return { outcome: 'caught-up', events: 0 };
  const events = await readBatch(
    ctx.store,
    rebuildFilter(projection, job.schoolYear),
    job.position,
    bound,
    batchSize,
  );
  const reached = events.length === batchSize ? events[events.length - 1].position : bound;
  const mapping = mappingOf(projection, job.schoolYear);
  const applied = await ctx.readModels.transaction(async (tx) => {
    const current = await lockRebuild(tx, projection.name);
    // Another process moved the job (or replaced it) since we read it: let the caller retry.
    if (!current || current.position !== job.position || current.version !== job.version) {
      return false;
    }
    const shadow = mapping.over(tx);
    for (const event of events) await applyOne(projection, shadow, event);
    await writeRebuild(tx, {
      ...current,
      position: reached,
      events: current.events + events.length,
    });
    return true;
  });
  if (!applied) return { outcome: 'more', events: 0 };
  return { outcome: reached >= bound ? 'caught-up' : 'more', events: events.length };
}

async function applyOne(projection: Projection, tx: SqlExecutor, event: RecordedEvent) {
  try {
    await projection.apply(tx, event);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${projection.name} failed on event ${event.position} (${event.type}): ${reason}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * The atomic switch: whatever the log gained since the last batch is applied to the shadow,
 * then the shadow takes the live tables' place, all in one transaction. Returns false when
 * there was no job (another process switched it).
 */
export async function switchOver(ctx: RebuildContext, projection: Projection): Promise<boolean> {
  const { readModels } = ctx;
  const mapping = mappingOf(projection, '');
  return readModels.transaction(async (tx) => {
    const job = await lockRebuild(tx, projection.name);
    if (!job || job.version !== projection.version) return false;
    const live = await lockCheckpoint(tx, projection.name);
    const jobMapping = job.schoolYear ? mappingOf(projection, job.schoolYear) : mapping;
    const shadow = jobMapping.over(tx);
    const filter = rebuildFilter(projection, job.schoolYear);
    let upTo: number;
    if (job.schoolYear) {
      if (!live || live.version !== job.version) {
        throw new Error(`${describeJob(job)}: the live version changed, rebuild every year`);
      }
      upTo = live.position;
    } else {
      upTo = await ctx.store.headPosition();
    }
    let from = job.position;
    while (from < upTo) {
      const events = await readBatch(ctx.store, filter, from, upTo, 5000);
      for (const event of events) await applyOne(projection, shadow, event);
      from = events.length === 5000 ? events[events.length - 1].position : upTo;
    }
    if (job.schoolYear) {
      const years = yearColumnsOf(projection);
      for (const table of rebuiltTables(projection, job.schoolYear)) {
        await tx.run(`DELETE FROM ${table} WHERE ${years[table]} = ?`, [job.schoolYear]);
        await tx.run(`INSERT INTO ${table} SELECT * FROM ${shadowName(table)}`);
        await tx.run(`DROP TABLE ${shadowName(table)}`);
      }
    } else {
      for (const table of projection.tables) {
        await tx.run(`DROP TABLE IF EXISTS ${table}`);
        await tx.run(`ALTER TABLE ${shadowName(table)} RENAME TO ${table}`);
      }
      await restoreIndexNames(tx, readModels.dialect, projection);
      await writeCheckpoint(tx, projection.name, { version: job.version, position: upTo });
    }
    await recordSwitch(tx, projection.name, job.schoolYear, upTo);
    await deleteRebuild(tx, projection.name);
    return true;
  });
}

/** The renamed tables keep their shadows' index names: give them back their own. */
async function restoreIndexNames(
  tx: SqlExecutor,
  dialect: ReadModelStore['dialect'],
  projection: Projection,
): Promise<void> {
  for (const table of projection.tables) {
    for (const index of await indexesOf(tx, dialect, table)) {
      if (!index.includes(SHADOW_SUFFIX)) continue;
      if (dialect === 'postgres') {
        await tx.run(`ALTER INDEX ${index} RENAME TO ${index.replace(SHADOW_SUFFIX, '')}`);
      } else {
        // SQLite cannot rename an index: drop it, the projection's DDL builds it again.
        await tx.run(`DROP INDEX ${index}`);
      }
    }
  }
  if (dialect === 'sqlite') for (const ddl of projection.schema) await tx.run(ddl);
}
