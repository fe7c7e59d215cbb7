import { type Static, Type } from '@sinclair/typebox';
import { defineEvent, type EventDefinition } from '../../shared/event-catalogue';
import { SealedPersonalDataSchema } from '../../privacy/sealed-personal-data';
import { CandidateIdentitySchema } from '../session/session.events';

/**
 * The "Pix 6e" attestation runs through Pix Orga campaigns, not sessions (DOMAIN.md §3.6).
 * One stream per establishment and school year, `attestation6e-<UAI>-<schoolYear>`, so that
 * no pupil identifier appears in a stream name; each event names the pupil by an opaque
 * `pupilId` (e.g. the Pix Orga learner id) and metadata.schoolYear is the stream's year.
 */
export const ATTESTATION6E_CATEGORY = 'attestation6e';
export const attestation6eStream = (uai: string, schoolYear: string) =>
  `${ATTESTATION6E_CATEGORY}-${uai}-${schoolYear}`;

const DateSchema = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const scope = { uai: Type.String(), schoolYear: Type.String({ pattern: '^\\d{4}-\\d{4}$' }) };

export const Attestation6eCampaignOpened = defineEvent({
  type: 'Attestation6eCampaignOpened',
  category: ATTESTATION6E_CATEGORY,
  schemaVersion: 1,
  description: 'The collège opened a Pix Orga campaign for one of the 6e parcours.',
  schema: Type.Object(
    {
      ...scope,
      campaignCode: Type.String(),
      parcours: Type.String({ minLength: 1, description: 'Parcours name as given by Pix Orga' }),
      openedOn: DateSchema('Opening day'),
    },
    { additionalProperties: false },
  ),
});

const completion = {
  ...scope,
  campaignCode: Type.String(),
  pupilId: Type.String(),
  completedOn: DateSchema('Completion day'),
  score: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], {
    description: 'Percentage reached, when Pix Orga gives one',
  }),
};

/** The completion as deciders see it: INE and identity in clear (the log holds them sealed). */
export const Attestation6eParcoursCompletedOpenedSchema = Type.Object(
  { ...completion, ine: Type.String(), identity: CandidateIdentitySchema },
  { additionalProperties: false },
);

export const Attestation6eParcoursCompleted = defineEvent({
  type: 'Attestation6eParcoursCompleted',
  category: ATTESTATION6E_CATEGORY,
  schemaVersion: 1,
  description:
    'A 6e pupil completed the parcours of a campaign. INE and identity are personal data: ' +
    "recorded sealed with the pupil's key (see SealedPersonalData).",
  schema: Type.Object(
    { ...completion, personalData: SealedPersonalDataSchema },
    { additionalProperties: false },
  ),
});

const outcome = {
  ...scope,
  pupilId: Type.String(),
  campaignCode: Type.String({ description: 'Campaign whose parcours decided it' }),
  decidedOn: DateSchema('Day of the outcome'),
};

export const Attestation6eObtained = defineEvent({
  type: 'Attestation6eObtained',
  category: ATTESTATION6E_CATEGORY,
  schemaVersion: 1,
  description: 'The pupil obtained the Pix 6e attestation.',
  schema: Type.Object(outcome, { additionalProperties: false }),
});

export const Attestation6eNotObtained = defineEvent({
  type: 'Attestation6eNotObtained',
  category: ATTESTATION6E_CATEGORY,
  schemaVersion: 1,
  description: 'The pupil did not obtain the attestation (a catch-up parcours may still grant it).',
  schema: Type.Object(outcome, { additionalProperties: false }),
});

export const attestation6eEventDefinitions = [
  Attestation6eCampaignOpened,
  Attestation6eParcoursCompleted,
  Attestation6eObtained,
  Attestation6eNotObtained,
];

type Data<D extends EventDefinition> = Static<D['schema']>;
export type Attestation6eEvent =
  | { type: 'Attestation6eCampaignOpened'; data: Data<typeof Attestation6eCampaignOpened> }
  | {
      type: 'Attestation6eParcoursCompleted';
      data: Static<typeof Attestation6eParcoursCompletedOpenedSchema>;
    }
  | { type: 'Attestation6eObtained'; data: Data<typeof Attestation6eObtained> }
  | { type: 'Attestation6eNotObtained'; data: Data<typeof Attestation6eNotObtained> };
