import { certificationEventDefinitions } from './certification/events';
import { integrationEventDefinitions } from './integrations';
import { privacyEventDefinitions } from './privacy';
import { regulationEvents } from './regulation/regulation.events';
import type { EventDefinition } from './shared/event-catalogue';

/**
 * Every event type the system records, from every bounded context: the AsyncAPI document
 * (docs/asyncapi.yaml) is generated from this list. Add one spread line per context.
 */
export const eventCatalogue: EventDefinition[] = [
  ...integrationEventDefinitions,
  ...certificationEventDefinitions,
  ...regulationEvents,
  ...privacyEventDefinitions,
];
