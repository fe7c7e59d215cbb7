import { type TLiteral, Type } from '@sinclair/typebox';
import { CONFIDENCES, POPULATIONS, SEED_KEYS, TEXT_KINDS } from './vocabulary';

/** TypeBox pieces shared by the regulation events. */
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)) as TLiteral<T>[]);

export const IsoDateSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD',
});
export const SchoolYearSchema = Type.String({
  pattern: '^\\d{4}-\\d{4}$',
  description: 'YYYY-(YYYY+1)',
});
export const PopulationSchema = literals(POPULATIONS);
export const ConfidenceSchema = literals(CONFIDENCES);
export const TextKindSchema = literals(TEXT_KINDS);
export const AcademieSchema = Type.String({
  pattern: '^\\d{2}$',
  description: 'Académie code (DOMAIN.md §5.3)',
});

export const SourceSchema = Type.Object({
  reference: Type.String({
    minLength: 1,
    description: 'Readable reference: seed, BO/JO, pull request…',
  }),
  seed: Type.Optional(literals(SEED_KEYS)),
  url: Type.Optional(Type.String()),
});

export const TextScopeSchema = Type.Union([
  Type.Object({ level: Type.Literal('national') }),
  Type.Object({ level: Type.Literal('academie'), academie: AcademieSchema }),
]);

export const PeriodSchema = Type.Object({ start: IsoDateSchema, end: IsoDateSchema });

export const RuleValueSchema = Type.Union([Type.Number(), Type.String(), Type.Boolean()]);

export const RuleEnactmentSchema = Type.Object({
  key: Type.String({ description: 'A key of the rule catalogue' }),
  value: RuleValueSchema,
  population: Type.Optional(PopulationSchema),
  inForceFrom: IsoDateSchema,
  /** Exclusive: the first day the rule no longer applies. */
  inForceUntil: Type.Optional(IsoDateSchema),
  source: Type.Optional(SourceSchema),
  confidence: Type.Optional(ConfidenceSchema),
  note: Type.Optional(Type.String()),
});
