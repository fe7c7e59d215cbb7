import type { EventFilter, EventStore, RecordedEvent } from '@pix-ledger/event-store';

/**
 * The next events of a projection after `after`, up to `upTo`, at most `maxCount`, in log
 * order. A filter on several categories is read as one ordered read per category, merged by
 * position: SQLite answers `category IN (…) ORDER BY position LIMIT n` by sorting every
 * matching row after the position, which makes a catch-up over a long log quadratic, while
 * each single-category read walks its index in order. A school-year read is already ordered
 * (index on school_year, position).
 */
export async function readBatch(
  store: EventStore,
  filter: EventFilter,
  after: number,
  upTo: number,
  maxCount: number,
): Promise<RecordedEvent[]> {
  const categories = filter.categories ?? [];
  if (categories.length < 2 || (filter.schoolYears?.length ?? 0) > 0) {
    return collect(readOne(store, filter, after, maxCount, maxCount), upTo, maxCount);
  }
  // Small pages: each category reads ahead at most one page beyond what the batch takes.
  const pageSize = Math.min(maxCount, 500);
  const readers = categories.map((category) =>
    readOne(store, { ...filter, categories: [category] }, after, maxCount, pageSize)[
      Symbol.asyncIterator
    ](),
  );
  try {
    const heads = await Promise.all(readers.map((reader) => reader.next()));
    const events: RecordedEvent[] = [];
    while (events.length < maxCount) {
      let next = -1;
      heads.forEach((head, i) => {
        if (!head.done && (next < 0 || head.value.position < heads[next].value!.position)) next = i;
      });
      if (next < 0) break;
      const event = heads[next].value as RecordedEvent;
      if (event.position > upTo) break;
      events.push(event);
      heads[next] = await readers[next].next();
    }
    return events;
  } finally {
    await Promise.all(readers.map((reader) => reader.return?.()));
  }
}

function readOne(
  store: EventStore,
  filter: EventFilter,
  after: number,
  maxCount: number,
  pageSize: number,
): AsyncIterable<RecordedEvent> {
  return store.readAll({ fromPosition: after + 1, filter, maxCount, pageSize });
}

async function collect(
  events: AsyncIterable<RecordedEvent>,
  upTo: number,
  maxCount: number,
): Promise<RecordedEvent[]> {
  const list: RecordedEvent[] = [];
  for await (const event of events) {
    if (event.position > upTo) break;
    list.push(event);
    if (list.length >= maxCount) break;
  }
  return list;
}
