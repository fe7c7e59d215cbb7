import type { CalendarItemChange } from '../calendars/calendar.events';
import type { SchoolYearCalendarEvent } from '../calendars/calendar.events';
import type { RegulatoryTextEvent } from '../texts/text.events';

/** One line an auditor can read in a text's or a calendar's history. */
export function summarise(event: RegulatoryTextEvent | SchoolYearCalendarEvent): string {
  switch (event.type) {
    case 'RegulatoryTextPublished': {
      const { title, inForceFrom, rules, publishedIn } = event.data;
      return `Published${publishedIn ? ` (${publishedIn})` : ''}: ${title}; in force from ${inForceFrom}; ${rules.length} rule(s)`;
    }
    case 'RegulatoryTextAmended':
      return `Amended on ${event.data.amendedOn}${event.data.amendingTextId ? ` by ${event.data.amendingTextId}` : ''}: ${event.data.changes
        .map((c) =>
          c.op === 'set'
            ? `${c.rule.key}${c.rule.population ? `[${c.rule.population}]` : ''} = ${JSON.stringify(c.rule.value)} from ${c.rule.inForceFrom}`
            : `${c.key}${c.population ? `[${c.population}]` : ''} removed from ${c.inForceFrom}`,
        )
        .join('; ')}`;
    case 'RegulatoryTextAbrogated':
      return `${event.data.ruleKeys ? `Rules ${event.data.ruleKeys.join(', ')}` : 'Whole text'} abrogated from ${event.data.from} by ${event.data.byTextId}`;
    case 'RegulatoryTextErratumRecorded':
    case 'SchoolYearCalendarErratumRecorded': {
      const where = 'population' in event.data ? `${event.data.population} ` : '';
      return `Erratum: ${where}${event.data.field} was written ${JSON.stringify(event.data.asWritten)}, corrected to ${JSON.stringify(event.data.corrected)}`;
    }
    case 'SchoolYearCalendarPublished':
      return `Published on ${event.data.publishedOn}: ${event.data.items.map(describeItem).join('; ')}`;
    case 'SchoolYearCalendarAmended':
      return `Amended on ${event.data.amendedOn}${event.data.textId ? ` (${event.data.textId})` : ''}: ${event.data.changes.map(describeItem).join('; ')}`;
    case 'AcademieCalendarNarrowed':
      return `Académie ${event.data.academie} (${event.data.textId}) set ${event.data.population} ${event.data.window.start} → ${event.data.window.end}${
        event.data.finalisationDeadline
          ? `, finalisation by ${event.data.finalisationDeadline}`
          : ''
      }`;
  }
}

function describeItem(item: CalendarItemChange): string {
  const parts: string[] = [];
  if (item.window) parts.push(`${item.window.start} → ${item.window.end}`);
  if (item.mandatory !== undefined) parts.push(item.mandatory ? 'mandatory' : 'optional');
  if (item.finalisationDeadline) parts.push(`finalisation by ${item.finalisationDeadline}`);
  if (item.catchUp) parts.push(`catch-up ${item.catchUp.start} → ${item.catchUp.end}`);
  if (item.parcoursupTransmissionDate) parts.push(`Parcoursup ${item.parcoursupTransmissionDate}`);
  if (item.textId) parts.push(`set by ${item.textId}`);
  for (const field of ['finalisationDeadline', 'catchUp', 'parcoursupTransmissionDate'] as const) {
    if (item[field] === null) parts.push(`${field} removed`);
  }
  return `${item.population} ${parts.join(', ')}`;
}
