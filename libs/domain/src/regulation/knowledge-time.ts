/**
 * Knowledge time: when the registry learnt a fact. Each regulation event carries
 * `metadata.knownFrom` (a date or an instant); live commands set it to `recordedAt`, the seeded
 * history to the publication date of its source (with `backfilled: true`).
 *
 * A date means a whole Europe/Paris day, approximated in UTC: a fact known "from 2021-12-28"
 * counts from the start of that day, and `knownAt=2021-12-28` includes everything known that day.
 */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface EventMetadataLike {
  recordedAt?: string;
  knownFrom?: string;
  backfilled?: boolean;
  [extra: string]: unknown;
}

/** Milliseconds since the epoch from which the fact counts as known. */
export function knownFromMs(value: string): number {
  return Date.parse(value);
}

/** Milliseconds up to which (inclusive) facts are included in a `knownAt` view. */
export function knownAtMs(value: string): number {
  const start = Date.parse(value);
  return DATE_ONLY.test(value) ? start + DAY_MS - 1 : start;
}

export function isKnowledgeTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    !Number.isNaN(Date.parse(value)) &&
    /^\d{4}-\d{2}-\d{2}/.test(value)
  );
}

/** The knowledge time of an event: `knownFrom` when given, else when it was recorded. */
export function knownFromOf(metadata: EventMetadataLike | undefined): string | undefined {
  return metadata?.knownFrom ?? metadata?.recordedAt;
}

/** Whether an event was known at `knownAt` (no `knownAt`: everything known now). */
export function isKnownAt(
  metadata: EventMetadataLike | undefined,
  knownAt: string | undefined,
): boolean {
  if (knownAt === undefined) return true;
  const from = knownFromOf(metadata);
  if (from === undefined) return true;
  return knownFromMs(from) <= knownAtMs(knownAt);
}
