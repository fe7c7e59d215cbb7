import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CatchUpSubscription } from '../catch-up-subscription';
import { type Clock, systemClock } from '../clock';
import { type PreparedEvent, prepareEvents } from '../envelope';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import type { EventStore } from '../event-store.port';
import { assertValidStreamName, categoryOf } from '../stream-name';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../types';
import { UpcasterRegistry } from '../upcasting';
import { EVENT_LOG_SCHEMA, EVENT_LOG_SCHEMA_VERSION } from './schema';
import {
  type ChainVerdict,
  type ExportedEvent,
  GENESIS_HASH,
  chainHash,
  verifyChain,
} from '../integrity/hash-chain';

export interface SqliteEventStoreOptions {
  clock?: Clock;
  upcasters?: UpcasterRegistry;
  /** How often a live subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
}

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  hash: string;
}

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, hash';
const DEFAULT_PAGE_SIZE = 1000;

/** The embedded default: one SQLite file in WAL mode, safe for several writing processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly upcasters: UpcasterRegistry;
  private readonly pollIntervalMs: number;
  private readonly appended = new EventEmitter();
  private readonly statements;
  private readonly filteredReads = new Map<string, Database.Statement>();
  private readonly appendTransaction;

  constructor(
    readonly path: string,
    options: SqliteEventStoreOptions = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.clock = options.clock ?? systemClock;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.appended.setMaxListeners(0);
    this.db = new Database(path);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 30_000}`);
    this.db.pragma('journal_mode = WAL');
    // FULL: a committed event survives a power cut, not only a process crash.
    this.db.pragma('synchronous = FULL');
    // 64 MiB of page cache: index pages of a large log stay hot while appending.
    this.db.pragma('cache_size = -65536');
    this.db
      .transaction(() => {
        const version = this.db.pragma('user_version', { simple: true }) as number;
        if (version > EVENT_LOG_SCHEMA_VERSION) {
          throw new Error(
            `${path} has log schema v${version}; this release knows v${EVENT_LOG_SCHEMA_VERSION}`,
          );
        }
        const tableExists = this.db
          .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'")
          .get();
        if (version === 0 && tableExists) {
          throw new Error(
            `${path} was written by a pre-release build (no hash chain); move it away`,
          );
        }
        this.db.exec(EVENT_LOG_SCHEMA);
        this.db.pragma(`user_version = ${EVENT_LOG_SCHEMA_VERSION}`);
      })
      .immediate();
    this.statements = {
      lastRevision: this.db
        .prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?')
        .pluck(),
      insert: this.db.prepare(
        `INSERT INTO events (position, event_id, stream_id, category, revision, type, school_year, data, metadata, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      last: this.db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1'),
      byEventId: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`),
      head: this.db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck(),
    };
    // IMMEDIATE takes the write lock before reading the revision: no other process can
    // append to the stream between the check and the insert.
    this.appendTransaction = this.db.transaction(
      (streamId: string, events: PreparedEvent[], expected: ExpectedRevision) =>
        this.appendInTransaction(streamId, events, expected),
    ).immediate;
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
    let result: AppendResult;
    try {
      result = this.appendTransaction(streamId, prepared, expected);
    } catch (error) {
      if (!isEventIdUniqueViolation(error)) throw error;
      // Rolled back: some ids were recorded before. A faithful retry gets the first answer.
      result = this.originalResultOfRetry(streamId, prepared);
    }
    this.appended.emit('append', result.position);
    return result;
  }

  private appendInTransaction(
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const last = this.statements.lastRevision.get(streamId) as number | null;
    const actual = last ?? 'no_stream';
    if (!revisionMatches(expected, actual)) {
      if (this.statements.byEventId.get(events[0].eventId)) {
        return this.originalResultOfRetry(streamId, events);
      }
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const category = categoryOf(streamId);
    const tail = this.statements.last.get() as { position: number; hash: string } | undefined;
    let previousHash = tail?.hash ?? GENESIS_HASH;
    let position = tail?.position ?? 0;
    let revision = last ?? -1;
    for (const event of events) {
      revision += 1;
      position += 1;
      const hash = chainHash(previousHash, {
        position,
        eventId: event.eventId,
        streamId,
        revision,
        type: event.type,
        data: event.dataJson,
        metadata: event.metadataJson,
      });
      this.statements.insert.run(
        position,
        event.eventId,
        streamId,
        category,
        revision,
        event.type,
        event.metadata.schoolYear ?? null,
        event.dataJson,
        event.metadataJson,
        hash,
      );
      previousHash = hash;
    }
    return { nextExpectedRevision: revision, position };
  }

  /** Every id must already be there, in this stream, with the same type and data. */
  private originalResultOfRetry(streamId: string, events: PreparedEvent[]): AppendResult {
    let original: AppendResult | undefined;
    for (const event of events) {
      const row = this.statements.byEventId.get(event.eventId) as EventRow | undefined;
      if (!row) throw new EventIdConflictError(event.eventId, 'a partial batch: some ids are new');
      if (row.stream_id !== streamId) {
        throw new EventIdConflictError(event.eventId, `another stream (${row.stream_id})`);
      }
      if (row.type !== event.type || row.data !== event.dataJson) {
        throw new EventIdConflictError(event.eventId, 'a different type or data');
      }
      original = { nextExpectedRevision: row.revision, position: row.position };
    }
    return original as AppendResult;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const limit = options.maxCount ?? -1;
    const rows = (
      backwards
        ? this.db
            .prepare(
              `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ?
               ORDER BY revision DESC LIMIT ?`,
            )
            .all(
              streamId,
              from === 'end' ? Number.MAX_SAFE_INTEGER : from === 'start' ? 0 : from,
              limit,
            )
        : this.db
            .prepare(
              `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ?
               ORDER BY revision ASC LIMIT ?`,
            )
            .all(
              streamId,
              from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : from,
              limit,
            )
    ) as EventRow[];
    return rows.map((row) => this.decode(row));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    const statement = this.filteredRead(options.filter);
    const params = filterParams(options.filter);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromPosition ?? 0;
    while (remaining > 0) {
      const rows = statement.all(from, ...params, Math.min(pageSize, remaining)) as EventRow[];
      for (const row of rows) yield this.decode(row);
      if (rows.length < pageSize) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].position + 1;
      // Let HTTP requests and timers run between pages of a long read.
      await yieldToEventLoop();
    }
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    return new CatchUpSubscription(
      {
        readAll: (o) => this.readAll(o),
        headPosition: () => this.headPosition(),
        waitForAppend: (signal) => this.waitForAppend(signal),
      },
      // 'end' means the head at the moment of subscribing, not at the first read.
      options.fromPosition === 'end'
        ? (this.statements.head.get() as number)
        : (options.fromPosition ?? 'start'),
      options.filter,
    );
  }

  /** The log as stored, for an export a third party can verify offline (verifyChain). */
  async *exportLog(fromPosition = 1): AsyncIterable<ExportedEvent> {
    const page = this.db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`,
    );
    for (let from = fromPosition; ;) {
      const rows = page.all(from, DEFAULT_PAGE_SIZE) as EventRow[];
      for (const row of rows) {
        yield {
          position: row.position,
          eventId: row.event_id,
          streamId: row.stream_id,
          revision: row.revision,
          type: row.type,
          data: row.data,
          metadata: row.metadata,
          hash: row.hash,
        };
      }
      if (rows.length < DEFAULT_PAGE_SIZE) return;
      from = rows[rows.length - 1].position + 1;
      await yieldToEventLoop();
    }
  }

  /** Re-computes the hash chain over the whole log; names the first position that breaks it. */
  verifyIntegrity(): Promise<ChainVerdict> {
    return verifyChain(this.exportLog());
  }

  async headPosition(): Promise<number> {
    return this.statements.head.get() as number;
  }

  async close(): Promise<void> {
    this.appended.emit('append', -1);
    this.db.close();
  }

  /** An append in this process wakes readers at once; other processes' appends within a poll. */
  private waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('append', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.appended.once('append', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private filteredRead(filter: EventFilter | undefined): Database.Statement {
    const key = filterKey(filter);
    let statement = this.filteredReads.get(key);
    if (!statement) {
      const clauses = ['position >= ?'];
      if (filter?.categories) clauses.push(`category IN (${marks(filter.categories)})`);
      if (filter?.eventTypes) clauses.push(`type IN (${marks(filter.eventTypes)})`);
      if (filter?.schoolYears) clauses.push(`school_year IN (${marks(filter.schoolYears)})`);
      statement = this.db.prepare(
        `SELECT ${COLUMNS} FROM events WHERE ${clauses.join(' AND ')} ORDER BY position LIMIT ?`,
      );
      this.filteredReads.set(key, statement);
    }
    return statement;
  }

  private decode(row: EventRow): RecordedEvent {
    return this.upcasters.upcast({
      eventId: row.event_id,
      type: row.type,
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata),
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
      hash: row.hash,
    });
  }
}

function revisionMatches(expected: ExpectedRevision, actual: number | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

/**
 * Duck-typed on purpose: better-sqlite3's native part keeps the SqliteError class of the first
 * module instance that loaded it, so `instanceof` fails across module registries (jest).
 */
function isEventIdUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(message).includes('events.event_id');
}

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');
const filterKey = (f: EventFilter | undefined) =>
  `${f?.categories?.length ?? '-'}|${f?.eventTypes?.length ?? '-'}|${f?.schoolYears?.length ?? '-'}`;
const filterParams = (f: EventFilter | undefined): string[] => [
  ...(f?.categories ?? []),
  ...(f?.eventTypes ?? []),
  ...(f?.schoolYears ?? []),
];
