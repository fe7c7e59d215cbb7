import type { IsoDate } from '../../shared/dates';
import type { SessionPopulation } from '../reference/populations';
import type { ResultStatus } from '../session/certification-result';

/** A session as the compliance rules look at it: what happened, and when. */
export interface JudgedSession {
  sessionId: string;
  uai: string;
  /** The establishment's académie on the session date (valid time), when known. */
  academie: string | undefined;
  population: SessionPopulation;
  date: IsoDate;
  schoolYear: string;
  /** The finalisation that stands (null: not finalised). */
  finalisedOn: IsoDate | null;
}

export interface JudgedResult {
  status: ResultStatus;
  competences: readonly { code: string; level: number }[];
}

export type ComplianceFlagCode =
  'outOfWindow' | 'noWindowInForce' | 'lateFinalisation' | 'populationNotRequired';

/** One finding about a session, naming the rule and the texts it comes from. */
export interface ComplianceFlag {
  code: ComplianceFlagCode;
  /** Rule catalogue key (or the calendar item) the finding applies. */
  rule: string;
  /** Regulatory texts the rule comes from. */
  textIds: string[];
  message: string;
  /** The values compared, e.g. the window and the session date. */
  details: Record<string, unknown>;
}

/** Whether a result is a certification under the rules in force on the session date. */
export interface ResultVerdict {
  /** null when no threshold rule was in force (nothing to judge against). */
  certified: boolean | null;
  reason: string;
  rules: { rule: string; textIds: string[]; value: unknown }[];
  /** Last day of validity, where a validity rule was in force on the session date. */
  validUntil: IsoDate | null;
}

/** What the per-year views ask of the regulation: a judge built from a regulation snapshot. */
export interface ComplianceJudge {
  sessionFlags(session: JudgedSession): ComplianceFlag[];
  resultVerdict(session: JudgedSession, result: JudgedResult): ResultVerdict;
}
