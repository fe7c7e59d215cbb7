import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@pix-ledger/event-store';

/**
 * JSON with object keys sorted at every level and no whitespace: the same event always gives
 * the same text, whatever order its properties were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 of the event's whole envelope (id, type, stream, revision, position, data, metadata). */
export function eventHash(event: RecordedEvent): string {
  const { eventId, type, streamId, revision, position, data, metadata } = event;
  return sha256(canonicalJson({ eventId, type, streamId, revision, position, data, metadata }));
}

/** SHA-256 of the list "position:hash" lines: one figure that changes if any event does. */
export function listDigest(entries: Array<{ position: number; sha256: string }>): string {
  return sha256(entries.map((e) => `${e.position}:${e.sha256}\n`).join(''));
}
