import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '@pix-ledger/event-store';
import type { Projection } from './projection';
import type { ReadModelStore } from './read-model-store';
import {
  cancelRebuild,
  describeJob,
  rebuildBatch,
  type RebuildContext,
  rebuildFilter,
  startRebuild,
  switchOver,
} from './runtime/rebuild';
import {
  createRuntimeTables,
  lockCheckpoint,
  readCheckpoint,
  readRebuild,
  readRebuilds,
  type RebuildJob,
  writeCheckpoint,
} from './runtime/runtime-state';
import { readBatch } from './runtime/read-events';

export interface RebuildStatus {
  version: number;
  /** null when every year is rebuilt. */
  schoolYear: string | null;
  position: number;
  /** Where it is heading: the head (every year) or the live checkpoint (one year). */
  target: number;
  events: number;
  startedAt: string;
  lastError: string | null;
}

export interface ProjectionStatus {
  name: string;
  /** The version this process runs. */
  version: number;
  /** The version whose tables serve the queries (null before its first batch). */
  liveVersion: number | null;
  /** live: follows the log; building: a new version builds beside an older live one;
   *  superseded: a newer version is live, this process's code is older. */
  state: 'live' | 'building' | 'superseded';
  checkpoint: number;
  headPosition: number;
  /** Log positions between the checkpoint and the head. */
  behind: number;
  /** Age of the oldest event the live tables have not seen yet (0 when caught up). */
  oldestUnprocessedAgeSeconds: number;
  rebuild: RebuildStatus | null;
}

export interface RebuildStep {
  /** The job as it stood before the batch. */
  job: RebuildJob;
  events: number;
  switched: boolean;
  /** Where the job stands after the batch (infinite once switched). */
  position: number;
}

export interface RunnerOptions {
  /** Events per live transaction. */
  batchSize?: number;
  /** Events per rebuild transaction. */
  rebuildBatchSize?: number;
  pollIntervalMs?: number;
  /** Whether the background loop also runs pending rebuilds (the CLI runs them itself). */
  runRebuilds?: boolean;
  /** How long the loop waits before retrying a rebuild that failed. */
  rebuildRetryMs?: number;
  /** Wall clock for lag ages and job start times. */
  now?: () => number;
  log?: (message: string) => void;
}

/**
 * Runs projections from the log. Each batch of events and the checkpoint that follows it are
 * written in one read-model transaction, which first checks that the checkpoint is still the
 * one the batch was read from: a crash leaves the view exactly at its checkpoint, and two
 * runners (the API and a projector process) never apply a batch twice.
 * New versions and explicit rebuilds build in shadow tables (runtime/rebuild.ts).
 */
