import { createHash } from 'node:crypto';
import {
  COMPETENCE_CODES,
  COMPETENCE_LEVEL_MAX,
  COMPETENCE_LEVEL_MIN,
  COMPETENCE_SCORE_MAX,
  type CertificationResult,
  ineProblem,
  isIsoDate,
  isSessionPopulation,
  type ResultStatus,
  type SessionCommand,
  uaiProblem,
} from '@pix-ledger/domain';
import { EXTERNAL_ID } from '../shared/validators';

/**
 * Columns of a results file: the Pix Certif results export (one row per candidate, French
 * headers, `;` separated, dates DD/MM/YYYY, competence levels under 1.1 … 5.2, "-" for a
 * competence not certified) plus what the registry needs and the export lacks (UAI, INE,
 * population, format, ceilings). README "Importing results" documents them.
 */
export const COLUMNS = {
  certificationNumber: 'Numéro de certification',
  firstName: 'Prénom',
  lastName: 'Nom',
  birthDate: 'Date de naissance',
  ine: 'INE',
  status: 'Statut',
  pixScore: 'Nombre de Pix',
  session: 'Session',
  date: 'Date de passage de la certification',
  uai: 'UAI',
  population: 'Population',
  format: 'Format',
  maxReachableLevel: 'Niveau maximal atteignable',
  maxReachableScore: 'Score maximal atteignable',
  // Optional:
  time: 'Heure',
  verificationCode: 'Code de vérification',
  publishedOn: 'Date de publication',
  reproducibilityRate: 'Taux de reproductibilité',
} as const;

const OPTIONAL = new Set<string>([
  COLUMNS.time,
  COLUMNS.verificationCode,
  COLUMNS.publishedOn,
  COLUMNS.reproducibilityRate,
]);

/** Competence levels (required) and scores (optional `Score 1.1` … columns). */
export const scoreColumn = (code: string) => `Score ${code}`;

export const REQUIRED_COLUMNS: readonly string[] = [
  ...Object.values(COLUMNS).filter((c) => !OPTIONAL.has(c)),
  ...COMPETENCE_CODES,
];

export function missingColumns(header: readonly string[]): string[] {
  const present = new Set(header);
  return REQUIRED_COLUMNS.filter((column) => !present.has(column));
}

export type RowCommand = Extract<SessionCommand, { type: 'RecordImportedResult' }>;

export type ParsedRow =
  | { ok: true; command: RowCommand; key: string }
  | { ok: false; column: string; reason: string; sessionId?: string };

const STATUSES: Record<string, ResultStatus> = {
  validated: 'validated',
  validée: 'validated',
  rejected: 'rejected',
  rejetée: 'rejected',
  error: 'error',
  'en erreur': 'error',
  cancelled: 'cancelled',
  annulée: 'cancelled',
  cancelled_by_jury: 'cancelled_by_jury',
  'annulée par le jury': 'cancelled_by_jury',
};

class RowProblem extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(`${column}: ${reason}`);
  }
}

/** DD/MM/YYYY (the export's) or YYYY-MM-DD. */
function day(column: string, value: string): string {
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : value;
  if (!isIsoDate(iso))
    throw new RowProblem(column, `"${value}" is not a date (DD/MM/YYYY or YYYY-MM-DD)`);
  return iso;
}

function integer(
  column: string,
  value: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!/^-?\d+$/.test(value)) throw new RowProblem(column, `"${value}" is not a whole number`);
  const n = Number(value);
  if (n < min || n > max)
    throw new RowProblem(
      column,
      `${n} is outside ${min}..${max === Number.MAX_SAFE_INTEGER ? '' : max}`,
    );
  return n;
}

function required(row: Record<string, string>, column: string): string {
  const value = (row[column] ?? '').trim();
  if (value === '') throw new RowProblem(column, 'is empty');
  return value;
}

const optional = (row: Record<string, string>, column: string) => {
  const value = (row[column] ?? '').trim();
  return value === '' ? null : value;
};

