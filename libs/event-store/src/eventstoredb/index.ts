export { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store';
