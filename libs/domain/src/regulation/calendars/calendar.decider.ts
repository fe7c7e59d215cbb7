import { CommandRejected, type Decider } from '../../shared/decider';
import type { ReferencedTexts } from '../texts/text.commands';
import {
  optionalDate,
  requireConfidence,
  requireDate,
  requirePeriod,
  requireSchoolYear,
  requireSource,
} from '../validation';
import { schoolYearBounds } from '../validation';
import { ACADEMIES, isAcademie, isPopulation, type Population } from '../vocabulary';
import type {
  AmendSchoolYearCalendar,
  CalendarItemChangeInput,
  NarrowAcademieCalendar,
  PublishSchoolYearCalendar,
  RecordSchoolYearCalendarErratum,
  SchoolYearCalendarCommand,
} from './calendar.commands';
import {
  CALENDAR_ERRATUM_FIELDS,
  type CalendarItemChange,
  type CalendarItemData,
  type SchoolYearCalendarEvent,
} from './calendar.events';
import {
  calendarFieldValue,
  type CalendarItem,
  evolveSchoolYearCalendar,
  type SchoolYearCalendar,
  type SchoolYearCalendarState,
} from './calendar.state';

/** The certification calendar of one school year: published, amended, narrowed by académies, corrected. */
export const schoolYearCalendarDecider: Decider<
  SchoolYearCalendarState,
  SchoolYearCalendarCommand,
  SchoolYearCalendarEvent
> = {
  initialState: null,
  evolve: evolveSchoolYearCalendar,
  decide(command, state) {
    requireSchoolYear('schoolYear', command.schoolYear);
    switch (command.type) {
      case 'PublishSchoolYearCalendar':
        return publish(command, state);
      case 'AmendSchoolYearCalendar':
        return amend(command, requireExisting(command.schoolYear, state));
      case 'NarrowAcademieCalendar':
        return narrow(command, requireExisting(command.schoolYear, state));
      case 'RecordSchoolYearCalendarErratum':
        return recordErratum(command, requireExisting(command.schoolYear, state));
    }
  },
};

