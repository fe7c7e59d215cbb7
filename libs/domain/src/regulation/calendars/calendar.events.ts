import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from '../../shared/event-catalogue';
import {
  AcademieSchema,
  ConfidenceSchema,
  IsoDateSchema,
  PeriodSchema,
  PopulationSchema,
  SchoolYearSchema,
  SourceSchema,
} from '../schemas';

/**
 * Events of one school year's calendar, in the stream `yearCalendar-<YYYY-YYYY>` (with
 * `metadata.schoolYear`). Académie narrowings live in the same stream: the national window they
 * narrow is then part of the state their decider checks, in one consistency boundary.
 */
export const YEAR_CALENDAR_CATEGORY = 'yearCalendar';

const ItemFields = {
  window: Type.Optional(PeriodSchema),
  finalisationDeadline: Type.Optional(IsoDateSchema),
  catchUp: Type.Optional(PeriodSchema),
  parcoursupTransmissionDate: Type.Optional(IsoDateSchema),
  textId: Type.Optional(Type.String({ description: 'The text that set this item' })),
  source: Type.Optional(SourceSchema),
  confidence: Type.Optional(ConfidenceSchema),
  note: Type.Optional(Type.String()),
};

export const CalendarItemSchema = Type.Object({
  population: PopulationSchema,
  mandatory: Type.Boolean(),
  ...ItemFields,
});

/** A change to one population's item; `null` removes an optional field. */
export const CalendarItemChangeSchema = Type.Object({
  population: PopulationSchema,
  mandatory: Type.Optional(Type.Boolean()),
  window: Type.Optional(PeriodSchema),
  finalisationDeadline: Type.Optional(Type.Union([IsoDateSchema, Type.Null()])),
  catchUp: Type.Optional(Type.Union([PeriodSchema, Type.Null()])),
  parcoursupTransmissionDate: Type.Optional(Type.Union([IsoDateSchema, Type.Null()])),
  textId: Type.Optional(Type.String()),
  source: Type.Optional(SourceSchema),
  confidence: Type.Optional(ConfidenceSchema),
  note: Type.Optional(Type.String()),
});

export const SchoolYearCalendarPublished = defineEvent({
  type: 'SchoolYearCalendarPublished',
  category: YEAR_CALENDAR_CATEGORY,
  schemaVersion: 1,
  description:
    'The national certification calendar of a school year: per population a window, obligation and deadlines.',
  schema: Type.Object({
    schoolYear: SchoolYearSchema,
    publishedOn: IsoDateSchema,
    items: Type.Array(CalendarItemSchema, { minItems: 1 }),
    source: SourceSchema,
    confidence: ConfidenceSchema,
    note: Type.Optional(Type.String()),
  }),
});

export const SchoolYearCalendarAmended = defineEvent({
  type: 'SchoolYearCalendarAmended',
  category: YEAR_CALENDAR_CATEGORY,
  schemaVersion: 1,
  description:
    'The national calendar of a school year was changed during the year (a window extended or shortened…).',
  schema: Type.Object({
    schoolYear: SchoolYearSchema,
    amendedOn: IsoDateSchema,
    textId: Type.Optional(Type.String()),
    changes: Type.Array(CalendarItemChangeSchema, { minItems: 1 }),
    reason: Type.Optional(Type.String()),
    source: SourceSchema,
    confidence: ConfidenceSchema,
    note: Type.Optional(Type.String()),
  }),
});

export const AcademieCalendarNarrowed = defineEvent({
  type: 'AcademieCalendarNarrowed',
  category: YEAR_CALENDAR_CATEGORY,
  schemaVersion: 1,
  description:
    'An académie circular set a window inside the national one for its establishments (never wider).',
  schema: Type.Object({
    schoolYear: SchoolYearSchema,
    academie: AcademieSchema,
    population: PopulationSchema,
    textId: Type.String(),
    publishedOn: IsoDateSchema,
    window: PeriodSchema,
    finalisationDeadline: Type.Optional(IsoDateSchema),
    source: SourceSchema,
    confidence: ConfidenceSchema,
    note: Type.Optional(Type.String()),
  }),
});

export const CALENDAR_ERRATUM_FIELDS = [
  'window.start',
  'window.end',
  'finalisationDeadline',
  'catchUp.start',
  'catchUp.end',
  'parcoursupTransmissionDate',
] as const;
export type CalendarErratumField = (typeof CALENDAR_ERRATUM_FIELDS)[number];

export const SchoolYearCalendarErratumRecorded = defineEvent({
  type: 'SchoolYearCalendarErratumRecorded',
  category: YEAR_CALENDAR_CATEGORY,
  schemaVersion: 1,
  description:
    'A calendar date was recorded as its source wrote it, wrongly (S1\'s "8 avril 2024"); keeps the original and the correction.',
  schema: Type.Object({
    schoolYear: SchoolYearSchema,
    population: PopulationSchema,
    field: Type.Union(CALENDAR_ERRATUM_FIELDS.map((field) => Type.Literal(field))),
    asWritten: IsoDateSchema,
    corrected: IsoDateSchema,
    source: SourceSchema,
    confidence: ConfidenceSchema,
    note: Type.Optional(Type.String()),
  }),
});

export type CalendarItemData = Static<typeof CalendarItemSchema>;
export type CalendarItemChange = Static<typeof CalendarItemChangeSchema>;
export type SchoolYearCalendarPublishedData = Static<typeof SchoolYearCalendarPublished.schema>;
export type SchoolYearCalendarAmendedData = Static<typeof SchoolYearCalendarAmended.schema>;
export type AcademieCalendarNarrowedData = Static<typeof AcademieCalendarNarrowed.schema>;
export type SchoolYearCalendarErratumRecordedData = Static<
  typeof SchoolYearCalendarErratumRecorded.schema
>;

export type SchoolYearCalendarEvent =
  | { type: 'SchoolYearCalendarPublished'; data: SchoolYearCalendarPublishedData }
  | { type: 'SchoolYearCalendarAmended'; data: SchoolYearCalendarAmendedData }
  | { type: 'AcademieCalendarNarrowed'; data: AcademieCalendarNarrowedData }
  | { type: 'SchoolYearCalendarErratumRecorded'; data: SchoolYearCalendarErratumRecordedData };

export const schoolYearCalendarEvents = [
  SchoolYearCalendarPublished,
  SchoolYearCalendarAmended,
  AcademieCalendarNarrowed,
  SchoolYearCalendarErratumRecorded,
];
