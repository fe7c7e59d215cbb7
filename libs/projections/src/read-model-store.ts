/**
 * Where projections write. Statements use `?` placeholders; each store translates them for its
 * engine, so one projection's SQL runs on SQLite (embedded) and PostgreSQL (replicas).
 * Keep projection SQL to the common dialect: CREATE TABLE IF NOT EXISTS, INSERT … ON CONFLICT,
 * TEXT/INTEGER/REAL columns.
 */
export interface SqlExecutor {
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  all<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  get<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<Row | undefined>;
}

export interface ReadModelStore extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all of its writes land, or none do. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const READ_MODEL_STORE = Symbol('ReadModelStore');
