import { createHash } from 'node:crypto';
import { type Decider, type DomainEvent, fold } from '@pix-ledger/domain';
import type { EventStore } from './event-store.port';
import type { EventMetadata, ExpectedRevision } from './types';

export interface CommandContext {
  /** Revision the caller last saw (HTTP If-Match); default: the revision just loaded. */
  expectedRevision?: ExpectedRevision;
  /** A client-chosen key (Idempotency-Key): the same key yields the same event ids. */
  idempotencyKey?: string;
  metadata?: Partial<EventMetadata>;
}

export interface CommandOutcome<Event extends DomainEvent> {
  events: readonly Event[];
  /** The stream's revision after the command (unchanged for a no-op); -1 if it does not exist. */
  revision: number;
  position?: number;
}

/**
 * The one place where a command meets the store: load the stream, fold it, decide, and append
 * with the revision that was loaded, so a concurrent writer makes this fail rather than be lost.
 */
export async function runCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  context: CommandContext = {},
): Promise<CommandOutcome<Event>> {
  const history = await store.readStream(streamId);
  const loaded = history.length ? history[history.length - 1].revision : -1;
  const state = fold(decider, history as unknown as Event[]);
  const events = decider.decide(command, state);
  if (events.length === 0) return { events, revision: loaded };
  const result = await store.append(
    streamId,
    events.map((event, index) => ({
      eventId: context.idempotencyKey
        ? deterministicEventId(streamId, context.idempotencyKey, index)
        : undefined,
      type: event.type,
      data: event.data,
      metadata: context.metadata,
    })),
    { expectedRevision: context.expectedRevision ?? (loaded === -1 ? 'no_stream' : loaded) },
  );
  return { events, revision: result.nextExpectedRevision, position: result.position };
}

/** A UUID-shaped id derived from the stream, a caller's key and the event's index. */
export function deterministicEventId(streamId: string, key: string, index: number): string {
  const hex = createHash('sha256').update(`${streamId}\u0000${key}\u0000${index}`).digest('hex');
  // Version 8 (custom) UUID layout, variant bits 10xx.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
