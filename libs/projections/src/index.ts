export * from './read-model-store';
export * from './projection';
export * from './projection-runner';
export { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
