import type { SchoolYearCalendarCommand } from './calendars/calendar.commands';
import { schoolYearCalendarDecider } from './calendars/calendar.decider';
import { type SchoolYearCalendarEvent, YEAR_CALENDAR_CATEGORY } from './calendars/calendar.events';
import type { SchoolYearCalendarState } from './calendars/calendar.state';
import { regulatoryTextDecider } from './texts/text.decider';
import type { RegulatoryTextCommand, TextReference } from './texts/text.commands';
import { REGULATION_TEXT_CATEGORY, type RegulatoryTextEvent } from './texts/text.events';
import type { RegulatoryText, RegulatoryTextState } from './texts/text.state';

export type RegulationCommand = RegulatoryTextCommand | SchoolYearCalendarCommand;

type WithoutReferences<T> = T extends unknown ? Omit<T, 'referencedTexts'> : never;

/** A command before the texts it names are resolved (the seeded history, an HTTP body). */
export type UnresolvedRegulationCommand = WithoutReferences<RegulationCommand>;

/** Other texts a command names: the caller resolves them into `referencedTexts` before deciding. */
export function referencedTextIds(command: UnresolvedRegulationCommand): string[] {
  const ids: Array<string | undefined> = [];
  switch (command.type) {
    case 'AmendRegulatoryText':
      ids.push(command.amendingTextId);
      break;
    case 'AbrogateRegulatoryText':
      ids.push(command.byTextId);
      break;
    case 'PublishSchoolYearCalendar':
      ids.push(...command.items.map((item) => item.textId));
      break;
    case 'AmendSchoolYearCalendar':
      ids.push(command.textId, ...command.changes.map((change) => change.textId));
      break;
    case 'NarrowAcademieCalendar':
      ids.push(command.textId);
      break;
  }
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length > 0))];
}

/** The stream a command writes to. */
export function regulationStreamOf(command: UnresolvedRegulationCommand): string {
  return 'schoolYear' in command
    ? `${YEAR_CALENDAR_CATEGORY}-${command.schoolYear}`
    : `${REGULATION_TEXT_CATEGORY}-${command.textId}`;
}

/** What a command needs to know about a text, from the text as recorded. */
export function textReference(text: RegulatoryText): TextReference {
  return { textId: text.textId, kind: text.kind, scope: text.scope, inForceFrom: text.inForceFrom };
}

/** Adds the texts the command names, as `lookup` finds them (unknown ones stay absent). */
export function withReferences(
  command: UnresolvedRegulationCommand,
  lookup: (textId: string) => RegulatoryText | null | undefined,
): RegulationCommand {
  const referencedTexts: Record<string, TextReference> = {};
  for (const id of referencedTextIds(command)) {
    const text = lookup(id);
    if (text) referencedTexts[id] = textReference(text);
  }
  return { ...command, referencedTexts } as RegulationCommand;
}

/** Decides a regulation command against the state of its stream (for in-memory replays). */
export function decideRegulation(
  command: RegulationCommand,
  calendarOf: (schoolYear: string) => SchoolYearCalendarState | undefined,
  textOf: (textId: string) => RegulatoryTextState | undefined,
): ReadonlyArray<RegulatoryTextEvent | SchoolYearCalendarEvent> {
  return 'schoolYear' in command
    ? schoolYearCalendarDecider.decide(command, calendarOf(command.schoolYear) ?? null)
    : regulatoryTextDecider.decide(command, textOf(command.textId) ?? null);
}
