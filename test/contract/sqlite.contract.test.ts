import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@pix-ledger/event-store';
import { eventStoreContract } from './event-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'pix-ledger-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('sqlite', {
  // One file for the whole suite, reopened between tests, as a real deployment would.
  open: async (deps) => new SqliteEventStore(join(dir, 'events.db'), deps),
});
