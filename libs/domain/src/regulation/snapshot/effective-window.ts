import { calendarItemsAsOf, latestNarrowing, type Period } from '../calendars/calendar.state';
import type { Confidence, Population, SourceRef } from '../vocabulary';
import { POPULATIONS } from '../vocabulary';
import type { RegulationSnapshot } from './regulation-snapshot';

/** One population's entry of a year's calendar, as it applies to an establishment. */
export interface CalendarEntry {
  schoolYear: string;
  population: Population;
  start?: string;
  end?: string;
  mandatory: boolean;
  finalisationDeadline?: string;
  catchUp?: Period;
  parcoursupTransmissionDate?: string;
  /** `national`, or `academie:<code>` when an académie narrowed the window. */
  scope: string;
  sourceTextIds: string[];
  sources: SourceRef[];
  confidence: Confidence;
  notes: string[];
  /** Corrections of source errors applied to this entry (original value kept). */
  errata: Array<{ field: string; asWritten: string; corrected: string }>;
  /** An académie narrowing that no longer meets the (since amended) national window is void. */
  voidNarrowing?: { textId: string; start: string; end: string };
}

export type EffectiveWindow = CalendarEntry & { start: string; end: string };

export interface CalendarQueryOptions {
  /** Valid time: only publications, amendments and narrowings dated on or before it. */
  asOf?: string;
}

/**
 * The calendar entries of a school year (national, or national ∩ the académie's narrowing);
 * undefined when no calendar of that year is known in the snapshot.
 */
export function effectiveCalendar(
  snapshot: RegulationSnapshot,
  schoolYear: string,
  academie?: string,
  options: CalendarQueryOptions = {},
): CalendarEntry[] | undefined {
  const calendar = snapshot.calendars[schoolYear];
  if (!calendar) return undefined;
  const items =
    options.asOf === undefined ? calendar.items : calendarItemsAsOf(calendar, options.asOf);
  const entries: CalendarEntry[] = [];
  for (const population of POPULATIONS) {
    const item = items[population];
    if (!item) continue;
    const entry: CalendarEntry = {
      schoolYear,
      population,
      ...(item.window ? { start: item.window.start, end: item.window.end } : {}),
      mandatory: item.mandatory,
      ...(item.finalisationDeadline ? { finalisationDeadline: item.finalisationDeadline } : {}),
      ...(item.catchUp ? { catchUp: item.catchUp } : {}),
      ...(item.parcoursupTransmissionDate
        ? { parcoursupTransmissionDate: item.parcoursupTransmissionDate }
        : {}),
      scope: 'national',
      sourceTextIds: [...item.sourceTextIds],
      sources: [...item.sources],
      confidence: item.confidence,
      notes: [...item.notes],
      errata: item.errata.map(({ field, asWritten, corrected }) => ({
        field,
        asWritten,
        corrected,
      })),
    };
    const narrowing =
      academie && item.window
        ? latestNarrowing(calendar, academie, population, options.asOf)
        : undefined;
    if (narrowing && entry.start && entry.end) {
      const start = narrowing.window.start > entry.start ? narrowing.window.start : entry.start;
      const end = narrowing.window.end < entry.end ? narrowing.window.end : entry.end;
      if (start <= end) {
        entry.start = start;
        entry.end = end;
        entry.scope = `academie:${academie}`;
        if (!entry.sourceTextIds.includes(narrowing.textId))
          entry.sourceTextIds.push(narrowing.textId);
        entry.sources.push(narrowing.source);
        const deadline = narrowing.finalisationDeadline;
        if (deadline && (!entry.finalisationDeadline || deadline < entry.finalisationDeadline)) {
          entry.finalisationDeadline = deadline;
        }
      } else {
        entry.voidNarrowing = { textId: narrowing.textId, ...narrowing.window };
      }
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * The window a population's sessions must fall in for a school year: the national window,
 * narrowed by the académie's circular when there is one (never widened). Undefined when the
 * year or the population has no window in the snapshot (the 6e attestation has none).
 */
export function effectiveWindow(
  snapshot: RegulationSnapshot,
  schoolYear: string,
  population: Population,
  academie?: string,
  options: CalendarQueryOptions = {},
): EffectiveWindow | undefined {
  const entry = effectiveCalendar(snapshot, schoolYear, academie, options)?.find(
    (e) => e.population === population,
  );
  return entry?.start && entry.end ? (entry as EffectiveWindow) : undefined;
}
