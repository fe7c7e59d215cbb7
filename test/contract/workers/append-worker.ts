/**
 * One OS process of the concurrency test. Waits for 'go', then appends `count` events
 * alternating between a stream every worker shares and a stream of its own, then takes part
 * in an optimistic-concurrency race on a counter stream (after a second 'go').
 */
import { SqliteEventStore, WrongExpectedRevisionError } from '@pix-ledger/event-store';

async function main(): Promise<void> {
  const [path, worker, countText, incrementsText] = process.argv.slice(2);
  const count = Number(countText);
  const increments = Number(incrementsText);
  const store = new SqliteEventStore(path);
  process.send?.('ready');
  await new Promise<void>((resolve) => process.once('message', () => resolve()));

  let own = -1;
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      await store.append('load-shared', [{ type: 'Loaded', data: { worker, i } }]);
    } else {
      const result = await store.append(
        `load-${worker}`,
        [{ type: 'Loaded', data: { worker, i } }],
        {
          expectedRevision: own === -1 ? 'no_stream' : own,
        },
      );
      own = result.nextExpectedRevision;
    }
  }

  // Second phase only once every worker has finished the first, so that phase's positions
  // are exactly 1..N and can be checked for gaps.
  process.send?.('loaded');
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  let conflicts = 0;
  for (let done = 0; done < increments;) {
    const [last] = await store.readStream('counter-shared', {
      direction: 'backwards',
      maxCount: 1,
    });
    const seen = last ? last.revision : -1;
    try {
      await store.append('counter-shared', [{ type: 'Incremented', data: { worker, seen } }], {
        expectedRevision: last ? last.revision : 'no_stream',
      });
      done++;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      conflicts++;
    }
  }
  await store.close();
  process.send?.({ conflicts });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
