import { createEventStore, systemClock, UpcasterRegistry } from '@pix-ledger/event-store';
import { createReadModelStore, ProjectionRunner } from '@pix-ledger/projections';
import { ALL_PROJECTIONS } from '@pix-ledger/projections/catalogue';
import { loadConfig } from '../../../api/src/config';
import { loadProjectionsConfig } from '../../../api/src/projections/projections.config';

/** A runner over the configured stores (same environment as the API and the projector). */
export async function openRunner() {
  const config = loadConfig();
  const projections = loadProjectionsConfig(process.env, config.dataDir);
  const store = createEventStore(config.eventStore, {
    clock: systemClock,
    upcasters: new UpcasterRegistry(),
  });
  const readModels = createReadModelStore(projections.readModels);
  const runner = new ProjectionRunner(store, readModels, ALL_PROJECTIONS, {
    batchSize: projections.batchSize,
    rebuildBatchSize: projections.rebuildBatchSize,
  });
  await runner.createRuntimeTables();
  return {
    runner,
    close: async () => {
      await runner.stop();
      await readModels.close();
      await store.close();
    },
  };
}

export const duration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
};
