import { decideRegulation, regulationStreamOf, withReferences } from '../references';
import { buildRegulationSnapshot, type RecordedEventLike } from '../snapshot/regulation-snapshot';
import type { RegulatoryHistory } from './seed-item';

export interface ReplayedEvent extends RecordedEventLike {
  streamId: string;
  seedKey: string;
}

/**
 * Replays a history through the deciders without a store (for specs and checks): the same
 * decisions the seeder takes, with each event's knowledge time in its metadata.
 */
export function replayHistoryInMemory(
  history: RegulatoryHistory,
  recordedAt: string,
): ReplayedEvent[] {
  const log: ReplayedEvent[] = [];
  for (const item of history.items) {
    const snapshot = buildRegulationSnapshot(log);
    const command = withReferences(item.command, (id) => snapshot.texts[id]);
    const events = decideRegulation(
      command,
      (year) => snapshot.calendars[year],
      (id) => snapshot.texts[id],
    );
    for (const event of events) {
      log.push({
        ...event,
        streamId: regulationStreamOf(command),
        seedKey: item.key,
        position: log.length + 1,
        metadata: { knownFrom: item.knownFrom, recordedAt, backfilled: true },
      });
    }
  }
  return log;
}
