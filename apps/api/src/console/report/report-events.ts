import {
  ATTESTATION6E_CATEGORY,
  ESTABLISHMENT_CATEGORY,
  isKnownAt,
  REGULATION_TEXT_CATEGORY,
  SESSION_CATEGORY,
  YEAR_CALENDAR_CATEGORY,
} from '@pix-ledger/domain';
import type { EventFilter, EventStore, RecordedEvent } from '@pix-ledger/event-store';
import { eventHash } from './event-digest';

export interface ReportEvent {
  position: number;
  type: string;
  streamId: string;
  revision: number;
  /** Knowledge time: metadata.knownFrom (backfilled sources), else recordedAt. */
  knownFrom: string;
  sha256: string;
}

/**
 * The events the report's views fold, in log order: the whole regulation (rules of a year may
 * come from texts of any year), the establishments (their académie), and the year's sessions
 * and 6e attestations — each only if known at `knownAt`, and none after `upTo` (the head
 * position the views were caught up to).
 */
export async function reportEvents(
  store: EventStore,
  schoolYear: string,
  knownAt: string,
  upTo: number,
): Promise<ReportEvent[]> {
  const filters: EventFilter[] = [
    { categories: [REGULATION_TEXT_CATEGORY, YEAR_CALENDAR_CATEGORY] },
    { categories: [ESTABLISHMENT_CATEGORY] },
    { categories: [SESSION_CATEGORY, ATTESTATION6E_CATEGORY], schoolYears: [schoolYear] },
  ];
  const found: RecordedEvent[] = [];
  for (const filter of filters) {
    for await (const event of store.readAll({ filter })) {
      if (event.position > upTo) break;
      if (isKnownAt(event.metadata, knownAt)) found.push(event);
    }
  }
  return found
    .sort((a, b) => a.position - b.position)
    .map((event) => ({
      position: event.position,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision,
      knownFrom: String(event.metadata.knownFrom ?? event.metadata.recordedAt),
      sha256: eventHash(event),
    }));
}
