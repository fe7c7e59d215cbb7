export * from './types';
export * from './errors';
export * from './event-store.port';
export * from './clock';
export * from './stream-name';
export * from './upcasting';
export { matchesFilter } from './envelope';
export { uuidv7 } from './uuid-v7';
export * from './integrity/hash-chain';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { createEventStore, type EventStoreConfig } from './create-event-store';
// The EventStoreDB adapter is imported from '@pix-ledger/event-store/eventstoredb' so that the
// gRPC client is loaded only where that adapter is used.
export {
  runCommand,
  deterministicEventId,
  type CommandContext,
  type CommandOutcome,
} from './command-runner';
