import type {
  AmendSchoolYearCalendar,
  NarrowAcademieCalendar,
  PublishSchoolYearCalendar,
  RecordSchoolYearCalendarErratum,
} from '@pix-ledger/domain';
import type {
  AmendCalendarDto,
  CalendarErratumDto,
  NarrowCalendarDto,
  PublishCalendarDto,
} from './calendar-commands.dto';

/** HTTP bodies to domain commands: the school year comes from the path. */
type Unresolved<T> = Omit<T, 'referencedTexts'>;

export const publishCalendarCommand = (
  schoolYear: string,
  body: PublishCalendarDto,
): Unresolved<PublishSchoolYearCalendar> => ({
  type: 'PublishSchoolYearCalendar',
  schoolYear,
  ...body,
});

export const amendCalendarCommand = (
  schoolYear: string,
  body: AmendCalendarDto,
): Unresolved<AmendSchoolYearCalendar> => ({
  type: 'AmendSchoolYearCalendar',
  schoolYear,
  ...body,
});

export const narrowCalendarCommand = (
  schoolYear: string,
  body: NarrowCalendarDto,
): Unresolved<NarrowAcademieCalendar> => ({
  type: 'NarrowAcademieCalendar',
  schoolYear,
  ...body,
});

export const calendarErratumCommand = (
  schoolYear: string,
  body: CalendarErratumDto,
): RecordSchoolYearCalendarErratum => ({
  type: 'RecordSchoolYearCalendarErratum',
  schoolYear,
  ...body,
});
