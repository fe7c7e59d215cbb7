/**
 * A per-year blue/green rebuild in its own process, for bench:projections: wall time, events
 * and peak RSS of that process alone. With --loop it rebuilds again and again until SIGTERM
 * (a rebuild running for the whole latency measurement).
 */
import { SqliteEventStore } from '@pix-ledger/event-store';
import { ProjectionRunner, SqliteReadModelStore } from '@pix-ledger/projections';
import { ALL_PROJECTIONS } from '@pix-ledger/projections/catalogue';

const [logPath, viewsPath, schoolYear, batch, loop] = process.argv.slice(2);

async function main() {
  const store = new SqliteEventStore(logPath);
  const views = new SqliteReadModelStore(viewsPath);
  const runner = new ProjectionRunner(store, views, ALL_PROJECTIONS, {
    rebuildBatchSize: Number(batch),
  });
  let stop = false;
  process.once('SIGTERM', () => (stop = true));
  // Orphaned (the bench ended): stop too.
  process.once('disconnect', () => (stop = true));
  let rebuilds = 0;
  let events = 0;
  const started = performance.now();
  do {
    await runner.requestRebuild('certification', { schoolYear });
    await runner.runRebuilds({
      onBatch: (step) => (events += step.events),
      signal: {
        get aborted() {
          return stop;
        },
      } as AbortSignal,
    });
    if (!stop) rebuilds++;
  } while (loop === 'loop' && !stop);
  const ms = performance.now() - started;
  if (stop) await runner.cancelRebuild('certification');
  await views.close();
  await store.close();
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.send?.({ rebuilds, events, ms, maxRssMb }, () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