export class ProjectionRunner {
  private running = false;
  /** Set by stop(): passes end after their current batch (a rebuild resumes from it). */
  private stopping = false;
  private loop?: Promise<void>;
  private catchingUp?: Promise<void>;
  private readonly byName: Map<string, Projection>;
  private readonly lastErrors = new Map<string, string>();
  private rebuildsPausedUntil = 0;
  private readonly ctx: RebuildContext;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    this.byName = new Map(projections.map((p) => [p.name, p]));
    this.ctx = { store, readModels };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  projection(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) {
      throw new Error(
        `unknown projection "${name}" (known: ${[...this.byName.keys()].join(', ')})`,
      );
    }
    return projection;
  }

  /**
   * Creates the tables of new projections. A projection whose live version is older than this
   * code's gets a rebuild of its new version beside it; the old tables serve until the switch.
   */
  async init(): Promise<void> {
    await createRuntimeTables(this.readModels);
    for (const projection of this.projections) {
      const live = await readCheckpoint(this.readModels, projection.name);
      if (!live) {
        for (const ddl of projection.schema) await this.readModels.run(ddl);
        await this.readModels.run(
          `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, 0)
           ON CONFLICT (name) DO NOTHING`,
          [projection.name, projection.version],
        );
      } else if (live.version === projection.version) {
        for (const ddl of projection.schema) await this.readModels.run(ddl);
      } else if (live.version < projection.version) {
        const job = await readRebuild(this.readModels, projection.name);
        if (!job || job.version !== projection.version || job.schoolYear !== '') {
          await startRebuild(this.ctx, projection, { replace: true, startedAt: this.isoNow() });
          this.log(
            `${projection.name}: v${live.version} serves while v${projection.version} builds`,
          );
        }
      }
    }
  }

  /** The runner's bookkeeping tables only (a process that reads status, runs nothing). */
  async createRuntimeTables(): Promise<void> {
    await createRuntimeTables(this.readModels);
  }

  /** Whether every projection live at this code's version has reached `position`. */
  async reached(position: number): Promise<boolean> {
    for (const projection of this.projections) {
      const live = await readCheckpoint(this.readModels, projection.name);
      if (live && live.version === projection.version && live.position < position) return false;
    }
    return true;
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  /** Brings every live projection to the head of the log; concurrent callers share one pass. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.catchUpAll().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async catchUpAll(): Promise<void> {
    for (const projection of this.projections) {
      while (!this.stopping && (await this.processBatch(projection))) {
        // Between batches, let HTTP requests, timers and signals in.
        await yieldToEventLoop();
      }
    }
  }

  /** One batch in one transaction; returns whether there may be more. */
  private async processBatch(projection: Projection): Promise<boolean> {
    const batchSize = this.options.batchSize ?? 1000;
    const live = await readCheckpoint(this.readModels, projection.name);
    if (!live || live.version !== projection.version) return false;
    const from = live.position;
    // Read before the batch: every position up to the head is committed, so a short batch
    // means the projection has scanned up to it, matching events or not.
    const head = await this.store.headPosition();
    if (head <= from) return false;
    const events = await readBatch(this.store, projection.filter, from, head, batchSize);
    const full = events.length === batchSize;
    const reached = full ? events[events.length - 1].position : head;
    return this.readModels.transaction(async (tx) => {
      const current = await lockCheckpoint(tx, projection.name);
      // Someone else (another process, a switch) moved it: read again from where it is.
      if (!current || current.version !== projection.version) return false;
      if (current.position !== from) return true;
      for (const event of events) await projection.apply(tx, event);
      await writeCheckpoint(tx, projection.name, {
        version: projection.version,
        position: reached,
      });
      return full;
    });
  }

  /** Starts rebuilding a projection (one school year, or every year) beside its live tables. */
  async requestRebuild(name: string, options: { schoolYear?: string } = {}): Promise<RebuildJob> {
    const projection = this.projection(name);
    this.lastErrors.delete(name);
    return startRebuild(this.ctx, projection, {
      schoolYear: options.schoolYear,
      startedAt: this.isoNow(),
    });
  }

  /**
   * The stretch of the log a rebuild still has to cover, for progress bars: from just before
   * its next matching event to its target (the head, or the live checkpoint for one year).
   */
  async rebuildSpan(name: string): Promise<{ from: number; target: number } | undefined> {
    const job = await readRebuild(this.readModels, name);
    if (!job) return undefined;
    const projection = this.projection(name);
    const target = job.schoolYear
      ? ((await readCheckpoint(this.readModels, name))?.position ?? 0)
      : await this.store.headPosition();
    const filter = rebuildFilter(projection, job.schoolYear);
    const firstFrom = async (position: number) => {
      for await (const event of this.store.readAll({ fromPosition: position, filter, maxCount: 1 }))
        return event.position;
      return undefined;
    };
    const first = await firstFrom(job.position + 1);
    if (first === undefined || first > target) return { from: target, target };
    // The last matching event up to the target, by bisection on the (indexed) filtered read.
    let last = first;
    let high = target + 1;
    while (last + 1 < high) {
      const middle = Math.floor((last + 1 + high) / 2);
      const found = await firstFrom(middle);
      if (found !== undefined && found < high) last = found;
      else high = middle;
    }
    return { from: first - 1, target: last };
  }

  async cancelRebuild(name: string): Promise<void> {
    await cancelRebuild(this.ctx, this.projection(name));
  }

  /**
   * One batch of one pending rebuild this process can run, and the switch once it has caught
   * up. Returns the events applied, or undefined when no rebuild is pending here.
   */
  async rebuildStep(only?: string): Promise<RebuildStep | undefined> {
    for (const job of await readRebuilds(this.readModels)) {
      const projection = this.byName.get(job.name);
      if (!projection || projection.version !== job.version) continue;
      if (only && job.name !== only) continue;
      try {
        const batch = await rebuildBatch(
          this.ctx,
          projection,
          this.options.rebuildBatchSize ?? 5000,
        );
        if (batch.outcome === 'gone') continue;
        let switched = false;
        if (batch.outcome === 'caught-up') {
          switched = await switchOver(this.ctx, projection);
          if (switched) this.log(`${describeJob(job)}: rebuilt, now live`);
        }
        this.lastErrors.delete(job.name);
        const after = await readRebuild(this.readModels, job.name);
        return {
          job,
          events: batch.events,
          switched,
          position: switched ? Number.POSITIVE_INFINITY : (after?.position ?? job.position),
        };
      } catch (error) {
        this.lastErrors.set(job.name, error instanceof Error ? error.message : String(error));
        throw error;
      }
    }
    return undefined;
  }

  /** Runs the pending rebuilds (all, or one projection's) to their switch. */
  async runRebuilds(
    options: {
      only?: string;
      onBatch?: (step: RebuildStep) => void;
      signal?: AbortSignal;
    } = {},
  ): Promise<void> {
    while (!this.stopping && !options.signal?.aborted) {
      const step = await this.rebuildStep(options.only);
      if (!step) return;
      options.onBatch?.(step);
      await yieldToEventLoop();
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    const jobs = new Map((await readRebuilds(this.readModels)).map((j) => [j.name, j]));
    const statuses: ProjectionStatus[] = [];
    for (const p of this.projections) {
      const live = await readCheckpoint(this.readModels, p.name);
      const checkpoint = live?.position ?? 0;
      const job = jobs.get(p.name);
      const state =
        live && live.version > p.version
          ? 'superseded'
          : live && live.version < p.version
            ? 'building'
            : 'live';
      statuses.push({
        name: p.name,
        version: p.version,
        liveVersion: live?.version ?? null,
        state,
        checkpoint,
        headPosition: head,
        behind: head - checkpoint,
        oldestUnprocessedAgeSeconds: await this.ageOfOldestAfter(p, checkpoint),
        rebuild: job
          ? {
              version: job.version,
              schoolYear: job.schoolYear || null,
              position: job.position,
              target: job.schoolYear ? checkpoint : head,
              events: job.events,
              startedAt: job.startedAt,
              lastError: this.lastErrors.get(p.name) ?? null,
            }
          : null,
      });
    }
    return statuses;
  }

  private async ageOfOldestAfter(projection: Projection, checkpoint: number): Promise<number> {
    for await (const event of this.store.readAll({
      fromPosition: checkpoint + 1,
      filter: projection.filter,
      maxCount: 1,
    })) {
      const recordedAt = Date.parse(event.metadata.recordedAt);
      return Number.isFinite(recordedAt) ? Math.max(0, (this.now() - recordedAt) / 1000) : 0;
    }
    return 0;
  }

  /** Keeps the views following the log (and pending rebuilds moving) until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let busy = false;
        try {
          await this.catchUp();
          if (this.options.runRebuilds ?? true) busy = await this.rebuildSlice();
        } catch (error) {
          this.log(`projections: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (!busy) await sleep(this.options.pollIntervalMs ?? 50);
      }
    })();
  }

  /** Rebuild batches for up to ~200 ms, so that live catch-up keeps its pace in between. */
  private async rebuildSlice(): Promise<boolean> {
    if (Date.now() < this.rebuildsPausedUntil) return false;
    const until = Date.now() + 200;
    let step;
    do {
      try {
        await yieldToEventLoop();
        step = await this.rebuildStep();
      } catch (error) {
        // The shadow stays as the last good batch left it; the live version keeps serving.
        this.rebuildsPausedUntil = Date.now() + (this.options.rebuildRetryMs ?? 5000);
        this.log(`rebuild failed, the live version keeps serving: ${String(error)}`);
        return false;
      }
    } while (step && this.running && !this.stopping && Date.now() < until);
    return step !== undefined;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    await this.loop;
    await this.catchingUp;
  }
}
