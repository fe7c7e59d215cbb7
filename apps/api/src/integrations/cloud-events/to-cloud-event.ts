import { CloudEvent } from 'cloudevents';
import { categoryOf, type RecordedEvent } from '@pix-ledger/event-store';

/** The media type of a CloudEvent sent whole as JSON (structured content mode). */
export const CLOUDEVENTS_JSON = 'application/cloudevents+json; charset=utf-8';
export const CLOUDEVENT_TYPE_PREFIX = 'fr.pix-ledger';

/** `regulationText` -> `regulation-text`, `RegulatoryTextPublished` -> `regulatory-text-published`. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** `fr.pix-ledger.<context>.<event>.v<schemaVersion>`, the context being the stream category. */
export function cloudEventType(category: string, eventType: string, schemaVersion: number): string {
  return `${CLOUDEVENT_TYPE_PREFIX}.${kebab(category)}.${kebab(eventType)}.v${schemaVersion}`;
}

/**
 * Every event leaving the system (feed and webhooks) is a CloudEvents 1.0 event. Extension
 * attributes carry what an integration needs to resume and to group: `position` (the global
 * position, an integer, also the SSE id), `schoolyear` and `correlationid`.
 */
export function toCloudEvent(event: RecordedEvent, source: string): CloudEvent<unknown> {
  return new CloudEvent<unknown>({
    specversion: '1.0',
    id: event.eventId,
    source,
    type: cloudEventType(categoryOf(event.streamId), event.type, event.metadata.schemaVersion),
    subject: event.streamId,
    time: event.metadata.recordedAt,
    datacontenttype: 'application/json',
    data: event.data,
    position: event.position,
    correlationid: event.metadata.correlationId,
    ...(event.metadata.schoolYear ? { schoolyear: event.metadata.schoolYear } : {}),
  });
}

/** The JSON text sent on the wire: the same bytes are signed and delivered. */
export function cloudEventJson(event: RecordedEvent, source: string): string {
  return JSON.stringify(toCloudEvent(event, source));
}