function requireExisting(schoolYear: string, state: SchoolYearCalendarState): SchoolYearCalendar {
  if (!state)
    throw CommandRejected.invalid(
      'schoolYear',
      `no calendar is recorded for ${schoolYear}; publish it first`,
    );
  return state;
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function requireKnownText(
  field: string,
  textId: string | undefined,
  texts: ReferencedTexts | undefined,
): void {
  if (textId !== undefined && !texts?.[textId]) {
    throw CommandRejected.invalid(field, `no regulatory text "${textId}" is recorded`);
  }
}

function requirePopulation(field: string, value: unknown): Population {
  if (!isPopulation(value)) throw CommandRejected.invalid(field, 'must be LYC, COL or 6E');
  return value;
}

/** Checks the formats of the fields a change or an item gives. */
function checkFields(
  field: string,
  input: CalendarItemChangeInput,
  texts: ReferencedTexts | undefined,
): void {
  if (input.mandatory !== undefined && typeof input.mandatory !== 'boolean') {
    throw CommandRejected.invalid(`${field}.mandatory`, 'must be true or false');
  }
  if (input.window !== undefined) requirePeriod(`${field}.window`, input.window);
  if (input.finalisationDeadline !== null)
    optionalDate(`${field}.finalisationDeadline`, input.finalisationDeadline);
  if (input.catchUp !== undefined && input.catchUp !== null)
    requirePeriod(`${field}.catchUp`, input.catchUp);
  if (input.parcoursupTransmissionDate !== null) {
    // Not checked against the year: a source may print a wrong year (S1), kept as written and corrected by an erratum.
    optionalDate(`${field}.parcoursupTransmissionDate`, input.parcoursupTransmissionDate);
  }
  requireKnownText(`${field}.textId`, input.textId, texts);
  if (input.source !== undefined) requireSource(`${field}.source`, input.source);
  if (input.confidence !== undefined) requireConfidence(`${field}.confidence`, input.confidence);
}

/** Checks an item as a whole, once a change has been applied to it. */
function checkConsistency(field: string, item: CalendarItem, schoolYear: string): void {
  const year = schoolYearBounds(schoolYear);
  const { window, catchUp, finalisationDeadline } = item;
  if (window && (window.start < year.start || window.end > year.end)) {
    throw CommandRejected.invalid(
      `${field}.window`,
      `${window.start} → ${window.end} is outside the school year ${schoolYear} (${year.start} → ${year.end})`,
    );
  }
  if (window && finalisationDeadline !== undefined && finalisationDeadline < window.start) {
    throw CommandRejected.invalid(
      `${field}.finalisationDeadline`,
      `${finalisationDeadline} is before the window opens (${window.start})`,
    );
  }
  if (catchUp && (catchUp.start < year.start || catchUp.end > year.end)) {
    throw CommandRejected.invalid(`${field}.catchUp`, `is outside the school year ${schoolYear}`);
  }
  if (window && catchUp && catchUp.start < window.start) {
    throw CommandRejected.invalid(
      `${field}.catchUp.start`,
      `${catchUp.start} is before the window opens (${window.start})`,
    );
  }
}

function publish(
  command: PublishSchoolYearCalendar,
  state: SchoolYearCalendarState,
): SchoolYearCalendarEvent[] {
  if (state) {
    throw CommandRejected.conflict(
      `the ${command.schoolYear} calendar is already published; amend it instead`,
      'schoolYear',
    );
  }
  const publishedOn = requireDate('publishedOn', command.publishedOn);
  requireSource('source', command.source);
  requireConfidence('confidence', command.confidence);
  if (!Array.isArray(command.items) || command.items.length === 0) {
    throw CommandRejected.invalid('items', 'a calendar has at least one population');
  }
  const seen = new Set<string>();
  const items: CalendarItemData[] = command.items.map((item, i) => {
    const population = requirePopulation(`items[${i}].population`, item.population);
    if (seen.has(population))
      throw CommandRejected.invalid(`items[${i}].population`, `${population} is given twice`);
    seen.add(population);
    if (typeof item.mandatory !== 'boolean')
      throw CommandRejected.invalid(`items[${i}].mandatory`, 'must be true or false');
    checkFields(`items[${i}]`, item, command.referencedTexts);
    return strip({ ...item });
  });
  const event: SchoolYearCalendarEvent = {
    type: 'SchoolYearCalendarPublished',
    data: strip({
      schoolYear: command.schoolYear,
      publishedOn,
      items,
      source: command.source,
      confidence: command.confidence,
      note: command.note,
    }),
  };
  const after = evolveSchoolYearCalendar(null, event) as SchoolYearCalendar;
  items.forEach((item, i) =>
    checkConsistency(`items[${i}]`, after.items[item.population]!, command.schoolYear),
  );
  return [event];
}

function amend(
  command: AmendSchoolYearCalendar,
  calendar: SchoolYearCalendar,
): SchoolYearCalendarEvent[] {
  const amendedOn = requireDate('amendedOn', command.amendedOn);
  if (amendedOn < calendar.publishedOn) {
    throw CommandRejected.invalid(
      'amendedOn',
      `${amendedOn} is before the calendar was published (${calendar.publishedOn})`,
    );
  }
  requireSource('source', command.source);
  requireConfidence('confidence', command.confidence);
  requireKnownText('textId', command.textId, command.referencedTexts);
  if (!Array.isArray(command.changes) || command.changes.length === 0) {
    throw CommandRejected.invalid('changes', 'an amendment changes at least one population');
  }
  const changes: CalendarItemChange[] = command.changes.map((change, i) => {
    const population = requirePopulation(`changes[${i}].population`, change.population);
    const { population: _p, source: _s, confidence: _c, note: _n, ...fields } = change;
    // With an amendment-level textId, a bare population ties that item to the text (dates unchanged).
    if (
      command.textId === undefined &&
      Object.values(fields).every((value) => value === undefined)
    ) {
      throw CommandRejected.invalid(`changes[${i}]`, 'changes nothing');
    }
    if (!calendar.items[population] && change.mandatory === undefined) {
      throw CommandRejected.invalid(
        `changes[${i}].mandatory`,
        `${population} is new in this calendar: say whether it is mandatory`,
      );
    }
    checkFields(`changes[${i}]`, change, command.referencedTexts);
    return strip({ ...change });
  });
  const event: SchoolYearCalendarEvent = {
    type: 'SchoolYearCalendarAmended',
    data: strip({
      schoolYear: command.schoolYear,
      amendedOn,
      textId: command.textId,
      changes,
      reason: command.reason,
      source: command.source,
      confidence: command.confidence,
      note: command.note,
    }),
  };
  const after = evolveSchoolYearCalendar(calendar, event) as SchoolYearCalendar;
  changes.forEach((change, i) =>
    checkConsistency(`changes[${i}]`, after.items[change.population]!, command.schoolYear),
  );
  return [event];
}

function narrow(
  command: NarrowAcademieCalendar,
  calendar: SchoolYearCalendar,
): SchoolYearCalendarEvent[] {
  if (!isAcademie(command.academie)) {
    throw CommandRejected.invalid(
      'academie',
      `unknown académie code ${JSON.stringify(command.academie)}`,
    );
  }
  const population = requirePopulation('population', command.population);
  const text = command.referencedTexts?.[command.textId];
  if (!text)
    throw CommandRejected.invalid('textId', `no regulatory text "${command.textId}" is recorded`);
  if (text.scope.level !== 'academie' || text.scope.academie !== command.academie) {
    throw CommandRejected.invalid(
      'textId',
      `"${command.textId}" is not a text of the académie de ${ACADEMIES[command.academie]} (${command.academie})`,
    );
  }
  const publishedOn = requireDate('publishedOn', command.publishedOn);
  const window = requirePeriod('window', command.window);
  const national = calendar.items[population];
  if (!national?.window) {
    throw CommandRejected.invalid(
      'population',
      `the ${calendar.schoolYear} national calendar has no ${population} window to narrow`,
    );
  }
  if (window.start < national.window.start || window.end > national.window.end) {
    throw CommandRejected.invalid(
      'window',
      `an académie may only narrow the national ${population} window ${national.window.start} → ${national.window.end}, ` +
        `not set ${window.start} → ${window.end}`,
    );
  }
  const finalisationDeadline = optionalDate('finalisationDeadline', command.finalisationDeadline);
  if (finalisationDeadline !== undefined) {
    if (finalisationDeadline < window.start) {
      throw CommandRejected.invalid(
        'finalisationDeadline',
        `${finalisationDeadline} is before the window opens (${window.start})`,
      );
    }
    if (
      national.finalisationDeadline !== undefined &&
      finalisationDeadline > national.finalisationDeadline
    ) {
      throw CommandRejected.invalid(
        'finalisationDeadline',
        `an académie may only bring the national deadline ${national.finalisationDeadline} forward`,
      );
    }
  }
  requireSource('source', command.source);
  requireConfidence('confidence', command.confidence);
  return [
    {
      type: 'AcademieCalendarNarrowed',
      data: strip({
        schoolYear: command.schoolYear,
        academie: command.academie,
        population,
        textId: command.textId,
        publishedOn,
        window,
        finalisationDeadline,
        source: command.source,
        confidence: command.confidence,
        note: command.note,
      }),
    },
  ];
}

function recordErratum(
  command: RecordSchoolYearCalendarErratum,
  calendar: SchoolYearCalendar,
): SchoolYearCalendarEvent[] {
  const population = requirePopulation('population', command.population);
  if (!(CALENDAR_ERRATUM_FIELDS as readonly string[]).includes(command.field)) {
    throw CommandRejected.invalid('field', `must be one of ${CALENDAR_ERRATUM_FIELDS.join(', ')}`);
  }
  const item = calendar.items[population];
  if (!item)
    throw CommandRejected.invalid(
      'population',
      `the ${calendar.schoolYear} calendar has no ${population} item`,
    );
  const current = calendarFieldValue(item, command.field);
  if (current !== command.asWritten) {
    throw CommandRejected.invalid(
      'asWritten',
      `the recorded ${population} ${command.field} is ${JSON.stringify(current ?? null)}`,
    );
  }
  const corrected = requireDate('corrected', command.corrected);
  if (corrected === command.asWritten)
    throw CommandRejected.invalid('corrected', 'is the same as asWritten');
  requireSource('source', command.source);
  requireConfidence('confidence', command.confidence);
  const event: SchoolYearCalendarEvent = {
    type: 'SchoolYearCalendarErratumRecorded',
    data: strip({
      schoolYear: command.schoolYear,
      population,
      field: command.field,
      asWritten: command.asWritten,
      corrected,
      source: command.source,
      confidence: command.confidence,
      note: command.note,
    }),
  };
  const after = evolveSchoolYearCalendar(calendar, event) as SchoolYearCalendar;
  const changed = after.items[population]!;
  if (changed.window && changed.window.end < changed.window.start) {
    throw CommandRejected.invalid(
      'corrected',
      `the ${population} window would end (${changed.window.end}) before it starts`,
    );
  }
  checkConsistency('corrected', changed, calendar.schoolYear);
  return [event];
}
