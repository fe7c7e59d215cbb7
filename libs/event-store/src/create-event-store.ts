import type { Clock } from './clock';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import type { UpcasterRegistry } from './upcasting';

export type EventStoreConfig =
  { adapter: 'sqlite'; path: string } | { adapter: 'eventstoredb'; connectionString: string };

/** Picks the adapter from configuration; the gRPC client is only loaded when asked for. */
export function createEventStore(
  config: EventStoreConfig,
  deps: { clock?: Clock; upcasters?: UpcasterRegistry } = {},
): EventStore {
  if (config.adapter === 'sqlite') return new SqliteEventStore(config.path, deps);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventStoreDbEventStore } = require('./eventstoredb') as typeof import('./eventstoredb');
  return EventStoreDbEventStore.fromConnectionString(config.connectionString, deps);
}
