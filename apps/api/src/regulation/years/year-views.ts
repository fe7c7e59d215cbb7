import {
  effectiveCalendar,
  type RegulationSnapshot,
  schoolYearBounds,
  type SchoolYearCalendarView,
} from '@pix-ledger/domain';
import { textSummary } from '../texts/text-views';

/** Response shapes of the school-year reads. */
export function yearListing(calendar: SchoolYearCalendarView) {
  const last = calendar.history[calendar.history.length - 1];
  return {
    schoolYear: calendar.schoolYear,
    publishedOn: calendar.publishedOn,
    populations: Object.keys(calendar.items),
    amendments: calendar.changes.filter((change) => change.kind === 'amended').length,
    narrowings: calendar.narrowings.length,
    errata: calendar.errata.length,
    knownFrom: calendar.knownFrom ?? null,
    lastChangeKnownFrom: last?.knownFrom ?? null,
  };
}

export function yearSummary(
  snapshot: RegulationSnapshot,
  calendar: SchoolYearCalendarView,
  asOf?: string,
) {
  const year = schoolYearBounds(calendar.schoolYear);
  const textsInForce = Object.values(snapshot.texts)
    .filter(
      (text) =>
        text.inForceFrom <= year.end &&
        (text.inForceUntil === undefined || text.inForceUntil > year.start),
    )
    .sort((a, b) => a.inForceFrom.localeCompare(b.inForceFrom));
  return {
    ...yearListing(calendar),
    period: year,
    asOf: asOf ?? null,
    knownAt: snapshot.knownAt ?? null,
    calendar: effectiveCalendar(snapshot, calendar.schoolYear, undefined, { asOf }),
    academieNarrowings: calendar.narrowings,
    textsInForceDuringYear: textsInForce.map(textSummary),
    history: calendar.history,
  };
}
