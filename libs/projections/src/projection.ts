import type { EventFilter, RecordedEvent } from '@pix-ledger/event-store';
import type { SqlExecutor } from './read-model-store';

/**
 * A projection is pure definition: which events it reads, the tables it owns, and how one
 * event changes them. The runner owns reading, batching, transactions and checkpoints.
 * Bump `version` when the tables or the handling change: the runner then builds the new
 * version beside the live one and switches when it has caught up (blue/green).
 */
export interface Projection {
  name: string;
  version: number;
  filter: EventFilter;
  /** DDL run before the first event; must be idempotent (IF NOT EXISTS). */
  schema: readonly string[];
  /** Tables it owns, dropped on a rebuild. */
  tables: readonly string[];
  apply(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
  /**
   * Tables partitioned by school year, each with its school-year column (holding the events'
   * `metadata.schoolYear`). With it, year Y can be rebuilt alone: Y's rows are replaced by a
   * replay of Y's events only. Events of year Y may read the other tables but never write them.
   */
  yearColumns?: Readonly<Record<string, string>>;
}
