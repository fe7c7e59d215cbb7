import { type Static, Type } from '@sinclair/typebox';
import { defineEvent, type EventDefinition } from '../../shared/event-catalogue';
import { SealedPersonalDataSchema } from '../../privacy/sealed-personal-data';
import { CertificationResultSchema } from './certification-result';

/** One stream per session: `session-<sessionId>`; metadata.schoolYear is the session's year. */
export const SESSION_CATEGORY = 'session';
export const sessionStream = (sessionId: string) => `${SESSION_CATEGORY}-${sessionId}`;

const IsoDateSchema = (description: string) =>
  Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: `${description} (YYYY-MM-DD, Europe/Paris)`,
  });
const InstantSchema = (description: string) => Type.String({ format: 'date-time', description });

export const ABORT_REASONS = ['candidate', 'technical'] as const;
export type AbortReason = (typeof ABORT_REASONS)[number];
export const TRANSMISSION_CHANNELS = ['LSU', 'LSL', 'Parcoursup'] as const;
export type TransmissionChannel = (typeof TRANSMISSION_CHANNELS)[number];
/** Pix's CertificationIssueReportCategory (DOMAIN.md §4.1). */
export const ISSUE_CATEGORIES = [
  'OTHER',
  'CANDIDATE_INFORMATIONS_CHANGES',
  'SIGNATURE_ISSUE',
  'CONNECTION_OR_END_SCREEN',
  'IN_CHALLENGE',
  'FRAUD',
  'TECHNICAL_PROBLEM',
  'NON_BLOCKING_CANDIDATE_ISSUE',
  'NON_BLOCKING_TECHNICAL_ISSUE',
  'LATE_OR_LEAVING',
] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

/** Personal data, kept in one object so it can be encrypted per pupil (crypto-shredding). */
export const CandidateIdentitySchema = Type.Object(
  {
    lastName: Type.String({ minLength: 1 }),
    firstName: Type.String({ minLength: 1 }),
    birthDate: IsoDateSchema('Birth date'),
  },
  { additionalProperties: false, description: 'Personal data of the candidate' },
);
export type CandidateIdentity = Static<typeof CandidateIdentitySchema>;

const ids = { sessionId: Type.String(), candidateId: Type.String() };

export const SessionScheduled = defineEvent({
  type: 'SessionScheduled',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'An establishment scheduled a certification session for one population (Pix Certif).',
  schema: Type.Object(
    {
      sessionId: Type.String(),
      uai: Type.String({ description: 'Establishment (certification centre) UAI' }),
      population: literals(['LYC', 'COL'] as const),
      date: IsoDateSchema('Session date'),
      time: Type.Union([Type.String({ pattern: '^\\d{2}:\\d{2}$' }), Type.Null()], {
        description:
          'Start time, Europe/Paris; null when the source did not give it (a results export)',
      }),
    },
    { additionalProperties: false },
  ),
});

/** CandidateEnrolled as deciders see it: INE and identity in clear (the log holds them sealed). */
export const CandidateEnrolledOpenedSchema = Type.Object(
  {
    ...ids,
    ine: Type.String({ description: 'INE (RNIE, BEA or apprentissage format)' }),
    identity: CandidateIdentitySchema,
  },
  { additionalProperties: false },
);

export const CandidateEnrolled = defineEvent({
  type: 'CandidateEnrolled',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'A pupil was enrolled as a candidate of the session. INE and identity are personal data: ' +
    "recorded sealed with the pupil's key (see SealedPersonalData).",
  schema: Type.Object(
    { ...ids, personalData: SealedPersonalDataSchema },
    { additionalProperties: false },
  ),
});

export const CertificationStarted = defineEvent({
  type: 'CertificationStarted',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description: "The candidate's certification test started.",
  schema: Type.Object(
    { ...ids, startedAt: InstantSchema('When it started') },
    { additionalProperties: false },
  ),
});

export const CertificationCompleted = defineEvent({
  type: 'CertificationCompleted',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description: 'The candidate answered to the end of the test.',
  schema: Type.Object(
    { ...ids, completedAt: InstantSchema('When it ended') },
    { additionalProperties: false },
  ),
});

export const CertificationAborted = defineEvent({
  type: 'CertificationAborted',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'The test stopped before its end, for a reason on the candidate side or a technical one.',
  schema: Type.Object(
    { ...ids, reason: literals(ABORT_REASONS), abortedAt: InstantSchema('When it stopped') },
    { additionalProperties: false },
  ),
});

export const CertificationEndedByInvigilator = defineEvent({
  type: 'CertificationEndedByInvigilator',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description: 'The invigilator ended the test; an abort reason is still due at finalisation.',
  schema: Type.Object(
    { ...ids, endedAt: InstantSchema('When it was ended') },
    { additionalProperties: false },
  ),
});

export const CertificationIssueReported = defineEvent({
  type: 'CertificationIssueReported',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'An issue (signalement) was reported during the session, for one candidate or the room.',
  schema: Type.Object(
    {
      sessionId: Type.String(),
      candidateId: Type.Union([Type.String(), Type.Null()]),
      category: literals(ISSUE_CATEGORIES),
      description: Type.Union([Type.String(), Type.Null()]),
    },
    { additionalProperties: false },
  ),
});

