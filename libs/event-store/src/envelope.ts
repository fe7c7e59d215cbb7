import type { Clock } from './clock';
import type { UpcasterRegistry } from './upcasting';
import type { EventFilter, EventMetadata, NewEvent, RecordedEvent } from './types';
import { categoryOf } from './stream-name';
import { uuidv7 } from './uuid-v7';

export interface PreparedEvent {
  eventId: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** JSON text of data and metadata, serialised once and reused for storage and comparison. */
  dataJson: string;
  metadataJson: string;
}

/**
 * Completes the envelope before an append: an id when the caller gave none, the schema
 * version, and `recordedAt` from the injected clock unless the event already carries one
 * (a migration between stores keeps the original instant).
 */
export function prepareEvents(
  events: readonly NewEvent[],
  clock: Clock,
  upcasters: UpcasterRegistry,
): PreparedEvent[] {
  const recordedAt = clock.now().toISOString();
  return events.map((event) => {
    const eventId = event.eventId ?? uuidv7();
    const given = event.metadata ?? {};
    const metadata: EventMetadata = {
      ...given,
      schemaVersion: given.schemaVersion ?? upcasters.currentVersion(event.type),
      correlationId: given.correlationId ?? eventId,
      causationId: given.causationId ?? null,
      actor: given.actor ?? 'system',
      recordedAt: given.recordedAt ?? recordedAt,
    };
    return {
      eventId,
      type: event.type,
      data: event.data,
      metadata,
      dataJson: JSON.stringify(event.data ?? null),
      metadataJson: JSON.stringify(metadata),
    };
  });
}

export function matchesFilter(event: RecordedEvent, filter: EventFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.categories && !filter.categories.includes(categoryOf(event.streamId))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.schoolYears && !filter.schoolYears.includes(event.metadata.schoolYear ?? ''))
    return false;
  return true;
}
