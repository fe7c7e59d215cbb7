import type { EventFilter, ReadAllOptions, RecordedEvent, Subscription } from './types';

export interface CatchUpSource {
  readAll(options: ReadAllOptions): AsyncIterable<RecordedEvent>;
  headPosition(): Promise<number>;
  /** Resolves when new events may be there (an append here, or a poll tick for other writers). */
  waitForAppend(signal: AbortSignal): Promise<void>;
}

/**
 * Catch-up then live, built only on readAll: reads from the checkpoint to the head, waits for
 * an append, reads again. Each read starts strictly after the last position scanned, so every
 * matching event is delivered once and in order, even when the filter skips most of the log.
 */
export class CatchUpSubscription implements Subscription {
  private readonly abort = new AbortController();

  constructor(
    private readonly source: CatchUpSource,
    private readonly from: number | 'start' | 'end',
    private readonly filter: EventFilter | undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let scannedUpTo =
      this.from === 'start'
        ? 0
        : this.from === 'end'
          ? await this.source.headPosition()
          : this.from;
    while (!this.abort.signal.aborted) {
      // The head is read before the page: every position up to it is committed (the log only
      // grows at its end), so once read it never needs scanning again.
      const head = await this.source.headPosition();
      if (head > scannedUpTo) {
        for await (const event of this.source.readAll({
          fromPosition: scannedUpTo + 1,
          filter: this.filter,
        })) {
          if (this.abort.signal.aborted) return;
          if (event.position > head) break;
          yield event;
          scannedUpTo = event.position;
        }
        scannedUpTo = Math.max(scannedUpTo, head);
        continue;
      }
      await this.source.waitForAppend(this.abort.signal);
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
  }
}
