import { Pool, type PoolClient, type PoolConfig, types } from 'pg';
import type { ReadModelStore, SqlExecutor } from '../read-model-store';

/**
 * Read models on PostgreSQL, for several API replicas. Projections write the common dialect
 * with `?` placeholders; this store translates it:
 * - `?` outside quotes becomes `$1`, `$2`, …;
 * - in DDL, INTEGER becomes BIGINT (SQLite integers are 64-bit: known_at holds epoch
 *   milliseconds) and REAL becomes DOUBLE PRECISION (SQLite REAL is 8 bytes);
 * - BIGINT, NUMERIC (SUM, AVG) and COUNT come back as numbers, as they do from SQLite.
 * Identical answers need the database's collation to compare text as SQLite does (byte
 * order): create it with LC_COLLATE 'C' (README, PostgreSQL read models).
 */
const INT8 = 20;
const NUMERIC = 1700;
types.setTypeParser(INT8, (value) => Number(value));
types.setTypeParser(NUMERIC, (value) => Number(value));

const QUOTED_OR_MARK = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g;

/** `?` placeholders to `$n`, quoted text untouched. */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(QUOTED_OR_MARK, (match) => (match === '?' ? `$${++n}` : match));
}

/** The common-dialect DDL in PostgreSQL's types. */
export function toPostgresDdl(ddl: string): string {
  return ddl.replace(/\bINTEGER\b/gi, 'BIGINT').replace(/\bREAL\b/gi, 'DOUBLE PRECISION');
}

const isDdl = (sql: string) => /^\s*(create|alter)\s/i.test(sql);

const translated = new Map<string, string>();

function translate(sql: string): string {
  let text = translated.get(sql);
  if (text === undefined) {
    text = toPostgresPlaceholders(isDdl(sql) ? toPostgresDdl(sql) : sql);
    // Statements are mostly constants; a few are built (IN lists): keep the memo bounded.
    if (translated.size > 10_000) translated.clear();
    translated.set(sql, text);
  }
  return text;
}

class Statements implements SqlExecutor {
  constructor(private readonly client: Pool | PoolClient) {}

  async run(sql: string, params: readonly unknown[] = []) {
    const result = await this.client.query(translate(sql), params as unknown[]);
    return { changes: result.rowCount ?? 0 };
  }

  async all<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.client.query(translate(sql), params as unknown[]);
    return result.rows as Row[];
  }

  async get<Row>(sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
    return (await this.all<Row>(sql, params))[0];
  }
}

export class PostgresReadModelStore implements ReadModelStore {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly outside: Statements;

  constructor(config: string | PoolConfig) {
    this.pool = new Pool(typeof config === 'string' ? { connectionString: config } : config);
    // An idle client that loses its server must not crash the process; the next query fails.
    this.pool.on('error', () => undefined);
    this.outside = new Statements(this.pool);
  }

  run(sql: string, params?: readonly unknown[]) {
    return this.outside.run(sql, params);
  }

  all<Row>(sql: string, params?: readonly unknown[]) {
    return this.outside.all<Row>(sql, params);
  }

  get<Row>(sql: string, params?: readonly unknown[]) {
    return this.outside.get<Row>(sql, params);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new Statements(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
