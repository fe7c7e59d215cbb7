import type { EventStore, FixedClock } from '@pix-ledger/event-store';
import type { Append } from './dataset';

export interface LoadReport {
  appends: number;
  events: number;
  /** Time spent inside `store.append` only (generation excluded). */
  appendMs: number;
}

/**
 * Writes appends through the event-store port, each at its own recorded instant (the store's
 * clock is set before each append), with the stream's expected revision.
 */
export async function loadAppends(
  stores: readonly EventStore[],
  clock: FixedClock,
  appends: Iterable<Append>,
  onProgress?: (report: LoadReport) => void,
): Promise<LoadReport> {
  const report: LoadReport = { appends: 0, events: 0, appendMs: 0 };
  for (const append of appends) {
    clock.set(append.recordedAt);
    const events = append.events.map((event) => ({
      type: event.type,
      data: event.data,
      metadata: {
        ...event.metadata,
        actor: 'generator',
        ...(append.schoolYear ? { schoolYear: append.schoolYear } : {}),
      },
    }));
    const started = performance.now();
    for (const store of stores) {
      await store.append(append.streamId, events, { expectedRevision: append.expectedRevision });
    }
    report.appendMs += performance.now() - started;
    report.appends += 1;
    report.events += events.length;
    if (onProgress && report.appends % 500 === 0) onProgress(report);
  }
  return report;
}
