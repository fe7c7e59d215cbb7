import type { ReferencedTexts } from '../texts/text.commands';
import type { Confidence, Population, SourceRef } from '../vocabulary';
import type { CalendarErratumField } from './calendar.events';
import type { Period } from './calendar.state';

export interface CalendarItemInput {
  population: Population;
  mandatory: boolean;
  window?: Period;
  finalisationDeadline?: string;
  catchUp?: Period;
  parcoursupTransmissionDate?: string;
  textId?: string;
  source?: SourceRef;
  confidence?: Confidence;
  note?: string;
}

export interface CalendarItemChangeInput {
  population: Population;
  mandatory?: boolean;
  window?: Period;
  finalisationDeadline?: string | null;
  catchUp?: Period | null;
  parcoursupTransmissionDate?: string | null;
  textId?: string;
  source?: SourceRef;
  confidence?: Confidence;
  note?: string;
}

export interface PublishSchoolYearCalendar {
  type: 'PublishSchoolYearCalendar';
  schoolYear: string;
  publishedOn: string;
  items: CalendarItemInput[];
  source: SourceRef;
  confidence: Confidence;
  note?: string;
  referencedTexts?: ReferencedTexts;
}

export interface AmendSchoolYearCalendar {
  type: 'AmendSchoolYearCalendar';
  schoolYear: string;
  amendedOn: string;
  textId?: string;
  changes: CalendarItemChangeInput[];
  reason?: string;
  source: SourceRef;
  confidence: Confidence;
  note?: string;
  referencedTexts?: ReferencedTexts;
}

export interface NarrowAcademieCalendar {
  type: 'NarrowAcademieCalendar';
  schoolYear: string;
  academie: string;
  population: Population;
  textId: string;
  publishedOn: string;
  window: Period;
  finalisationDeadline?: string;
  source: SourceRef;
  confidence: Confidence;
  note?: string;
  referencedTexts: ReferencedTexts;
}

export interface RecordSchoolYearCalendarErratum {
  type: 'RecordSchoolYearCalendarErratum';
  schoolYear: string;
  population: Population;
  field: CalendarErratumField;
  asWritten: string;
  corrected: string;
  source: SourceRef;
  confidence: Confidence;
  note?: string;
}

export type SchoolYearCalendarCommand =
  | PublishSchoolYearCalendar
  | AmendSchoolYearCalendar
  | NarrowAcademieCalendar
  | RecordSchoolYearCalendarErratum;
