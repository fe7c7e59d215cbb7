import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadModelStore, SqlExecutor } from '../read-model-store';

const isDdl = (sql: string) => /^\s*(create|drop|alter)\s/i.test(sql);

/** One better-sqlite3 connection with its prepared statements. */
class Connection implements SqlExecutor {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async run(sql: string, params: readonly unknown[] = []) {
    if (isDdl(sql)) {
      this.db.exec(sql);
      this.statements.clear();
      return { changes: 0 };
    }
    return { changes: this.prepare(sql).run(...params).changes };
  }

  async all<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.prepare(sql).all(...params) as Row[];
  }

  async get<Row>(sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
    return this.prepare(sql).get(...params) as Row | undefined;
  }
}

/**
 * Read models of the embedded default, in a sibling file of the event log so that rebuilding
 * a view never holds the log's write lock. Writes go through one connection, one transaction
 * at a time; reads outside a transaction use a second connection, so a query never sees a
 * transaction of this process half done (WAL: it reads the last committed state).
 */
export class SqliteReadModelStore implements ReadModelStore {
  readonly dialect = 'sqlite' as const;
  private readonly writer: Connection;
  private readonly reader: Connection;
  /** Transactions and single writes from concurrent callers take turns on the writer. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.writer = new Connection(open(path));
    this.writer.db.pragma('journal_mode = WAL');
    this.writer.db.pragma('busy_timeout = 0');
    this.writer.db.pragma('synchronous = NORMAL');
    // An in-memory database exists once per connection: it reads through the writer.
    this.reader = path === ':memory:' ? this.writer : new Connection(open(path));
  }

  run(sql: string, params: readonly unknown[] = []): Promise<{ changes: number }> {
    return this.transaction((tx) => tx.run(sql, params));
  }

  all<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.reader.all<Row>(sql, params);
  }

  get<Row>(sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
    return this.reader.get<Row>(sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.begin();
      try {
        const result = await work(this.writer);
        this.writer.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.writer.db.inTransaction) this.writer.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /**
   * IMMEDIATE: the write lock first, so transactions of other connections take turns too. The
   * writer never waits inside SQLite (busy_timeout 0): a busy lock is retried here, without
   * blocking the thread, so another connection of this same process can finish meanwhile.
   */
  private async begin(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        this.writer.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline)
          throw error;
        await sleep(wait);
      }
    }
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.reader !== this.writer) this.reader.db.close();
    this.writer.db.close();
  }
}

function open(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('busy_timeout = 60000');
  db.pragma('cache_size = -65536');
  return db;
}
