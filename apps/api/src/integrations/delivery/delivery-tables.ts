import type { SqlExecutor } from '@pix-ledger/projections';

/**
 * The webhook outbox's own tables, beside the read models (not projections: they record what
 * was sent, which the log cannot tell). A subscription's checkpoint is the position of the last
 * event delivered (2xx) or dead-lettered; it moves in the same transaction as the rest.
 */
export const DELIVERY_TABLES = [
  `CREATE TABLE IF NOT EXISTS webhook_secrets (
    subscription_id TEXT PRIMARY KEY,
    secret TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS webhook_delivery_state (
    subscription_id TEXT PRIMARY KEY,
    checkpoint INTEGER NOT NULL,
    replays_applied INTEGER NOT NULL,
    pending_position INTEGER,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT,
    last_attempt_at TEXT,
    last_error TEXT,
    delivered INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS webhook_dead_letters (
    subscription_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    dead_at TEXT NOT NULL,
    PRIMARY KEY (subscription_id, position)
  )`,
] as const;

export interface DeliveryStateRow {
  subscription_id: string;
  checkpoint: number;
  replays_applied: number;
  /** The event the current failed attempts were for (null when none are pending). */
  pending_position: number | null;
  attempts: number;
  /** ISO instant before which the pending event is not tried again. */
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  delivered: number;
  failed_attempts: number;
}

export interface DeadLetterRow {
  subscription_id: string;
  position: number;
  event_id: string;
  type: string;
  attempts: number;
  last_error: string;
  dead_at: string;
}

export async function createDeliveryTables(db: SqlExecutor): Promise<void> {
  for (const ddl of DELIVERY_TABLES) await db.run(ddl);
}