/** One CSV record to the domain command it stands for, or the first problem found. */
export function parseResultRow(row: Record<string, string>): ParsedRow {
  const sessionId = (row[COLUMNS.session] ?? '').trim() || undefined;
  try {
    if (!sessionId || !EXTERNAL_ID.test(sessionId)) {
      throw new RowProblem(COLUMNS.session, 'must be 1 to 64 letters, digits or underscores');
    }
    const candidateId = required(row, COLUMNS.certificationNumber);
    if (!EXTERNAL_ID.test(candidateId)) {
      throw new RowProblem(
        COLUMNS.certificationNumber,
        'must be 1 to 64 letters, digits or underscores',
      );
    }
    const uai = required(row, COLUMNS.uai).toUpperCase();
    const uaiReason = uaiProblem(uai);
    if (uaiReason) throw new RowProblem(COLUMNS.uai, uaiReason);
    const ine = required(row, COLUMNS.ine).toUpperCase();
    const ineReason = ineProblem(ine);
    if (ineReason) throw new RowProblem(COLUMNS.ine, ineReason);
    const population = required(row, COLUMNS.population).toUpperCase();
    if (!isSessionPopulation(population))
      throw new RowProblem(COLUMNS.population, 'must be LYC or COL');
    const date = day(COLUMNS.date, required(row, COLUMNS.date));
    const time = optional(row, COLUMNS.time);
    if (time !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
      throw new RowProblem(COLUMNS.time, 'must be HH:MM');
    const lastName = required(row, COLUMNS.lastName);
    const firstName = required(row, COLUMNS.firstName);
    const birthDate = day(COLUMNS.birthDate, required(row, COLUMNS.birthDate));
    const statusText = required(row, COLUMNS.status);
    const status = STATUSES[statusText.normalize('NFC').toLowerCase()];
    if (!status)
      throw new RowProblem(
        COLUMNS.status,
        `"${statusText}" is not a result status (Validée, Rejetée, En erreur, Annulée…)`,
      );
    const format = required(row, COLUMNS.format).toLowerCase();
    if (format !== 'v2' && format !== 'v3')
      throw new RowProblem(COLUMNS.format, 'must be v2 or v3');
    const competences = COMPETENCE_CODES.map((code) => {
      const cell = required(row, code);
      const level =
        cell === '-'
          ? COMPETENCE_LEVEL_MIN
          : integer(code, cell, COMPETENCE_LEVEL_MIN, COMPETENCE_LEVEL_MAX);
      const scoreCell = optional(row, scoreColumn(code));
      const score =
        scoreCell === null ? null : integer(scoreColumn(code), scoreCell, 0, COMPETENCE_SCORE_MAX);
      return { code, level, score };
    });
    const rate = optional(row, COLUMNS.reproducibilityRate);
    const reproducibilityRate = rate === null ? undefined : Number(rate.replace(',', '.'));
    if (
      reproducibilityRate !== undefined &&
      !(reproducibilityRate >= 0 && reproducibilityRate <= 100)
    ) {
      throw new RowProblem(COLUMNS.reproducibilityRate, 'must be a percentage from 0 to 100');
    }
    const verificationCode = optional(row, COLUMNS.verificationCode) ?? undefined;
    const result: CertificationResult = {
      status,
      pixScore: integer(COLUMNS.pixScore, required(row, COLUMNS.pixScore), 0),
      format,
      competences,
      maxReachableLevel: integer(
        COLUMNS.maxReachableLevel,
        required(row, COLUMNS.maxReachableLevel),
        1,
        COMPETENCE_LEVEL_MAX,
      ),
      maxReachableScore: integer(
        COLUMNS.maxReachableScore,
        required(row, COLUMNS.maxReachableScore),
        0,
      ),
      ...(reproducibilityRate !== undefined ? { reproducibilityRate } : {}),
      ...(verificationCode ? { verificationCode } : {}),
    };
    const publishedText = optional(row, COLUMNS.publishedOn);
    const command: RowCommand = {
      type: 'RecordImportedResult',
      session: { sessionId, uai, population, date, time },
      candidateId,
      ine,
      identity: { lastName, firstName, birthDate },
      result,
      publishedOn: publishedText === null ? null : day(COLUMNS.publishedOn, publishedText),
      establishmentRegistered: true,
    };
    return { ok: true, command, key: rowKey(command) };
  } catch (error) {
    if (error instanceof RowProblem)
      return { ok: false, column: error.column, reason: error.reason, sessionId };
    throw error;
  }
}

/** Same row content, same key: what makes a re-import's event ids the same. */
export function rowKey(command: RowCommand): string {
  const { establishmentRegistered: _ignored, ...content } = command;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The CSV column a domain refusal is about, for the report. */
export function columnOfField(field: string | undefined): string {
  if (!field) return COLUMNS.session;
  const competence = /^result\.competences\[(\d\.\d)\]\.(level|score)$/.exec(field);
  if (competence) return competence[2] === 'level' ? competence[1] : scoreColumn(competence[1]);
  const map: Record<string, string> = {
    sessionId: COLUMNS.session,
    uai: COLUMNS.uai,
    population: COLUMNS.population,
    date: COLUMNS.date,
    time: COLUMNS.time,
    candidateId: COLUMNS.certificationNumber,
    ine: COLUMNS.ine,
    identity: `${COLUMNS.lastName}, ${COLUMNS.firstName}, ${COLUMNS.birthDate}`,
    'identity.lastName': COLUMNS.lastName,
    'identity.firstName': COLUMNS.firstName,
    'identity.birthDate': COLUMNS.birthDate,
    publishedOn: COLUMNS.publishedOn,
    'result.status': COLUMNS.status,
    'result.pixScore': COLUMNS.pixScore,
    'result.format': COLUMNS.format,
    'result.maxReachableLevel': COLUMNS.maxReachableLevel,
    'result.maxReachableScore': COLUMNS.maxReachableScore,
    'result.verificationCode': COLUMNS.verificationCode,
    'result.reproducibilityRate': COLUMNS.reproducibilityRate,
  };
  return map[field] ?? field;
}
