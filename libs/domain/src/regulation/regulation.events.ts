import { schoolYearCalendarEvents } from './calendars/calendar.events';
import { regulatoryTextEvents } from './texts/text.events';

/** Every event type of the regulation context, for the catalogue (docs/ARCHITECTURE.md). */
export const regulationEvents = [...regulatoryTextEvents, ...schoolYearCalendarEvents];
export const REGULATION_EVENT_TYPES = regulationEvents.map((definition) => definition.type);
