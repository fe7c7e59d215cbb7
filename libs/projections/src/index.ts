export * from './read-model-store';
export * from './projection';
export * from './projection-runner';
export { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
export { PostgresReadModelStore } from './postgres/postgres-read-model-store';
export { createReadModelStore, type ReadModelStoreConfig } from './create-read-model-store';
export type { RebuildJob } from './runtime/runtime-state';
export { readCheckpoint, readSwitches } from './runtime/runtime-state';
