import { eventCatalogue } from '@pix-ledger/domain/catalogue';
import { categoryOf, InvalidStreamNameError, streamName } from '@pix-ledger/event-store';
import { nativeSubscriptionTargets } from './native-consumers';

describe('EventStoreDB-native consumers: stream naming', () => {
  it('gives every catalogued category streams that $by_category files under $ce-<category>', () => {
    const categories = [...new Set(eventCatalogue.map((definition) => definition.category))];
    expect(categories.length).toBeGreaterThan(0);
    for (const category of categories) {
      // $by_category (default separator '-', first occurrence) takes what categoryOf() takes,
      // even when the id itself contains dashes (a school year, a UUID).
      const stream = streamName(category, '2024-2025-0190a1b2-7c3d');
      expect(categoryOf(stream)).toBe(category);
      expect(nativeSubscriptionTargets({ categories: [category] }).categoryStreams).toEqual([
        `$ce-${category}`,
      ]);
    }
  });

  it('refuses a category that $by_category would cut elsewhere', () => {
    expect(() => nativeSubscriptionTargets({ categories: ['regulation-text'] })).toThrow(
      InvalidStreamNameError,
    );
  });

  it('filters $all on stream-name prefixes that cannot catch a longer category', () => {
    const { allFilter, checkOnClient } = nativeSubscriptionTargets({
      categories: ['regulation'],
      eventTypes: ['TextPublished'],
      schoolYears: ['2024-2025'],
    });
    expect(allFilter).toEqual({ filterOn: 'streamName', prefixes: ['regulation-'] });
    const matches = (stream: string) =>
      allFilter.filterOn === 'streamName' && allFilter.prefixes.some((p) => stream.startsWith(p));
    expect(matches(streamName('regulation', 'r1'))).toBe(true);
    expect(matches(streamName('regulationText', 'r1'))).toBe(false);
    // The server cannot filter on both names and types, nor on metadata: the client does.
    expect(checkOnClient).toEqual({ eventTypes: ['TextPublished'], schoolYears: ['2024-2025'] });
  });

  it('filters $all on exact event types when no category is given', () => {
    const { allFilter } = nativeSubscriptionTargets({
      eventTypes: ['CalendarAmended', 'Text.Published'],
    });
    expect(allFilter.filterOn).toBe('eventType');
    const regex = new RegExp(allFilter.filterOn === 'eventType' ? allFilter.regex : '');
    expect(regex.test('CalendarAmended')).toBe(true);
    expect(regex.test('CalendarAmendedTwice')).toBe(false);
    expect(regex.test('TextXPublished')).toBe(false);
    expect(nativeSubscriptionTargets({}).allFilter).toEqual({ filterOn: 'none' });
  });
});
