import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from '../../shared/event-catalogue';
import {
  ConfidenceSchema,
  IsoDateSchema,
  PopulationSchema,
  RuleEnactmentSchema,
  SourceSchema,
  TextKindSchema,
  TextScopeSchema,
} from '../schemas';

/** Events of one regulatory text, in its stream `regulationText-<textId>`. */
export const REGULATION_TEXT_CATEGORY = 'regulationText';

export const RegulatoryTextPublished = defineEvent({
  type: 'RegulatoryTextPublished',
  category: REGULATION_TEXT_CATEGORY,
  schemaVersion: 1,
  description:
    'A décret, arrêté, note de service, note DGESCO, circulaire académique or loi was published, with the rules it enacts.',
  schema: Type.Object({
    textId: Type.String(),
    kind: TextKindSchema,
    title: Type.String({ minLength: 1 }),
    signedOn: Type.Optional(IsoDateSchema),
    publishedOn: Type.Optional(IsoDateSchema),
    publishedIn: Type.Optional(
      Type.String({ description: 'Where: JO/BO and number, or the académie letter' }),
    ),
    nor: Type.Optional(Type.String()),
    issuer: Type.String({ minLength: 1 }),
    scope: TextScopeSchema,
    inForceFrom: IsoDateSchema,
    source: SourceSchema,
    confidence: ConfidenceSchema,
    note: Type.Optional(Type.String()),
    rules: Type.Array(RuleEnactmentSchema),
  }),
});

export const RuleChangeSchema = Type.Union([
  Type.Object({ op: Type.Literal('set'), rule: RuleEnactmentSchema }),
  Type.Object({
    op: Type.Literal('remove'),
    key: Type.String(),
    population: Type.Optional(PopulationSchema),
    inForceFrom: IsoDateSchema,
  }),
]);

export const RegulatoryTextAmended = defineEvent({
  type: 'RegulatoryTextAmended',
  category: REGULATION_TEXT_CATEGORY,
  schemaVersion: 1,
  description:
    'Rules of a text were added, changed or removed, each change from its own inForceFrom.',
  schema: Type.Object({
    textId: Type.String(),
    amendedOn: IsoDateSchema,
    amendingTextId: Type.Optional(Type.String()),
    changes: Type.Array(RuleChangeSchema, { minItems: 1 }),
    source: SourceSchema,
    confidence: ConfidenceSchema,
    note: Type.Optional(Type.String()),
  }),
});

export const RegulatoryTextAbrogated = defineEvent({
  type: 'RegulatoryTextAbrogated',
  category: REGULATION_TEXT_CATEGORY,
  schemaVersion: 1,
  description: 'A text was abrogated by another one from a date: wholly, or only the listed rules.',
  schema: Type.Object({
    textId: Type.String(),
    byTextId: Type.String(),
    from: IsoDateSchema,
    ruleKeys: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    source: SourceSchema,
    confidence: ConfidenceSchema,
    note: Type.Optional(Type.String()),
  }),
});

export const TEXT_ERRATUM_FIELDS = [
  'title',
  'signedOn',
  'publishedOn',
  'publishedIn',
  'nor',
] as const;
export type TextErratumField = (typeof TEXT_ERRATUM_FIELDS)[number];

export const RegulatoryTextErratumRecorded = defineEvent({
  type: 'RegulatoryTextErratumRecorded',
  category: REGULATION_TEXT_CATEGORY,
  schemaVersion: 1,
  description:
    'A fact about a text was recorded as its source wrote it, wrongly; keeps the original and the correction.',
  schema: Type.Object({
    textId: Type.String(),
    field: Type.Union(TEXT_ERRATUM_FIELDS.map((field) => Type.Literal(field))),
    asWritten: Type.String(),
    corrected: Type.String(),
    source: SourceSchema,
    confidence: ConfidenceSchema,
    note: Type.Optional(Type.String()),
  }),
});

export type RuleEnactment = Static<typeof RuleEnactmentSchema>;
export type RuleChange = Static<typeof RuleChangeSchema>;
export type RegulatoryTextPublishedData = Static<typeof RegulatoryTextPublished.schema>;
export type RegulatoryTextAmendedData = Static<typeof RegulatoryTextAmended.schema>;
export type RegulatoryTextAbrogatedData = Static<typeof RegulatoryTextAbrogated.schema>;
export type RegulatoryTextErratumRecordedData = Static<typeof RegulatoryTextErratumRecorded.schema>;

export type RegulatoryTextEvent =
  | { type: 'RegulatoryTextPublished'; data: RegulatoryTextPublishedData }
  | { type: 'RegulatoryTextAmended'; data: RegulatoryTextAmendedData }
  | { type: 'RegulatoryTextAbrogated'; data: RegulatoryTextAbrogatedData }
  | { type: 'RegulatoryTextErratumRecorded'; data: RegulatoryTextErratumRecordedData };

export const regulatoryTextEvents = [
  RegulatoryTextPublished,
  RegulatoryTextAmended,
  RegulatoryTextAbrogated,
  RegulatoryTextErratumRecorded,
];
