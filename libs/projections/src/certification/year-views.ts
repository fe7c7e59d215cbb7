import type { ComplianceFlag, ComplianceJudge, IsoDate, ResultVerdict } from '@pix-ledger/domain';
import type { SqlExecutor } from '../read-model-store';
import {
  type Attestation6eYear,
  loadYearAttestations6e,
  loadYearResults,
  loadYearSessions,
  type YearFilter,
  type YearResult,
  type YearSession,
} from './year-facts';

/**
 * The per-year views. Facts come from the certification projection; verdicts come from a
 * judge built on the regulation as known at `knownAt`, applying the rules in force on each
 * session's date — so a text recorded later for a later year never changes them.
 */
export interface JudgedYear {
  sessions: (YearSession & { flags: ComplianceFlag[] })[];
  results: (YearResult & { verdict: ResultVerdict })[];
  attestations6e: Attestation6eYear[];
  attestation6eFlags: (ComplianceFlag & { uai: string; academie: string | undefined })[];
}

export interface Attestation6eJudge {
  attestation6eFlags(schoolYear: string, academie: string | undefined): ComplianceFlag[];
}

export async function judgeYear(
  sql: SqlExecutor,
  filter: YearFilter,
  judge: ComplianceJudge & Attestation6eJudge,
): Promise<JudgedYear> {
  const sessions = await loadYearSessions(sql, filter);
  const byId = new Map(sessions.map((s) => [s.sessionId, s]));
  const results = await loadYearResults(sql, filter, new Set(byId.keys()));
  const wants6e = !filter.population || filter.population === '6E';
  const attestations6e = wants6e ? await loadYearAttestations6e(sql, filter) : [];
  return {
    sessions: sessions
      .filter(() => filter.population !== '6E')
      .map((session) => ({ ...session, flags: judge.sessionFlags(session) })),
    results:
      filter.population === '6E'
        ? []
        : results.map((result) => ({
            ...result,
            verdict: judge.resultVerdict(byId.get(result.sessionId)!, result),
          })),
    attestations6e,
    attestation6eFlags: attestations6e.flatMap((a) =>
      judge
        .attestation6eFlags(filter.schoolYear, a.academie)
        .map((flag) => ({ ...flag, uai: a.uai, academie: a.academie })),
    ),
  };
}

export interface GroupStats {
  key: string;
  sessions: number;
  candidates: number;
  results: number;
  certified: number;
  notCertified: number;
  /** Results no threshold rule could judge. */
  undetermined: number;
  /** certified / results judged; null when none. */
  certificationRate: number | null;
  /** Mean pix score of the results, cancelled ones left out; null when none. */
  meanPixScore: number | null;
  sessionsOutOfWindow: number;
  lateFinalisations: number;
  flags: number;
}

/** A group being counted: sums, turned into rates and means by `finishGroup`. */
export type GroupAccumulator = GroupStats & { scoreSum: number; scored: number };

export function emptyGroup(key: string): GroupAccumulator {
  return {
    key,
    sessions: 0,
    candidates: 0,
    results: 0,
    certified: 0,
    notCertified: 0,
    undetermined: 0,
    certificationRate: null,
    meanPixScore: null,
    sessionsOutOfWindow: 0,
    lateFinalisations: 0,
    flags: 0,
    scoreSum: 0,
    scored: 0,
  };
}

/** Rate over the judged results, mean over the scored ones, rounded as every view shows them. */
export function finishGroup({ scoreSum, scored, ...g }: GroupAccumulator): GroupStats {
  const judged = g.certified + g.notCertified;
  return {
    ...g,
    certificationRate: judged ? Math.round((g.certified / judged) * 10000) / 10000 : null,
    meanPixScore: scored ? Math.round((scoreSum / scored) * 10) / 10 : null,
  };
}

const CANCELLED = new Set(['cancelled', 'cancelled_by_jury']);

