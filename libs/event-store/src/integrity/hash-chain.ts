import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

/** One-shot hashing (Node ≥ 20.12) costs half a Hash object's: every append pays it. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string })
  .hash;

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the chain covers of one event: everything recorded, in the exact stored text. */
export interface ChainedContent {
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  /** The JSON text of data and metadata exactly as stored (no re-serialisation). */
  data: string;
  metadata: string;
}

/**
 * hash(n) = SHA-256 over hash(n-1) and event n's content, fields separated by a newline (none
 * of the fields can contain a raw newline: ids and types are single-line, JSON escapes it).
 * Changing one byte of any event breaks its hash and every hash after it.
 */
export function chainHash(previousHash: string, event: ChainedContent): string {
  const text =
    `${previousHash}\n${event.position}\n${event.eventId}\n${event.streamId}\n` +
    `${event.revision}\n${event.type}\n${event.data}\n${event.metadata}`;
  return oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex');
}

/** One line of an exported log: enough for a third party to re-check the chain offline. */
export interface ExportedEvent extends ChainedContent {
  hash: string;
}

export type ChainVerdict =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; firstBrokenPosition: number; reason: string };

/** Walks events in position order and names the first one whose hash does not hold. */
export async function verifyChain(
  events: AsyncIterable<ExportedEvent> | Iterable<ExportedEvent>,
): Promise<ChainVerdict> {
  let previousHash = GENESIS_HASH;
  let expectedPosition: number | undefined;
  let checked = 0;
  for await (const event of events) {
    if (expectedPosition !== undefined && event.position !== expectedPosition) {
      return {
        ok: false,
        checked,
        firstBrokenPosition: expectedPosition,
        reason: `position ${expectedPosition} is missing`,
      };
    }
    const recomputed = chainHash(previousHash, event);
    if (recomputed !== event.hash) {
      return {
        ok: false,
        checked,
        firstBrokenPosition: event.position,
        reason: 'content does not match its hash',
      };
    }
    previousHash = event.hash;
    expectedPosition = event.position + 1;
    checked++;
  }
  return { ok: true, checked, lastHash: previousHash };
}
