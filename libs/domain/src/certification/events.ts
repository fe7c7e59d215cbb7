import type { EventDefinition } from '../shared/event-catalogue';
import { attestation6eEventDefinitions } from './attestation6e/attestation6e.events';
import { establishmentEventDefinitions } from './establishment/establishment.events';
import { sessionEventDefinitions } from './session/session.events';

/** Every event of the certification context, for the catalogue (catalogue.ts). */
export const certificationEventDefinitions: EventDefinition[] = [
  ...establishmentEventDefinitions,
  ...sessionEventDefinitions,
  ...attestation6eEventDefinitions,
];
