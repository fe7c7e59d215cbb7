import { categoryOf, type EventFilter, streamName } from '@pix-ledger/event-store';

/**
 * What an integration subscribes to when it reads EventStoreDB/KurrentDB directly instead of
 * the feed (README, Integrations): the `$ce-<category>` stream of the $by_category system
 * projection for one category, or `$all` with a server-side filter for several. Both work
 * because every stream is named `<category>-<id>` with a category free of '-'.
 */
export interface NativeSubscriptionTargets {
  /** One `$ce-<category>` stream per category (its events are links: resolveLinkTos: true). */
  categoryStreams: string[];
  /**
   * The `$all` server-side filter. EventStoreDB filters on stream names or on event types,
   * not both: categories win, and `checkOnClient` says what the consumer must still test.
   */
  allFilter:
    | { filterOn: 'streamName'; prefixes: string[] }
    | { filterOn: 'eventType'; regex: string }
    | { filterOn: 'none' };
  checkOnClient: { eventTypes?: string[]; schoolYears?: string[] };
}

export function nativeSubscriptionTargets(filter: EventFilter): NativeSubscriptionTargets {
  const categories = [...(filter.categories ?? [])];
  // streamName() refuses a category with '-', which $by_category would cut at the first '-'.
  for (const category of categories) categoryOf(streamName(category, 'probe'));
  const types = filter.eventTypes?.length ? [...filter.eventTypes] : undefined;
  const schoolYears = filter.schoolYears?.length ? [...filter.schoolYears] : undefined;
  return {
    categoryStreams: categories.map((category) => `$ce-${category}`),
    allFilter: categories.length
      ? // The trailing '-' keeps `regulation-` from matching `regulationText-…` streams.
        { filterOn: 'streamName', prefixes: categories.map((category) => `${category}-`) }
      : types
        ? { filterOn: 'eventType', regex: `^(?:${types.map(escapeRegex).join('|')})$` }
        : { filterOn: 'none' },
    checkOnClient: {
      ...(categories.length && types ? { eventTypes: types } : {}),
      // The school year is in the metadata, which no server-side filter reads.
      ...(schoolYears ? { schoolYears } : {}),
    },
  };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
