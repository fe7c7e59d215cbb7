import { join } from 'node:path';
import type { ReadModelStoreConfig } from '@pix-ledger/projections';

/**
 * Where the read models live and who runs the projections (README, configuration):
 * - PIX_LEDGER_READ_MODELS: `sqlite` (default, a file beside the log) or `postgres`
 *   (PIX_LEDGER_POSTGRES_URL), for several API replicas;
 * - PIX_LEDGER_RUN_PROJECTIONS: `inline` (default: this process runs them) or `off` (an
 *   apps/projector process does; commands then wait for it to reach their events).
 */
export interface ProjectionsConfig {
  readModels: ReadModelStoreConfig;
  run: 'inline' | 'off';
  /** How long a command waits for an external projector to reach its events (mode off). */
  readYourWritesTimeoutMs: number;
  /** Events per live transaction, and per rebuild transaction. */
  batchSize: number;
  rebuildBatchSize: number;
  /** Whether bootstrap waits for the views to reach the head (the API) or not (the projector). */
  catchUpBeforeServing?: boolean;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number above 0, got "${env[name]}"`);
  }
  return value;
}

export function loadProjectionsConfig(env: NodeJS.ProcessEnv, dataDir: string): ProjectionsConfig {
  const adapter = env.PIX_LEDGER_READ_MODELS ?? 'sqlite';
  let readModels: ReadModelStoreConfig;
  if (adapter === 'sqlite') {
    readModels = {
      adapter,
      path: env.PIX_LEDGER_VIEWS_PATH ?? join(dataDir, 'pix-ledger.views.db'),
    };
  } else if (adapter === 'postgres') {
    const url = env.PIX_LEDGER_POSTGRES_URL;
    if (!url) throw new Error('PIX_LEDGER_READ_MODELS=postgres needs PIX_LEDGER_POSTGRES_URL');
    readModels = { adapter, url };
  } else {
    throw new Error(`PIX_LEDGER_READ_MODELS must be "sqlite" or "postgres", got "${adapter}"`);
  }
  const run = env.PIX_LEDGER_RUN_PROJECTIONS ?? 'inline';
  if (run !== 'inline' && run !== 'off') {
    throw new Error(`PIX_LEDGER_RUN_PROJECTIONS must be "inline" or "off", got "${run}"`);
  }
  const timeout = Number(env.PIX_LEDGER_READ_YOUR_WRITES_TIMEOUT_MS ?? 10_000);
  if (!Number.isFinite(timeout) || timeout < 0) {
    throw new Error('PIX_LEDGER_READ_YOUR_WRITES_TIMEOUT_MS must be a number of milliseconds');
  }
  return {
    readModels,
    run,
    readYourWritesTimeoutMs: timeout,
    batchSize: positiveInteger(env, 'PIX_LEDGER_PROJECTION_BATCH_SIZE', 1000),
    rebuildBatchSize: positiveInteger(env, 'PIX_LEDGER_REBUILD_BATCH_SIZE', 5000),
  };
}
