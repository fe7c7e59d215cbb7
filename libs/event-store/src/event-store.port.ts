import type {
  AppendOptions,
  AppendResult,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './types';

/**
 * The one port every adapter implements and the contract suite (test/contract) checks.
 * Events come out through the upcaster registry: always in their current shape.
 */
export interface EventStore {
  /** Throws WrongExpectedRevisionError on conflict; a retry with the same event ids is a no-op. */
  append(
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** Events of one stream; an unknown stream yields nothing. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The whole log in global order, streamed page by page (never loaded at once). */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catch-up from the checkpoint, then live; each matching event once, in order. */
  subscribe(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the log (0 when empty). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
