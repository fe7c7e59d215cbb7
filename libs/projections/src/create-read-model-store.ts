import { PostgresReadModelStore } from './postgres/postgres-read-model-store';
import type { ReadModelStore } from './read-model-store';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';

export type ReadModelStoreConfig =
  { adapter: 'sqlite'; path: string } | { adapter: 'postgres'; url: string };

export function createReadModelStore(config: ReadModelStoreConfig): ReadModelStore {
  return config.adapter === 'sqlite'
    ? new SqliteReadModelStore(config.path)
    : new PostgresReadModelStore(config.url);
}
