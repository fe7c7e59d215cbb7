import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  schoolYearCalendarEvents,
  type SchoolYearCalendarEvent,
} from '../calendars/calendar.events';
import { evolveSchoolYearCalendar, type SchoolYearCalendar } from '../calendars/calendar.state';
import { type EventMetadataLike, isKnownAt, knownFromOf } from '../knowledge-time';
import { regulatoryTextEvents, type RegulatoryTextEvent } from '../texts/text.events';
import { evolveRegulatoryText, type RegulatoryText } from '../texts/text.state';
import { summarise } from './history-summary';

/** What the fold needs from a recorded event (RecordedEvent fits). */
export interface RecordedEventLike {
  type: string;
  data: unknown;
  metadata?: EventMetadataLike;
  position?: number;
}

export interface HistoryEntry {
  type: string;
  summary: string;
  /** Knowledge time: when the registry learnt it (the source's date for backfilled history). */
  knownFrom?: string;
  recordedAt?: string;
  backfilled: boolean;
  position?: number;
  data: unknown;
}

export interface RegulatoryTextView extends RegulatoryText {
  knownFrom?: string;
  /** Order in which the texts became part of the snapshot (breaks ties between rules). */
  order: number;
  history: HistoryEntry[];
}

export interface SchoolYearCalendarView extends SchoolYearCalendar {
  knownFrom?: string;
  history: HistoryEntry[];
}

export interface SnapshotAnomaly {
  position?: number;
  type: string;
  reason: string;
}

/** Everything the registry knew about the regulation at `knownAt` (or now). */
export interface RegulationSnapshot {
  knownAt?: string;
  texts: Record<string, RegulatoryTextView>;
  calendars: Record<string, SchoolYearCalendarView>;
  /** Events that could not be folded (malformed data, orphans): reported, never fatal. */
  anomalies: SnapshotAnomaly[];
}

const SCHEMAS = new Map<string, TSchema>(
  [...regulatoryTextEvents, ...schoolYearCalendarEvents].map((definition) => [
    definition.type,
    definition.schema,
  ]),
);
const TEXT_TYPES = new Set(regulatoryTextEvents.map((d) => d.type));

function historyEntry(event: RecordedEventLike, summary: string): HistoryEntry {
  const metadata = event.metadata ?? {};
  return {
    type: event.type,
    summary,
    knownFrom: knownFromOf(metadata),
    recordedAt: metadata.recordedAt,
    backfilled: metadata.backfilled === true,
    ...(event.position !== undefined ? { position: event.position } : {}),
    data: event.data,
  };
}

/**
 * Folds regulation events (in log order) into a snapshot, keeping only those known at
 * `knownAt`. Pure: the same events and `knownAt` always give the same snapshot.
 */
export function buildRegulationSnapshot(
  events: Iterable<RecordedEventLike>,
  knownAt?: string,
): RegulationSnapshot {
  const snapshot: RegulationSnapshot = {
    ...(knownAt ? { knownAt } : {}),
    texts: {},
    calendars: {},
    anomalies: [],
  };
  let order = 0;
  for (const event of events) {
    const schema = SCHEMAS.get(event.type);
    if (!schema) continue; // not a regulation event
    if (!isKnownAt(event.metadata, knownAt)) continue;
    if (!Value.Check(schema, event.data)) {
      const first = Value.Errors(schema, event.data).First();
      snapshot.anomalies.push({
        position: event.position,
        type: event.type,
        reason: `data does not match the ${event.type} schema${first ? `: ${first.path} ${first.message}` : ''}`,
      });
      continue;
    }
    if (TEXT_TYPES.has(event.type)) {
      const textEvent = event as unknown as RegulatoryTextEvent;
      const id = textEvent.data.textId;
      const previous = snapshot.texts[id];
      if (!previous && textEvent.type !== 'RegulatoryTextPublished') {
        snapshot.anomalies.push({
          position: event.position,
          type: event.type,
          reason: `text ${id} is not published`,
        });
        continue;
      }
      const next = evolveRegulatoryText(previous ?? null, textEvent)!;
      snapshot.texts[id] = {
        ...next,
        knownFrom: previous ? previous.knownFrom : knownFromOf(event.metadata),
        order: previous ? previous.order : order++,
        history: [...(previous?.history ?? []), historyEntry(event, summarise(textEvent))],
      };
    } else {
      const calendarEvent = event as unknown as SchoolYearCalendarEvent;
      const year = calendarEvent.data.schoolYear;
      const previous = snapshot.calendars[year];
      if (!previous && calendarEvent.type !== 'SchoolYearCalendarPublished') {
        snapshot.anomalies.push({
          position: event.position,
          type: event.type,
          reason: `no ${year} calendar is published`,
        });
        continue;
      }
      const next = evolveSchoolYearCalendar(previous ?? null, calendarEvent)!;
      snapshot.calendars[year] = {
        ...next,
        knownFrom: previous ? previous.knownFrom : knownFromOf(event.metadata),
        history: [...(previous?.history ?? []), historyEntry(event, summarise(calendarEvent))],
      };
    }
  }
  return snapshot;
}
