/**
 * A consumer that records what it saw and its checkpoint in one transaction of its own
 * database, as a projection does. The test kills it with SIGKILL and starts it again.
 */
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@pix-ledger/event-store';

async function main(): Promise<void> {
  const [storePath, viewPath] = process.argv.slice(2);
  const store = new SqliteEventStore(storePath);
  const view = new Database(viewPath);
  view.pragma('journal_mode = WAL');
  view.exec(`CREATE TABLE IF NOT EXISTS seen (event_id TEXT NOT NULL, position INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);`);
  const checkpoint =
    (view.prepare('SELECT position FROM checkpoint WHERE id = 1').pluck().get() as number) ?? 0;
  const record = view.transaction((eventId: string, position: number) => {
    view.prepare('INSERT INTO seen (event_id, position) VALUES (?, ?)').run(eventId, position);
    view
      .prepare(
        'INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET position = excluded.position',
      )
      .run(position);
  });
  process.send?.({ resumedFrom: checkpoint });
  for await (const event of store.subscribe({
    fromPosition: checkpoint,
    filter: { categories: ['feed'] },
  })) {
    record(event.eventId, event.position);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
