import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, RecordedEvent } from '@pix-ledger/event-store';
import type { Projection } from './projection';
import type { ReadModelStore } from './read-model-store';

export interface ProjectionStatus {
  name: string;
  version: number;
  checkpoint: number;
  headPosition: number;
  behind: number;
}

const CHECKPOINTS = `CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL
)`;

/**
 * Runs projections from the log. Each batch of events and the checkpoint that follows it are
 * written in one read-model transaction, so a crash leaves the view exactly at its checkpoint:
 * nothing counted twice, nothing lost.
 */
export class ProjectionRunner {
  private running = false;
  private loop?: Promise<void>;
  private catchingUp?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly projections: readonly Projection[],
    private readonly options: { batchSize?: number; pollIntervalMs?: number } = {},
  ) {}

  async init(): Promise<void> {
    await this.readModels.run(CHECKPOINTS);
    for (const projection of this.projections) {
      const row = await this.readModels.get<{ version: number }>(
        'SELECT version FROM projection_checkpoints WHERE name = ?',
        [projection.name],
      );
      if (row && row.version !== projection.version) await this.reset(projection);
      for (const ddl of projection.schema) await this.readModels.run(ddl);
    }
  }

  /** Drops a projection's tables and checkpoint; the next catch-up rebuilds it from the log. */
  async reset(projection: Projection): Promise<void> {
    await this.readModels.transaction(async (tx) => {
      for (const table of projection.tables) await tx.run(`DROP TABLE IF EXISTS ${table}`);
      await tx.run('DELETE FROM projection_checkpoints WHERE name = ?', [projection.name]);
    });
    for (const ddl of projection.schema) await this.readModels.run(ddl);
  }

  /** Processes everything in the log now; concurrent callers share one pass. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.catchUpAll().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async catchUpAll(): Promise<void> {
    for (const projection of this.projections) {
      while (await this.processBatch(projection)) {
        /* until caught up */
      }
    }
  }

  /** One batch in one transaction; returns whether there may be more. */
  private async processBatch(projection: Projection): Promise<boolean> {
    const batchSize = this.options.batchSize ?? 1000;
    const from = await this.checkpointOf(projection);
    // Read before the batch: every position up to the head is committed, so a short batch
    // means the projection has scanned up to it, matching events or not.
    const head = await this.store.headPosition();
    if (head <= from) return false;
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readAll({
      fromPosition: from + 1,
      filter: projection.filter,
      maxCount: batchSize,
    })) {
      if (event.position > head) break;
      events.push(event);
    }
    const full = events.length === batchSize;
    const reached = full ? events[events.length - 1].position : head;
    await this.readModels.transaction(async (tx) => {
      for (const event of events) await projection.apply(tx, event);
      await tx.run(
        `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position`,
        [projection.name, projection.version, reached],
      );
    });
    return full;
  }

  private async checkpointOf(projection: Projection): Promise<number> {
    const row = await this.readModels.get<{ position: number }>(
      'SELECT position FROM projection_checkpoints WHERE name = ?',
      [projection.name],
    );
    return row ? Number(row.position) : 0;
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return Promise.all(
      this.projections.map(async (p) => {
        const checkpoint = await this.checkpointOf(p);
        return {
          name: p.name,
          version: p.version,
          checkpoint,
          headPosition: head,
          behind: head - checkpoint,
        };
      }),
    );
  }

  /** Keeps the views following the log until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.catchUp();
        await sleep(this.options.pollIntervalMs ?? 50);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.catchingUp;
  }
}
