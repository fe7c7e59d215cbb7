/**
 * One table holds the log. `position` is the rowid: SQLite gives max+1 inside the single
 * write transaction, so positions are unique and gapless across processes, and nothing is
 * ever deleted. Columns beside data/metadata exist only to be indexed, and `hash` chains
 * every event to the one before it (tamper evidence).
 */
export const EVENT_LOG_SCHEMA_VERSION = 1;

export const EVENT_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  event_id    TEXT    NOT NULL,
  stream_id   TEXT    NOT NULL,
  category    TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  school_year TEXT,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  -- SHA-256 chaining this event to the one before (integrity/hash-chain.ts).
  hash        TEXT    NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON events(event_id);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events(stream_id, revision);
CREATE INDEX IF NOT EXISTS events_category ON events(category, position);
CREATE INDEX IF NOT EXISTS events_type ON events(type, position);
CREATE INDEX IF NOT EXISTS events_school_year ON events(school_year, position) WHERE school_year IS NOT NULL;
`;
