import {
  knownAtMs,
  knownFromMs,
  knownFromOf,
  REGULATION_EVENT_TYPES,
  REGULATION_TEXT_CATEGORY,
  type RecordedEventLike,
  YEAR_CALENDAR_CATEGORY,
} from '@pix-ledger/domain';
import type { RecordedEvent } from '@pix-ledger/event-store';
import type { Projection } from '../projection';
import type { SqlExecutor } from '../read-model-store';

/**
 * The regulation facts in log order, each with its knowledge time (`known_at`, ms since the
 * epoch: metadata.knownFrom, else recordedAt). Every regulation query is bitemporal, so the
 * views are folded at query time from the rows known at `knownAt` (an indexed range), by the
 * same pure fold the tests check (buildRegulationSnapshot): texts, calendars and rules.
 */
export const REGULATION_TIMELINE_TABLE = 'regulation_timeline';

export const regulationTimelineProjection: Projection = {
  name: 'regulation-timeline',
  version: 1,
  filter: {
    categories: [REGULATION_TEXT_CATEGORY, YEAR_CALENDAR_CATEGORY],
    eventTypes: REGULATION_EVENT_TYPES,
  },
  schema: [
    `CREATE TABLE IF NOT EXISTS ${REGULATION_TIMELINE_TABLE} (
      position BIGINT PRIMARY KEY,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      known_at BIGINT NOT NULL,
      school_year TEXT
    )`,
    `CREATE INDEX IF NOT EXISTS ${REGULATION_TIMELINE_TABLE}_known_at ON ${REGULATION_TIMELINE_TABLE} (known_at, position)`,
    `CREATE INDEX IF NOT EXISTS ${REGULATION_TIMELINE_TABLE}_stream ON ${REGULATION_TIMELINE_TABLE} (stream_id, revision)`,
  ],
  tables: [REGULATION_TIMELINE_TABLE],
  async apply(tx: SqlExecutor, event: RecordedEvent) {
    const knownFrom = knownFromOf(event.metadata) ?? event.metadata.recordedAt;
    await tx.run(
      `INSERT INTO ${REGULATION_TIMELINE_TABLE}
        (position, stream_id, revision, event_id, type, data, metadata, known_at, school_year)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (position) DO NOTHING`,
      [
        event.position,
        event.streamId,
        event.revision,
        event.eventId,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        knownFromMs(knownFrom),
        event.metadata.schoolYear ?? null,
      ],
    );
  },
};

interface TimelineRow {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

export interface TimelineEvent extends RecordedEventLike {
  streamId: string;
  revision: number;
  position: number;
}

/** The regulation events known at `knownAt` (all of them without it), in log order. */
export async function readRegulationTimeline(
  db: SqlExecutor,
  knownAt?: string,
): Promise<TimelineEvent[]> {
  const rows =
    knownAt === undefined
      ? await db.all<TimelineRow>(
          `SELECT position, stream_id, revision, type, data, metadata FROM ${REGULATION_TIMELINE_TABLE} ORDER BY position`,
        )
      : await db.all<TimelineRow>(
          `SELECT position, stream_id, revision, type, data, metadata FROM ${REGULATION_TIMELINE_TABLE}
           WHERE known_at <= ? ORDER BY position`,
          [knownAtMs(knownAt)],
        );
  return rows.map((row) => ({
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
  }));
}

/** The last position the timeline holds (0 when empty): a cache key for folded snapshots. */
export async function regulationTimelineHead(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ head: number | null }>(
    `SELECT MAX(position) AS head FROM ${REGULATION_TIMELINE_TABLE}`,
  );
  return Number(row?.head ?? 0);
}
