/** The event envelope and the options of the event-store port (docs/ARCHITECTURE.md). */

/** Who did what, when, and why: travels with every event, whatever the store. */
export interface EventMetadata {
  /** Version of the `data` shape; older versions are upcast on read. */
  schemaVersion: number;
  /** Id shared by every event caused by one request or import. */
  correlationId: string;
  /** Id of the command or event that caused this one; null for a root cause. */
  causationId: string | null;
  /** Who asked for it: a user id, `system:seed`, `cli:import`… */
  actor: string;
  /** ISO-8601 instant set by the application's injected clock when first recorded. */
  recordedAt: string;
  /** School year the event belongs to (`2024-2025`), for per-year reads. */
  schoolYear?: string;
  [extra: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** Client-chosen id: a retried append with the same ids is a no-op. Generated when absent. */
  eventId?: string;
  type: Type;
  data: Data;
  metadata?: Partial<EventMetadata>;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Global order in the store: strictly increasing (gapless on SQLite). */
  position: number;
  /** Hash chaining this event to the previous one, where the store keeps a chain (SQLite). */
  hash?: string;
}

/** Expected state of the stream before the append. A number is the revision of its last event. */
export type ExpectedRevision = 'no_stream' | 'any' | 'exists' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: the next append's expected revision. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  fromRevision?: number | 'start' | 'end';
  direction?: Direction;
  maxCount?: number;
}

export interface EventFilter {
  /** Stream categories (the part of `<category>-<id>` before the first '-'). */
  categories?: readonly string[];
  eventTypes?: readonly string[];
  schoolYears?: readonly string[];
}

export interface ReadAllOptions {
  /** First position to return (inclusive). Default: the start of the log. */
  fromPosition?: number;
  filter?: EventFilter;
  maxCount?: number;
  /** Rows fetched per round trip while streaming. */
  pageSize?: number;
}

export interface SubscribeOptions {
  /**
   * The consumer's checkpoint: the last position it has processed. Delivery starts strictly
   * after it ('start' = from the first event, 'end' = only events appended from now on).
   */
  fromPosition?: number | 'start' | 'end';
  filter?: EventFilter;
}

export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration; pending reads stop at the next event boundary. */
  stop(): Promise<void>;
}
