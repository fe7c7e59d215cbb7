import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@pix-ledger/event-store';
import { exited, forkTs, nextMessage } from '../support/spawn-ts';

const WORKER = join(__dirname, 'workers', 'append-worker.ts');
const CONSUMER = join(__dirname, 'workers', 'checkpointed-consumer.ts');

describe('SQLite event store shared by several OS processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pix-ledger-mp-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('two processes x 5,000 concurrent appends: positions 1..10,000, no gap, no loss, revisions honoured', async () => {
    const path = join(dir, 'events.db');
    new SqliteEventStore(path).close();
    const PER_WORKER = 5000;
    const INCREMENTS = 150;
    const workers = ['w1', 'w2'].map((id) =>
      forkTs(WORKER, [path, id, String(PER_WORKER), String(INCREMENTS)]),
    );
    await Promise.all(workers.map((w) => nextMessage(w)));
    const loaded = workers.map((w) => nextMessage(w));
    workers.forEach((w) => w.send('go'));
    await Promise.all(loaded);
    const results = workers.map((w) => nextMessage<{ conflicts: number }>(w));
    workers.forEach((w) => w.send('race'));
    const answers = await Promise.all(results);
    expect(await Promise.all(workers.map(exited))).toEqual([0, 0]);

    const db = new Database(path, { readonly: true });
    const loads = db
      .prepare(
        "SELECT position, stream_id, revision FROM events WHERE category = 'load' ORDER BY position",
      )
      .all() as { position: number; stream_id: string; revision: number }[];
    expect(loads).toHaveLength(2 * PER_WORKER);
    // The load phase ran alone, so it holds positions 1..10,000 exactly.
    expect(loads.map((r) => r.position)).toEqual(
      Array.from({ length: 2 * PER_WORKER }, (_, i) => i + 1),
    );
    for (const streamId of ['load-shared', 'load-w1', 'load-w2']) {
      const revisions = loads.filter((r) => r.stream_id === streamId).map((r) => r.revision);
      expect(revisions).toEqual(revisions.map((_, i) => i));
    }
    expect(loads.filter((r) => r.stream_id === 'load-shared')).toHaveLength(PER_WORKER);

    // The optimistic race: every increment saw the revision right before its own — no lost update.
    const counter = (
      db
        .prepare(
          "SELECT revision, data FROM events WHERE stream_id = 'counter-shared' ORDER BY revision",
        )
        .all() as {
        revision: number;
        data: string;
      }[]
    ).map((r) => ({ revision: r.revision, seen: (JSON.parse(r.data) as { seen: number }).seen }));
    expect(counter).toHaveLength(2 * INCREMENTS);
    expect(counter.every((c) => c.seen === c.revision - 1)).toBe(true);
    const total = db.prepare('SELECT count(*) AS n, max(position) AS max FROM events').get() as {
      n: number;
      max: number;
    };
    expect(total.n).toBe(total.max);
    db.close();
    console.log(
      `multi-process: ${total.n} events, positions gapless; optimistic conflicts retried: ${answers.map((a) => a.conflicts).join(' + ')}`,
    );
  }, 120_000);

  it('a consumer killed mid-way resumes from its checkpoint and sees every event exactly once', async () => {
    const storePath = join(dir, 'events.db');
    const viewPath = join(dir, 'view.db');
    const store = new SqliteEventStore(storePath);
    const TOTAL = 3000;
    const appendBatch = async (from: number, n: number) => {
      for (let i = from; i < from + n; i += 50) {
        await store.append(
          `feed-${i % 7}`,
          Array.from({ length: 50 }, (_, k) => ({ type: 'Fed', data: { i: i + k } })),
        );
        await store.append(`noise-${i}`, [{ type: 'Noise', data: {} }]);
      }
    };
    await appendBatch(0, 1000);
    const seenCount = () => {
      const view = new Database(viewPath, { readonly: true, fileMustExist: false });
      try {
        return view.prepare('SELECT count(*) FROM seen').pluck().get() as number;
      } catch {
        return 0;
      } finally {
        view.close();
      }
    };
    const waitUntil = async (predicate: () => boolean) => {
      for (let t = 0; t < 600 && !predicate(); t++) await new Promise((r) => setTimeout(r, 50));
    };

    const resumedFrom: number[] = [];
    let appended = 1000;
    for (let round = 0; round < 4; round++) {
      const consumer = forkTs(CONSUMER, [storePath, viewPath]);
      resumedFrom.push((await nextMessage<{ resumedFrom: number }>(consumer)).resumedFrom);
      const before = seenCount();
      if (appended < TOTAL) {
        await appendBatch(appended, 500);
        appended += 500;
      }
      // Kill it while it is busy: once it has moved on, but before it is known to be done.
      await waitUntil(() => seenCount() > before);
      consumer.kill('SIGKILL');
      await exited(consumer);
    }
    await appendBatch(appended, TOTAL - appended);
    const last = forkTs(CONSUMER, [storePath, viewPath]);
    await nextMessage(last);
    await waitUntil(() => seenCount() >= TOTAL);
    last.kill('SIGTERM');
    await exited(last);
    await store.close();

    const view = new Database(viewPath, { readonly: true });
    const counts = view
      .prepare('SELECT count(*) AS n, count(DISTINCT event_id) AS distinctIds FROM seen')
      .get();
    const positions = view
      .prepare('SELECT position FROM seen ORDER BY rowid')
      .pluck()
      .all() as number[];
    view.close();
    expect(counts).toEqual({ n: TOTAL, distinctIds: TOTAL });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(resumedFrom[0]).toBe(0);
    expect(resumedFrom.slice(1).every((p) => p > 0)).toBe(true);
  }, 120_000);
});
