/** An ISO-8601 instant with a time zone (`2025-03-20T09:30:00Z`, `…+01:00`). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** A wall-clock time `HH:MM` (a session's start time, Europe/Paris). */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** Ids chosen by the caller (session numbers, candidate ids): safe in stream names and URLs. */
export function isExternalId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/.test(value);
}
