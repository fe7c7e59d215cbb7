import { type Population, POPULATIONS } from './vocabulary';

/**
 * The rule catalogue: every rule a text can enact, under a stable key. What changes over time is
 * never code (`if (year >= 2024)`), it is the value a text gives a key from a date. Each entry
 * says what the key means, its unit, which populations it concerns, and which texts of the
 * seeded history set it (history/regulatory-history.v1.ts).
 */
export type RuleValueType = 'integer' | 'boolean' | 'enum' | 'text';
export type RuleValue = number | string | boolean;

export interface RuleDefinition {
  meaning: string;
  unit: 'count' | 'level' | 'minutes' | 'percent' | 'pix' | 'years' | 'flag' | 'choice' | 'text';
  valueType: RuleValueType;
  /** For enums: the values the key may take. */
  allowed?: readonly string[];
  /** Populations the rule concerns (a query for another population ignores it). */
  appliesTo: readonly Population[];
  /** 'required': each enactment names one population (its value differs per population). */
  perPopulation: 'required' | 'never';
  /** Texts of the seeded history that set or change it (documentation only). */
  setBy: readonly string[];
}

const CERTIFIED: readonly Population[] = ['LYC', 'COL'];

export const RULE_CATALOGUE = {
  'crcn.domains': {
    meaning: 'Domains of the cadre de référence des compétences numériques (D.121-1 annexe)',
    unit: 'count',
    valueType: 'integer',
    appliesTo: POPULATIONS,
    perPopulation: 'never',
    setBy: ['decret-2019-919'],
  },
  'crcn.competences': {
    meaning: 'Competences of the CRCN',
    unit: 'count',
    valueType: 'integer',
    appliesTo: POPULATIONS,
    perPopulation: 'never',
    setBy: ['decret-2019-919'],
  },
  'crcn.levels': {
    meaning: 'Mastery levels per competence in the CRCN',
    unit: 'level',
    valueType: 'integer',
    appliesTo: POPULATIONS,
    perPopulation: 'never',
    setBy: ['decret-2019-919'],
  },
  'evaluation.bilanClasses': {
    meaning: 'Classes in which teams make a bilan of the mastery levels (comma-separated)',
    unit: 'text',
    valueType: 'text',
    appliesTo: POPULATIONS,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-evaluation'],
  },
  'certification.issuer': {
    meaning: 'Body that issues the certification online',
    unit: 'text',
    valueType: 'text',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.organiser': {
    meaning: 'Who organises the passation in the establishment',
    unit: 'text',
    valueType: 'text',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.agriculturalEstablishments': {
    meaning: 'Agricultural establishments fall under the Pix certification',
    unit: 'flag',
    valueType: 'boolean',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2020-03-02-agricole'],
  },
  'certification.mandatory': {
    meaning: 'The certification is mandatory for the population (false: optional sessions only)',
    unit: 'flag',
    valueType: 'boolean',
    appliesTo: CERTIFIED,
    perPopulation: 'required',
    setBy: [
      'arrete-2019-08-30-certification',
      'note-dgesco-2020-12-10',
      'note-de-service-2024-10-23',
    ],
  },
  'certification.format': {
    meaning:
      'Certification format: v2 (questions from the positioning profile) or v3 (adaptive test)',
    unit: 'choice',
    valueType: 'enum',
    allowed: ['v2', 'v3'],
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.threshold.minCompetences': {
    meaning: 'Certifiability: minimum number of competences at or above the minimum level',
    unit: 'count',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.threshold.minLevel': {
    meaning: 'Certifiability: the level those competences must reach',
    unit: 'level',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.durationMinutes': {
    meaning: 'Duration of the certification test (without accommodations)',
    unit: 'minutes',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.questionsPerCompetence': {
    meaning: 'Questions asked per competence of the profile (v2 only)',
    unit: 'count',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.questionCount.min': {
    meaning: 'Fewest questions in one certification test',
    unit: 'count',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.questionCount.max': {
    meaning: 'Most questions in one certification test',
    unit: 'count',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.minReproducibilityRatePercent': {
    meaning: 'v2 scoring: below this rate of correct answers the certification is rejected',
    unit: 'percent',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.pixPerLevel': {
    meaning: 'Pix points per level of one competence',
    unit: 'pix',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.maxReachableLevel': {
    meaning: 'Highest level a competence can be certified at',
    unit: 'level',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.maxScore': {
    meaning: 'Highest reachable global score',
    unit: 'pix',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.validityYears': {
    meaning: 'Validity of a certificate, printed on it while the rule is in force',
    unit: 'years',
    valueType: 'integer',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification'],
  },
  'certification.diplomaImpact': {
    meaning: 'Effect of the certification on national diplomas (DNB, CFG, CAP, baccalauréat…)',
    unit: 'choice',
    valueType: 'enum',
    allowed: ['none'],
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['note-de-service-2021-12-21'],
  },
  'livret.entryMandatory': {
    meaning: 'The certification is recorded in the livret scolaire (LSU in collège, LSL in lycée)',
    unit: 'flag',
    valueType: 'boolean',
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['arrete-2019-08-30-certification', 'note-de-service-2021-12-21'],
  },
  'livret.entryMode': {
    meaning: 'How results reach LSU/LSL: imported by the establishment, or automatic',
    unit: 'choice',
    valueType: 'enum',
    allowed: ['manual-import', 'automatic'],
    appliesTo: CERTIFIED,
    perPopulation: 'never',
    setBy: ['circulaire-creteil-2022-025'],
  },
  'population.3ePrepaMetiersWindow': {
    meaning: 'Window used by 3e prépa-métiers pupils, whether schooled in a lycée or a collège',
    unit: 'choice',
    valueType: 'enum',
    allowed: ['COL', 'LYC'],
    appliesTo: ['COL'],
    perPopulation: 'never',
    setBy: ['circulaire-creteil-2022-025'],
  },
  'parcoursup.transmissionMode': {
    meaning:
      'How the result reaches Parcoursup: declared in the pupil file, or sent by Pix automatically',
    unit: 'choice',
    valueType: 'enum',
    allowed: ['pupil-declared', 'automatic'],
    appliesTo: ['LYC'],
    perPopulation: 'never',
    setBy: ['circulaire-creteil-2022-025', 'note-de-service-2024-10-23'],
  },
  'attestation6e.mandatory': {
    meaning: 'Every 6e pupil takes the "Pix 6e" awareness attestation (art. L.312-9)',
    unit: 'flag',
    valueType: 'boolean',
    appliesTo: ['6E'],
    perPopulation: 'never',
    setBy: ['note-de-service-2024-10-23'],
  },
  'attestation6e.renewedAtEndOfCollege': {
    meaning:
      'The awareness attestation is renewed at the end of collège (S1: by the 3e certification)',
    unit: 'flag',
    valueType: 'boolean',
    appliesTo: ['6E'],
    perPopulation: 'never',
    setBy: ['loi-2024-449', 'note-de-service-2024-10-23'],
  },
  'attestation6e.passMarkPercent': {
    meaning: 'Score from which the 6e attestation is obtained',
    unit: 'percent',
    valueType: 'integer',
    appliesTo: ['6E'],
    perPopulation: 'never',
    setBy: ['calendrier-national-2025-2026'],
  },
} as const satisfies Record<string, RuleDefinition>;

export type RuleKey = keyof typeof RULE_CATALOGUE;
export const RULE_KEYS = Object.keys(RULE_CATALOGUE) as RuleKey[];

export function isRuleKey(key: unknown): key is RuleKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(RULE_CATALOGUE, key);
}

export function ruleDefinition(key: RuleKey): RuleDefinition {
  return RULE_CATALOGUE[key];
}

/** Why a value does not fit the key, or undefined when it does. */
export function ruleValueProblem(key: RuleKey, value: unknown): string | undefined {
  const definition: RuleDefinition = RULE_CATALOGUE[key];
  switch (definition.valueType) {
    case 'integer':
      return Number.isInteger(value) && (value as number) >= 0
        ? undefined
        : `${key} takes a whole number ≥ 0`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${key} takes true or false`;
    case 'enum':
      return typeof value === 'string' && definition.allowed?.includes(value)
        ? undefined
        : `${key} takes one of ${definition.allowed?.join(', ')}`;
    case 'text':
      return typeof value === 'string' && value.trim().length > 0
        ? undefined
        : `${key} takes a non-empty text`;
  }
}
