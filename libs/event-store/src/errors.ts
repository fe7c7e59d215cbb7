import type { ExpectedRevision } from './types';

/** The stream was not in the state the writer expected (optimistic concurrency). */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${expected}, actual ${actual}`);
  }
}

/** An event id was reused for a different event: a retry must carry the very same events. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`Event id ${eventId} was already recorded with ${reason}`);
  }
}

export class InvalidStreamNameError extends Error {
  override readonly name = 'InvalidStreamNameError';
  constructor(
    readonly streamId: string,
    readonly reason: string,
  ) {
    super(`Invalid stream name "${streamId}": ${reason}`);
  }
}
