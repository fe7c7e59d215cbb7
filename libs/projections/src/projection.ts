import type { EventFilter, RecordedEvent } from '@pix-ledger/event-store';
import type { SqlExecutor } from './read-model-store';

/**
 * A projection is pure definition: which events it reads, the tables it owns, and how one
 * event changes them. The runner owns reading, batching, transactions and checkpoints.
 * Bump `version` when the tables or the handling change: the runner then rebuilds it.
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
}
