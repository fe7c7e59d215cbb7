/**
 * npm run bench:store [-- --events N] — the event-store port against raw better-sqlite3 on the
 * same machine, same rows, same run. Prints events/s and the ratios port/raw; asserts nothing.
 *   append:  port.append (batches of 1,000) vs INSERT into a bare table in 1,000-row transactions
 *   readAll: port.readAll (decoded envelopes) vs SELECT + JSON.parse of data and metadata
 */
import Database from 'better-sqlite3';

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, SqliteEventStore, uuidv7 } from '@pix-ledger/event-store';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0
    ? Number(args[i + 1])
    : Number(process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
};
const N = flag('events', 1_000_000);
const BATCH = 1000;
const STREAMS = 1000;

/** ~300 bytes of JSON once serialised with its metadata, like a result event. */
function makeEvent(i: number): NewEvent {
  return {
    eventId: uuidv7(),
    type: 'CertificationResultPublished',
    data: {
      sessionId: `s${i % 5000}`,
      candidate: `c${i}`,
      status: i % 10 ? 'validated' : 'rejected',
      pixScore: (i * 37) % 896,
      levels: [1, 2, 3, 2, 1, 0, 4, 2, 3, 1, 2, 2, 1, 0, 3, 2],
    },
    metadata: {
      correlationId: `import-${Math.floor(i / BATCH)}`,
      actor: 'bench',
      schoolYear: '2024-2025',
    },
  };
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en-US');
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pix-ledger-bench-'));
  try {
    // The same events (ids included) for both sides, generated before timing.
    const batches: NewEvent[][] = [];
    for (let b = 0; b < N / BATCH; b++) {
      batches.push(Array.from({ length: BATCH }, (_, k) => makeEvent(b * BATCH + k)));
    }
    console.log(
      `bench:store — ${fmt(N)} events, batches of ${BATCH}, ${cpus().length} cores, node ${process.version}`,
    );

    // Port
    const store = new SqliteEventStore(join(dir, 'port.db'));
    let started = performance.now();
    for (let b = 0; b < batches.length; b++) {
      await store.append(`bench-${b % STREAMS}`, batches[b]);
    }
    const portAppendMs = performance.now() - started;
    started = performance.now();
    let read = 0;
    let checksum = 0;
    for await (const event of store.readAll()) {
      read++;
      checksum += (event.data as { pixScore: number }).pixScore;
    }
    const portReadMs = performance.now() - started;
    if (read !== N) throw new Error(`port read ${read} events, expected ${N}`);
    await store.close();

    // Raw better-sqlite3: a bare table, the same rows, the same pragmas.
    const raw = new Database(join(dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('cache_size = -65536');
    raw.exec(`CREATE TABLE raw (position INTEGER PRIMARY KEY, event_id TEXT, stream_id TEXT,
              revision INTEGER, type TEXT, data TEXT, metadata TEXT)`);
    const insert = raw.prepare(
      'INSERT INTO raw (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const recordedAt = new Date().toISOString();
    const insertBatch = raw.transaction((events: NewEvent[], streamId: string, base: number) => {
      events.forEach((e, k) => {
        const metadata = { ...e.metadata, schemaVersion: 1, causationId: null, recordedAt };
        insert.run(
          e.eventId,
          streamId,
          base + k,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(metadata),
        );
      });
    });
    started = performance.now();
    for (let b = 0; b < batches.length; b++) {
      insertBatch(batches[b], `bench-${b % STREAMS}`, Math.floor(b / STREAMS) * BATCH);
    }
    const rawAppendMs = performance.now() - started;
    started = performance.now();
    let rawRead = 0;
    let rawChecksum = 0;
    for (const row of raw.prepare('SELECT * FROM raw ORDER BY position').iterate() as Iterable<{
      data: string;
      metadata: string;
    }>) {
      const data = JSON.parse(row.data) as { pixScore: number };
      JSON.parse(row.metadata);
      rawRead++;
      rawChecksum += data.pixScore;
    }
    const rawReadMs = performance.now() - started;
    raw.close();
    if (rawRead !== N || rawChecksum !== checksum)
      throw new Error('raw and port read different rows');

    const rows = [
      ['append', rate(N, portAppendMs), rate(N, rawAppendMs)],
      ['readAll (decoded)', rate(N, portReadMs), rate(N, rawReadMs)],
    ] as const;
    console.log('workload            port events/s   raw events/s   ratio port/raw   target');
    for (const [name, port, rawRate] of rows) {
      console.log(
        `${name.padEnd(19)} ${fmt(port).padStart(14)} ${fmt(rawRate).padStart(14)} ${(port / rawRate).toFixed(2).padStart(16)}   >= 0.50`,
      );
    }
    console.log(
      `peak RSS ~${mb()} MB (the ${fmt(N)} prepared events are held in memory for both sides)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
