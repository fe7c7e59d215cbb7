import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendExpectedRevision,
  type Filter,
  type JSONType,
  type Position,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { type Clock, systemClock } from '../clock';
import { type PreparedEvent, matchesFilter, prepareEvents } from '../envelope';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import type { EventStore } from '../event-store.port';
import { assertValidStreamName } from '../stream-name';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../types';
import { UpcasterRegistry } from '../upcasting';

export interface EventStoreDbOptions {
  clock?: Clock;
  upcasters?: UpcasterRegistry;
  /** How far back a retried append is looked for when the expected revision does not say. */
  idempotencyWindow?: number;
}

/**
 * Production adapter on EventStoreDB / KurrentDB. Positions are the commit positions of the
 * transaction log (increasing, not gapless); `recordedAt` lives in our metadata, so it survives
 * a migration, whatever the server's own `created` says.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly upcasters: UpcasterRegistry;
  private readonly idempotencyWindow: number;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.idempotencyWindow = options.idempotencyWindow ?? 256;
  }

  static fromConnectionString(connectionString: string, options?: EventStoreDbOptions) {
    return new EventStoreDbEventStore(
      EventStoreDBClient.connectionString(connectionString),
      options,
    );
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertValidStreamName(streamId);
    if (events.length === 0) throw new Error('append needs at least one event');
    const prepared = prepareEvents(events, this.clock, this.upcasters);
    const expected = options.expectedRevision ?? 'any';
    // The server recognises retried ids but does not compare their data: we do, first.
    const retried = await this.originalResultOfRetry(streamId, prepared, expected);
    if (retried) return retried;
    try {
      const result = await this.client.appendToStream(
        streamId,
        prepared.map((e) =>
          jsonEvent({
            id: e.eventId,
            type: e.type,
            data: (e.data ?? null) as JSONType,
            metadata: e.metadata,
          }),
        ),
        { expectedRevision: toServerExpected(expected) },
      );
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        position: Number(result.position?.commit ?? -1n),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new WrongExpectedRevisionError(
          streamId,
          expected,
          typeof actual === 'bigint' ? Number(actual) : 'no_stream',
        );
      }
      throw error;
    }
  }

  private async originalResultOfRetry(
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | undefined> {
    const window =
      typeof expected === 'number'
        ? await this.readStream(streamId, { fromRevision: expected + 1, maxCount: events.length })
        : expected === 'no_stream'
          ? await this.readStream(streamId, { fromRevision: 'start', maxCount: events.length })
          : await this.readStream(streamId, {
              direction: 'backwards',
              maxCount: this.idempotencyWindow,
            });
    const byId = new Map(window.map((e) => [e.eventId, e]));
    const found = events.map((e) => byId.get(e.eventId));
    if (found.every((e) => e === undefined)) return undefined;
    events.forEach((event, i) => {
      const recorded = found[i];
      if (!recorded)
        throw new EventIdConflictError(event.eventId, 'a partial batch: some ids are new');
      if (recorded.type !== event.type || JSON.stringify(recorded.data) !== event.dataJson) {
        throw new EventIdConflictError(event.eventId, 'a different type or data');
      }
    });
    const last = found[found.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision;
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromRevision:
          from === undefined
            ? options.direction === 'backwards'
              ? END
              : START
            : from === 'start'
              ? START
              : from === 'end'
                ? END
                : BigInt(from),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of read) {
        const event = this.decode(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const read = this.client.readAll({
      fromPosition: options.fromPosition ? serverPosition(options.fromPosition) : START,
      direction: FORWARDS,
    });
    for await (const resolved of read) {
      const event = this.decode(resolved);
      if (!event || !matchesFilter(event, options.filter)) continue;
      yield event;
      if (--remaining <= 0) {
        await read.cancel();
        return;
      }
    }
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const from = options.fromPosition ?? 'start';
    const filter = options.filter;
    const subscription = this.client.subscribeToAll({
      fromPosition: from === 'start' ? START : from === 'end' ? END : serverPosition(from),
      filter: serverFilter(filter),
    });
    const decode = (resolved: AllStreamResolvedEvent) => this.decode(resolved);
    return {
      async *[Symbol.asyncIterator]() {
        for await (const resolved of subscription) {
          const event = decode(resolved);
          if (event && matchesFilter(event, filter)) yield event;
        }
      },
      stop: async () => {
        await subscription.unsubscribe();
      },
    };
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
    })) {
      return Number(resolved.event?.position?.commit ?? resolved.commitPosition ?? 0n);
    }
    return 0;
  }

  /** Streams behind the links of a system stream such as `$ce-<category>` (EventStoreDB only). */
  async readLinks(systemStream: string): Promise<string[]> {
    const streams: string[] = [];
    try {
      for await (const resolved of this.client.readStream(systemStream, { resolveLinkTos: true })) {
        if (resolved.event) streams.push(resolved.event.streamId);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return streams;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private decode(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || event.type.startsWith('$') || event.streamId.startsWith('$') || !event.isJson) {
      return undefined;
    }
    return this.upcasters.upcast({
      eventId: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata as EventMetadata,
      streamId: event.streamId,
      revision: Number(event.revision),
      position: Number(event.position?.commit ?? resolved.commitPosition ?? -1n),
    });
  }
}

function toServerExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** Our positions are commit positions; single-event writes have prepare = commit. */
function serverPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Narrows on the server by one dimension; matchesFilter checks them all on the client. */
function serverFilter(filter: EventFilter | undefined): Filter {
  if (filter?.categories?.length) {
    return streamNameFilter({ prefixes: filter.categories.map((c) => `${c}-`) });
  }
  if (filter?.eventTypes?.length) {
    return eventTypeFilter({ regex: `^(${filter.eventTypes.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}
