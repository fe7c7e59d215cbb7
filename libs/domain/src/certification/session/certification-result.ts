import { type Static, Type } from '@sinclair/typebox';
import {
  COMPETENCE_CODES,
  COMPETENCE_LEVEL_MAX,
  COMPETENCE_LEVEL_MIN,
  COMPETENCE_SCORE_MAX,
} from '../reference/competences';

/**
 * A certification result as Pix keeps it (DOMAIN.md §3.2, §3.5, §4.1 AssessmentResult and
 * CompetenceMark): kept verbatim, including the ceilings reachable on that date, because the
 * maximum level and score changed over the years.
 */
export const RESULT_STATUSES = [
  'validated',
  'rejected',
  'error',
  'cancelled',
  'cancelled_by_jury',
] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];
export const CERTIFICATION_FORMATS = ['v2', 'v3'] as const;
export type CertificationFormat = (typeof CERTIFICATION_FORMATS)[number];

export const CompetenceMarkSchema = Type.Object(
  {
    code: Type.String({ description: 'CRCN competence code, 1.1 to 5.2' }),
    level: Type.Integer({ minimum: COMPETENCE_LEVEL_MIN, maximum: COMPETENCE_LEVEL_MAX }),
    score: Type.Union([Type.Integer({ minimum: 0, maximum: COMPETENCE_SCORE_MAX }), Type.Null()], {
      description: 'Pix within the competence; null when the source gave only the level',
    }),
  },
  { additionalProperties: false },
);
export type CompetenceMark = Static<typeof CompetenceMarkSchema>;

export const CertificationResultSchema = Type.Object(
  {
    status: Type.Union(RESULT_STATUSES.map((s) => Type.Literal(s))),
    pixScore: Type.Integer({ minimum: 0 }),
    format: Type.Union(CERTIFICATION_FORMATS.map((f) => Type.Literal(f))),
    competences: Type.Array(CompetenceMarkSchema, { minItems: 16, maxItems: 16 }),
    maxReachableLevel: Type.Integer({ minimum: 1, maximum: COMPETENCE_LEVEL_MAX }),
    maxReachableScore: Type.Integer({ minimum: 0 }),
    reproducibilityRate: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    verificationCode: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type CertificationResult = Static<typeof CertificationResultSchema>;

export interface FieldProblem {
  field: string;
  reason: string;
}

const isInt = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** The first thing wrong with a result, naming the field (`result.competences[1.2].level`). */
export function certificationResultProblem(
  result: CertificationResult,
  prefix = 'result',
): FieldProblem | undefined {
  const at = (field: string, reason: string) => ({ field: `${prefix}.${field}`, reason });
  if (!RESULT_STATUSES.includes(result.status))
    return at('status', `must be one of ${RESULT_STATUSES.join(', ')}`);
  if (!CERTIFICATION_FORMATS.includes(result.format)) return at('format', 'must be v2 or v3');
  if (!isInt(result.pixScore, 0)) return at('pixScore', 'must be an integer ≥ 0');
  if (!isInt(result.maxReachableLevel, 1, COMPETENCE_LEVEL_MAX)) {
    return at('maxReachableLevel', `must be an integer from 1 to ${COMPETENCE_LEVEL_MAX}`);
  }
  if (!isInt(result.maxReachableScore, 0)) return at('maxReachableScore', 'must be an integer ≥ 0');
  if (result.pixScore > result.maxReachableScore) {
    return at(
      'pixScore',
      `${result.pixScore} is above the maximum reachable score ${result.maxReachableScore}`,
    );
  }
  if (
    result.reproducibilityRate !== undefined &&
    !(
      typeof result.reproducibilityRate === 'number' &&
      result.reproducibilityRate >= 0 &&
      result.reproducibilityRate <= 100
    )
  ) {
    return at('reproducibilityRate', 'must be a percentage from 0 to 100');
  }
  if (
    result.verificationCode !== undefined &&
    !/^[A-Za-z0-9-]{1,32}$/.test(result.verificationCode)
  ) {
    return at('verificationCode', 'must be letters, digits and dashes (at most 32)');
  }
  if (!Array.isArray(result.competences) || result.competences.length !== COMPETENCE_CODES.length) {
    return at('competences', `must list the ${COMPETENCE_CODES.length} competences 1.1 to 5.2`);
  }
  const seen = new Set<string>();
  for (const mark of result.competences) {
    if (!(COMPETENCE_CODES as readonly string[]).includes(mark.code)) {
      return at('competences', `unknown competence code "${mark.code}"`);
    }
    if (seen.has(mark.code)) return at('competences', `competence ${mark.code} is listed twice`);
    seen.add(mark.code);
    if (!isInt(mark.level, COMPETENCE_LEVEL_MIN, COMPETENCE_LEVEL_MAX)) {
      return at(
        `competences[${mark.code}].level`,
        `must be an integer from ${COMPETENCE_LEVEL_MIN} to ${COMPETENCE_LEVEL_MAX}, got ${String(mark.level)}`,
      );
    }
    if (mark.score !== null && !isInt(mark.score, 0, COMPETENCE_SCORE_MAX)) {
      return at(
        `competences[${mark.code}].score`,
        `must be an integer from 0 to ${COMPETENCE_SCORE_MAX} or null`,
      );
    }
  }
  return undefined;
}

/** Same values, whatever the order of the competence marks. */
export function sameResult(a: CertificationResult, b: CertificationResult): boolean {
  return canonicalResult(a) === canonicalResult(b);
}

function canonicalResult(result: CertificationResult): string {
  const competences = [...result.competences].sort((x, y) => x.code.localeCompare(y.code));
  return JSON.stringify([
    result.status,
    result.pixScore,
    result.format,
    competences.map(({ code, level, score }) => [code, level, score]),
    result.maxReachableLevel,
    result.maxReachableScore,
    result.reproducibilityRate ?? null,
    result.verificationCode ?? null,
  ]);
}