export const SessionFinalised = defineEvent({
  type: 'SessionFinalised',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'The establishment finalised the session on Pix Certif; every unfinished test got an abort reason. ' +
    'A finalisation after a deadline is recorded all the same and flagged by the compliance views.',
  schema: Type.Object(
    {
      sessionId: Type.String(),
      finalisedOn: IsoDateSchema('Day of the finalisation'),
      abortReasons: Type.Array(
        Type.Object(
          { candidateId: Type.String(), reason: literals(ABORT_REASONS) },
          { additionalProperties: false },
        ),
      ),
      examinerGlobalComment: Type.Union([Type.String(), Type.Null()]),
      hasIncident: Type.Boolean(),
      hasJoiningIssue: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
});

export const SessionUnfinalised = defineEvent({
  type: 'SessionUnfinalised',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description: 'The finalisation was undone (only possible before publication).',
  schema: Type.Object(
    { sessionId: Type.String(), reason: Type.String() },
    { additionalProperties: false },
  ),
});

export const CertificationScored = defineEvent({
  type: 'CertificationScored',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'The first version of a candidate result. `origin: import` means it came from a Pix Certif ' +
    "results export, where the test itself was run; `publishedOn` is then the export's publication day.",
  schema: Type.Object(
    {
      ...ids,
      version: Type.Literal(1),
      result: CertificationResultSchema,
      origin: literals(['pix', 'import'] as const),
      publishedOn: Type.Union([IsoDateSchema('Published on Pix'), Type.Null()]),
    },
    { additionalProperties: false },
  ),
});

export const CertificationRescored = defineEvent({
  type: 'CertificationRescored',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'A new version of the result (neutralisation, jury, script, corrected import); the old one stays.',
  schema: Type.Object(
    {
      ...ids,
      version: Type.Integer({ minimum: 2 }),
      result: CertificationResultSchema,
      reason: Type.String(),
    },
    { additionalProperties: false },
  ),
});

export const CertificationCancelled = defineEvent({
  type: 'CertificationCancelled',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'The result was cancelled: a new version with status cancelled, the previous one kept.',
  schema: Type.Object(
    { ...ids, version: Type.Integer({ minimum: 2 }), reason: Type.String() },
    { additionalProperties: false },
  ),
});

export const SessionResultsPublished = defineEvent({
  type: 'SessionResultsPublished',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description: "The session's results were published to the candidates.",
  schema: Type.Object(
    { sessionId: Type.String(), publishedOn: IsoDateSchema('Day of publication') },
    { additionalProperties: false },
  ),
});

export const SessionResultsUnpublished = defineEvent({
  type: 'SessionResultsUnpublished',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description: 'The publication was withdrawn.',
  schema: Type.Object(
    { sessionId: Type.String(), reason: Type.String() },
    { additionalProperties: false },
  ),
});

export const SessionResultsTransmitted = defineEvent({
  type: 'SessionResultsTransmitted',
  category: SESSION_CATEGORY,
  schemaVersion: 1,
  description:
    'The results went to a livret scolaire (LSU for collège, LSL for lycée) or to Parcoursup.',
  schema: Type.Object(
    {
      sessionId: Type.String(),
      channel: literals(TRANSMISSION_CHANNELS),
      transmittedOn: IsoDateSchema('Day of transmission'),
    },
    { additionalProperties: false },
  ),
});

export const sessionEventDefinitions = [
  SessionScheduled,
  CandidateEnrolled,
  CertificationStarted,
  CertificationCompleted,
  CertificationAborted,
  CertificationEndedByInvigilator,
  CertificationIssueReported,
  SessionFinalised,
  SessionUnfinalised,
  CertificationScored,
  CertificationRescored,
  CertificationCancelled,
  SessionResultsPublished,
  SessionResultsUnpublished,
  SessionResultsTransmitted,
];

type Data<D extends EventDefinition> = Static<D['schema']>;

export type SessionEvent =
  | { type: 'SessionScheduled'; data: Data<typeof SessionScheduled> }
  | { type: 'CandidateEnrolled'; data: Static<typeof CandidateEnrolledOpenedSchema> }
  | { type: 'CertificationStarted'; data: Data<typeof CertificationStarted> }
  | { type: 'CertificationCompleted'; data: Data<typeof CertificationCompleted> }
  | { type: 'CertificationAborted'; data: Data<typeof CertificationAborted> }
  | { type: 'CertificationEndedByInvigilator'; data: Data<typeof CertificationEndedByInvigilator> }
  | { type: 'CertificationIssueReported'; data: Data<typeof CertificationIssueReported> }
  | { type: 'SessionFinalised'; data: Data<typeof SessionFinalised> }
  | { type: 'SessionUnfinalised'; data: Data<typeof SessionUnfinalised> }
  | { type: 'CertificationScored'; data: Data<typeof CertificationScored> }
  | { type: 'CertificationRescored'; data: Data<typeof CertificationRescored> }
  | { type: 'CertificationCancelled'; data: Data<typeof CertificationCancelled> }
  | { type: 'SessionResultsPublished'; data: Data<typeof SessionResultsPublished> }
  | { type: 'SessionResultsUnpublished'; data: Data<typeof SessionResultsUnpublished> }
  | { type: 'SessionResultsTransmitted'; data: Data<typeof SessionResultsTransmitted> };
