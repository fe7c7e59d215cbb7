import type { Confidence, Population, SourceRef } from '../vocabulary';
import type {
  AcademieCalendarNarrowedData,
  CalendarErratumField,
  CalendarItemChange,
  SchoolYearCalendarErratumRecordedData,
  SchoolYearCalendarEvent,
} from './calendar.events';

export interface Period {
  start: string;
  end: string;
}

export type CalendarErratum = Omit<SchoolYearCalendarErratumRecordedData, 'schoolYear'>;
export type AcademieNarrowing = Omit<AcademieCalendarNarrowedData, 'schoolYear'>;

/** One population's part of a year's calendar, with where each fact came from. */
export interface CalendarItem {
  population: Population;
  mandatory: boolean;
  window?: Period;
  finalisationDeadline?: string;
  catchUp?: Period;
  parcoursupTransmissionDate?: string;
  /** Texts that set or changed this item, in order. */
  sourceTextIds: string[];
  sources: SourceRef[];
  confidence: Confidence;
  notes: string[];
  /** Date of the publication or amendment that last changed it. */
  changedOn: string;
  errata: CalendarErratum[];
}

/** A publication or an amendment: applies from `effectiveOn` (valid time). */
export interface CalendarChange {
  kind: 'published' | 'amended';
  effectiveOn: string;
  textId?: string;
  items: CalendarItemChange[];
  source: SourceRef;
  confidence: Confidence;
  reason?: string;
  note?: string;
}

export interface SchoolYearCalendar {
  schoolYear: string;
  publishedOn: string;
  changes: CalendarChange[];
  narrowings: AcademieNarrowing[];
  errata: CalendarErratum[];
  /** Every change and erratum applied. */
  items: Partial<Record<Population, CalendarItem>>;
}

export type SchoolYearCalendarState = SchoolYearCalendar | null;

export type CalendarItems = Partial<Record<Population, CalendarItem>>;

function applyChange(items: CalendarItems, change: CalendarChange): CalendarItems {
  const next: CalendarItems = { ...items };
  for (const itemChange of change.items) {
    const { population, textId, source, confidence, note, ...fields } = itemChange;
    const previous = next[population];
    const item: CalendarItem = previous
      ? { ...previous }
      : {
          population,
          mandatory: false,
          sourceTextIds: [],
          sources: [],
          confidence: change.confidence,
          notes: [],
          changedOn: change.effectiveOn,
          errata: [],
        };
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (value === null) delete (item as unknown as Record<string, unknown>)[field];
      else (item as unknown as Record<string, unknown>)[field] = value;
    }
    const setBy = textId ?? change.textId;
    item.sourceTextIds =
      setBy && !item.sourceTextIds.includes(setBy)
        ? [...item.sourceTextIds, setBy]
        : item.sourceTextIds;
    item.sources = [...item.sources, source ?? change.source];
    item.confidence = confidence ?? change.confidence;
    item.notes = note ? [...item.notes, note] : item.notes;
    item.changedOn = change.effectiveOn;
    next[population] = item;
  }
  return next;
}

function readField(item: CalendarItem, field: CalendarErratumField): string | undefined {
  const [head, tail] = field.split('.') as [string, string | undefined];
  const value = (item as unknown as Record<string, unknown>)[head];
  if (tail) return (value as Record<string, string> | undefined)?.[tail];
  return value as string | undefined;
}

function writeField(item: CalendarItem, field: CalendarErratumField, value: string): CalendarItem {
  const [head, tail] = field.split('.') as [string, string | undefined];
  if (!tail) return { ...item, [head]: value };
  const period = (item as unknown as Record<string, Period>)[head];
  return { ...item, [head]: { ...period, [tail]: value } };
}

/** Applies an erratum where the item still holds the value the source wrote. */
export function applyErratum(items: CalendarItems, erratum: CalendarErratum): CalendarItems {
  const item = items[erratum.population];
  if (!item || readField(item, erratum.field) !== erratum.asWritten) return items;
  const corrected = writeField(item, erratum.field, erratum.corrected);
  return { ...items, [erratum.population]: { ...corrected, errata: [...item.errata, erratum] } };
}

export function calendarFieldValue(
  item: CalendarItem,
  field: CalendarErratumField,
): string | undefined {
  return readField(item, field);
}

/**
 * The items in force on `asOf` (valid time): publications and amendments effective by then.
 * Errata apply whatever the date: they correct what the source always meant.
 */
export function calendarItemsAsOf(calendar: SchoolYearCalendar, asOf?: string): CalendarItems {
  const changes =
    asOf === undefined ? calendar.changes : calendar.changes.filter((c) => c.effectiveOn <= asOf);
  return calendar.errata.reduce(applyErratum, changes.reduce(applyChange, {} as CalendarItems));
}

export function evolveSchoolYearCalendar(
  state: SchoolYearCalendarState,
  event: SchoolYearCalendarEvent,
): SchoolYearCalendarState {
  const withItems = (calendar: SchoolYearCalendar): SchoolYearCalendar => ({
    ...calendar,
    items: calendarItemsAsOf(calendar),
  });
  switch (event.type) {
    case 'SchoolYearCalendarPublished': {
      const { schoolYear, publishedOn, items, source, confidence, note } = event.data;
      return withItems({
        schoolYear,
        publishedOn,
        changes: [
          {
            kind: 'published',
            effectiveOn: publishedOn,
            items,
            source,
            confidence,
            ...(note ? { note } : {}),
          },
        ],
        narrowings: [],
        errata: [],
        items: {},
      });
    }
    case 'SchoolYearCalendarAmended': {
      if (!state) return state;
      const { schoolYear: _year, amendedOn, changes, ...rest } = event.data;
      return withItems({
        ...state,
        changes: [
          ...state.changes,
          { kind: 'amended', effectiveOn: amendedOn, items: changes, ...rest },
        ],
      });
    }
    case 'AcademieCalendarNarrowed': {
      if (!state) return state;
      const { schoolYear: _year, ...narrowing } = event.data;
      return { ...state, narrowings: [...state.narrowings, narrowing] };
    }
    case 'SchoolYearCalendarErratumRecorded': {
      if (!state) return state;
      const { schoolYear: _year, ...erratum } = event.data;
      return withItems({ ...state, errata: [...state.errata, erratum] });
    }
  }
}

/** The académie's latest narrowing of a population's window (by `asOf` when given). */
export function latestNarrowing(
  calendar: SchoolYearCalendar,
  academie: string,
  population: Population,
  asOf?: string,
): AcademieNarrowing | undefined {
  return calendar.narrowings
    .filter(
      (n) =>
        n.academie === academie &&
        n.population === population &&
        (asOf === undefined || n.publishedOn <= asOf),
    )
    .at(-1);
}
