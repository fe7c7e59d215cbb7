import { FixedClock } from '@pix-ledger/event-store';
import { EventStoreDbEventStore } from '@pix-ledger/event-store/eventstoredb';
import { eventStoreContract } from './event-store.contract';

// test/global-setup.mjs sets the connection string (given, or a container it started), or
// the reason it could not, which it has already printed on one line.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  eventStoreContract(`eventstoredb via ${process.env.PIX_LEDGER_ESDB_SOURCE}`, {
    open: async (deps: { clock: FixedClock }) =>
      EventStoreDbEventStore.fromConnectionString(connectionString, deps),
  });

  describe('EventStoreDB stream naming', () => {
    it('makes $ce-<category> list a category natively', async () => {
      const store = EventStoreDbEventStore.fromConnectionString(connectionString);
      const category = `naming${Date.now()}`;
      await store.append(`${category}-a`, [{ type: 'Named', data: { n: 1 } }]);
      await store.append(`${category}-b`, [{ type: 'Named', data: { n: 2 } }]);
      // The $by_category system projection fills $ce-<category> asynchronously.
      let names: string[] = [];
      for (let attempt = 0; attempt < 50 && names.length < 2; attempt++) {
        await new Promise((r) => setTimeout(r, 100));
        names = (await store.readLinks(`$ce-${category}`)).sort();
      }
      await store.close();
      expect(names).toEqual([`${category}-a`, `${category}-b`]);
    });
  });
} else {
  describe.skip(`EventStoreDB contract (skipped: ${process.env.PIX_LEDGER_ESDB_SKIP ?? 'not configured'})`, () => {
    it('runs where EVENTSTORE_CONNECTION_STRING is set or a container runtime exists', () =>
      undefined);
  });
}
