import { type Static, Type } from '@sinclair/typebox';
import { defineEvent, type EventDefinition } from '../../shared/event-catalogue';
import { ESTABLISHMENT_SECTORS, ESTABLISHMENT_TYPES } from '../reference/populations';

/** One stream per establishment: `establishment-<UAI>`. */
export const ESTABLISHMENT_CATEGORY = 'establishment';
export const establishmentStream = (uai: string) => `${ESTABLISHMENT_CATEGORY}-${uai}`;

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
const SinceSchema = Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()], {
  description: 'First day of the membership (valid time); null = since the académie exists',
});

export const EstablishmentRegistered = defineEvent({
  type: 'EstablishmentRegistered',
  category: ESTABLISHMENT_CATEGORY,
  schemaVersion: 1,
  description: 'An establishment (certification centre) was registered with its UAI and académie.',
  schema: Type.Object(
    {
      uai: Type.String({ description: 'UAI, 7 digits and a check letter' }),
      name: Type.String({ minLength: 1 }),
      type: literals(ESTABLISHMENT_TYPES),
      sector: literals(ESTABLISHMENT_SECTORS),
      academie: Type.String({ description: 'Académie code (DOMAIN.md §5.3)' }),
      academieSince: SinceSchema,
    },
    { additionalProperties: false },
  ),
});

export const EstablishmentAcademieChanged = defineEvent({
  type: 'EstablishmentAcademieChanged',
  category: ESTABLISHMENT_CATEGORY,
  schemaVersion: 1,
  description:
    'From a given day the establishment belongs to another académie (e.g. Caen → Normandie on 2020-01-01).',
  schema: Type.Object(
    {
      uai: Type.String(),
      academie: Type.String(),
      since: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    },
    { additionalProperties: false },
  ),
});

export const EstablishmentRenamed = defineEvent({
  type: 'EstablishmentRenamed',
  category: ESTABLISHMENT_CATEGORY,
  schemaVersion: 1,
  description: 'The establishment changed its name (aggregates key on the UAI, never on names).',
  schema: Type.Object(
    { uai: Type.String(), name: Type.String({ minLength: 1 }) },
    { additionalProperties: false },
  ),
});

export const establishmentEventDefinitions = [
  EstablishmentRegistered,
  EstablishmentAcademieChanged,
  EstablishmentRenamed,
];

type Data<D extends EventDefinition> = Static<D['schema']>;
export type EstablishmentEvent =
  | { type: 'EstablishmentRegistered'; data: Data<typeof EstablishmentRegistered> }
  | { type: 'EstablishmentAcademieChanged'; data: Data<typeof EstablishmentAcademieChanged> }
  | { type: 'EstablishmentRenamed'; data: Data<typeof EstablishmentRenamed> };
