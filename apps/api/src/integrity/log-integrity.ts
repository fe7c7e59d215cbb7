import type { ChainVerdict, EventStore, ExportedEvent } from '@pix-ledger/event-store';

/** A store that keeps a hash chain over its log (the embedded SQLite log). */
export interface ChainedLog {
  verifyIntegrity(): Promise<ChainVerdict>;
  exportLog(fromPosition?: number): AsyncIterable<ExportedEvent>;
}

export function chainedLogOf(store: EventStore): ChainedLog | undefined {
  const candidate = store as Partial<ChainedLog>;
  return typeof candidate.verifyIntegrity === 'function' &&
    typeof candidate.exportLog === 'function'
    ? (candidate as ChainedLog)
    : undefined;
}

export const NO_CHAIN =
  'this event store keeps no hash chain: tamper evidence is a feature of the embedded SQLite log';

/** One export line per event: what the chain covers, and the event's hash. */
export function exportLine(event: ExportedEvent): string {
  const { position, eventId, streamId, revision, type, data, metadata, hash } = event;
  return `${JSON.stringify({ position, eventId, streamId, revision, type, data, metadata, hash })}\n`;
}