/** Counts per group; INE and identities never reach here (the facts hold none). */
export function summarise(
  year: JudgedYear,
  keyOf: (session: YearSession) => string,
): { groups: GroupStats[]; total: GroupStats } {
  const groups = new Map<string, GroupAccumulator>();
  const total = emptyGroup('total');
  const sessionById = new Map(year.sessions.map((s) => [s.sessionId, s]));
  const groupOf = (key: string) => {
    let group = groups.get(key);
    if (!group) {
      group = emptyGroup(key);
      groups.set(key, group);
    }
    return group;
  };
  for (const session of year.sessions) {
    for (const g of [groupOf(keyOf(session)), total]) {
      g.sessions++;
      g.candidates += session.candidates;
      g.flags += session.flags.length;
      if (session.flags.some((f) => f.code === 'outOfWindow' || f.code === 'noWindowInForce'))
        g.sessionsOutOfWindow++;
      if (session.flags.some((f) => f.code === 'lateFinalisation')) g.lateFinalisations++;
    }
  }
  for (const result of year.results) {
    const session = sessionById.get(result.sessionId);
    if (!session) continue;
    for (const g of [groupOf(keyOf(session)), total]) {
      g.results++;
      if (result.verdict.certified === true) g.certified++;
      else if (result.verdict.certified === false) g.notCertified++;
      else g.undetermined++;
      if (!CANCELLED.has(result.status)) {
        g.scoreSum += result.pixScore;
        g.scored++;
      }
    }
  }
  return {
    groups: [...groups.values()].map(finishGroup).sort((a, b) => a.key.localeCompare(b.key)),
    total: finishGroup(total),
  };
}

export interface YearStatsView {
  schoolYear: string;
  filters: {
    academie?: string;
    population?: string;
    asOf?: IsoDate;
    knownAt?: string;
    groups?: string;
  };
  total: GroupStats;
  byAcademie: GroupStats[];
  byEstablishment: GroupStats[];
  byPopulation: GroupStats[];
  attestations6e: {
    establishments: number;
    pupils: number;
    obtained: number;
    notObtained: number;
    pending: number;
  };
}

export function yearStats(
  year: JudgedYear,
  filters: YearStatsView['filters'] & { schoolYear: string },
): YearStatsView {
  const { schoolYear, ...rest } = filters;
  const { total, groups: byAcademie } = summarise(year, (s) => s.academie ?? 'unknown');
  return {
    schoolYear,
    filters: rest,
    total,
    byAcademie,
    byEstablishment: summarise(year, (s) => s.uai).groups,
    byPopulation: summarise(year, (s) => s.population).groups,
    attestations6e: year.attestations6e.reduce(
      (sum, a) => ({
        establishments: sum.establishments + 1,
        pupils: sum.pupils + a.pupils,
        obtained: sum.obtained + a.obtained,
        notObtained: sum.notObtained + a.notObtained,
        pending: sum.pending + a.pending,
      }),
      { establishments: 0, pupils: 0, obtained: 0, notObtained: 0, pending: 0 },
    ),
  };
}

/** Every flag of the year with its rule and texts, and each session's result verdicts. */
export function yearCompliance(year: JudgedYear) {
  const resultsBySession = new Map<string, JudgedYear['results']>();
  for (const r of year.results) {
    const list = resultsBySession.get(r.sessionId) ?? [];
    list.push(r);
    resultsBySession.set(r.sessionId, list);
  }
  return {
    flags: [
      ...year.sessions.flatMap((s) =>
        s.flags.map((flag) => ({
          sessionId: s.sessionId,
          uai: s.uai,
          academie: s.academie ?? null,
          population: s.population,
          date: s.date,
          ...flag,
        })),
      ),
      ...year.attestation6eFlags.map(({ uai, academie, ...flag }) => ({
        sessionId: null,
        uai,
        academie: academie ?? null,
        population: '6E',
        date: null,
        ...flag,
      })),
    ],
    verdicts: year.sessions.map((s) =>
      verdictSummary(s.sessionId, resultsBySession.get(s.sessionId) ?? []),
    ),
  };
}

/** Per session: how many results the rules in force certify, and which rules and texts. */
export function verdictSummary(sessionId: string, results: JudgedYear['results']) {
  const rules = new Map<string, { rule: string; textIds: string[]; value: unknown }>();
  let certified = 0;
  let notCertified = 0;
  let undetermined = 0;
  for (const r of results) {
    if (r.verdict.certified === true) certified++;
    else if (r.verdict.certified === false) notCertified++;
    else undetermined++;
    for (const rule of r.verdict.rules)
      rules.set(`${rule.rule}\u0000${JSON.stringify(rule.value)}`, rule);
  }
  return {
    sessionId,
    results: results.length,
    certified,
    notCertified,
    undetermined,
    rules: [...rules.values()],
  };
}
