import type { RecordedEvent } from '@pix-ledger/event-store';
import { canonicalJson, eventHash, listDigest } from './event-digest';

const event = (data: Record<string, unknown>): RecordedEvent =>
  ({
    eventId: '0190a1b2-0000-7000-8000-000000000001',
    type: 'SchoolYearCalendarAmended',
    streamId: 'yearCalendar-2021-2022',
    revision: 1,
    position: 10,
    data,
    metadata: { schemaVersion: 1, recordedAt: '2026-11-22T08:00:00.000Z', knownFrom: '2021-12-28' },
  }) as unknown as RecordedEvent;

describe('event digest', () => {
  it('writes JSON with sorted keys at every level, without undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('hashes the same event the same way whatever its key order, and differently when data changes', () => {
    const one = eventHash(event({ schoolYear: '2021-2022', end: '2022-04-07' }));
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(event({ end: '2022-04-07', schoolYear: '2021-2022' }))).toBe(one);
    expect(eventHash(event({ schoolYear: '2021-2022', end: '2022-03-04' }))).not.toBe(one);
  });

  it('digests the list in order: swapping two entries changes it', () => {
    const a = { position: 1, sha256: 'a'.repeat(64) };
    const b = { position: 2, sha256: 'b'.repeat(64) };
    expect(listDigest([a, b])).not.toBe(listDigest([b, a]));
    expect(listDigest([a, b])).toBe(listDigest([{ ...a }, { ...b }]));
  });
});
