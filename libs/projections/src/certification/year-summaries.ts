import type { ComplianceJudge } from '@pix-ledger/domain';
import type { SqlExecutor } from '../read-model-store';
import {
  type Attestation6eYear,
  type EstablishmentsContext,
  loadYearAttestations6e,
  loadYearResults,
  loadYearSessions,
} from './year-facts';
import {
  emptyGroup,
  finishGroup,
  type GroupAccumulator,
  type GroupStats,
  type YearStatsView,
} from './year-views';

/**
 * What one judged session contributes to the year's statistics: enough to add up any
 * grouping (académie, establishment, population) and any filter of GET /years/{Y}/stats
 * without loading the results again. Sums, not averages, so that groups add up exactly.
 */
export interface SessionSummary {
  sessionId: string;
  uai: string;
  academie: string | undefined;
  population: string;
  candidates: number;
  flags: number;
  outOfWindow: boolean;
  lateFinalisation: boolean;
  results: number;
  certified: number;
  notCertified: number;
  undetermined: number;
  /** Sum of the pix scores of the results not cancelled, and how many they are. */
  scoreSum: number;
  scored: number;
}

export type Attestation6eSummary = Pick<
  Attestation6eYear,
  'uai' | 'academie' | 'pupils' | 'obtained' | 'notObtained' | 'pending'
>;

const CANCELLED = new Set(['cancelled', 'cancelled_by_jury']);

/** Loads and judges the chosen sessions of a school year (today's facts, no asOf). */
export async function summariseSessions(
  sql: SqlExecutor,
  schoolYear: string,
  sessionIds: readonly string[],
  judge: ComplianceJudge,
  context?: EstablishmentsContext,
): Promise<SessionSummary[]> {
  const filter = { schoolYear, sessionIds };
  const loaded = await loadYearSessions(sql, filter, context);
  const byId = new Map<string, SessionSummary>();
  const judged = new Map(loaded.map((s) => [s.sessionId, s]));
  for (const session of loaded) {
    const flags = judge.sessionFlags(session);
    byId.set(session.sessionId, {
      sessionId: session.sessionId,
      uai: session.uai,
      academie: session.academie,
      population: session.population,
      candidates: session.candidates,
      flags: flags.length,
      outOfWindow: flags.some((f) => f.code === 'outOfWindow' || f.code === 'noWindowInForce'),
      lateFinalisation: flags.some((f) => f.code === 'lateFinalisation'),
      results: 0,
      certified: 0,
      notCertified: 0,
      undetermined: 0,
      scoreSum: 0,
      scored: 0,
    });
  }
  for (const result of await loadYearResults(sql, filter, new Set(byId.keys()))) {
    const summary = byId.get(result.sessionId)!;
    const verdict = judge.resultVerdict(judged.get(result.sessionId)!, result);
    summary.results++;
    if (verdict.certified === true) summary.certified++;
    else if (verdict.certified === false) summary.notCertified++;
    else summary.undetermined++;
    if (!CANCELLED.has(result.status)) {
      summary.scoreSum += result.pixScore;
      summary.scored++;
    }
  }
  return [...byId.values()];
}

/** The 6e attestations of the chosen establishments in a school year. */
export async function summariseAttestations6e(
  sql: SqlExecutor,
  schoolYear: string,
  uais: readonly string[],
  context?: EstablishmentsContext,
): Promise<Attestation6eSummary[]> {
  const years = await loadYearAttestations6e(sql, { schoolYear, uais }, context);
  return years.map(({ uai, academie, pupils, obtained, notObtained, pending }) => ({
    uai,
    academie,
    pupils,
    obtained,
    notObtained,
    pending,
  }));
}

function add(group: GroupAccumulator, s: SessionSummary): void {
  group.sessions++;
  group.candidates += s.candidates;
  group.flags += s.flags;
  if (s.outOfWindow) group.sessionsOutOfWindow++;
  if (s.lateFinalisation) group.lateFinalisations++;
  group.results += s.results;
  group.certified += s.certified;
  group.notCertified += s.notCertified;
  group.undetermined += s.undetermined;
  group.scoreSum += s.scoreSum;
  group.scored += s.scored;
}

function grouped(
  sessions: readonly SessionSummary[],
  keyOf: (s: SessionSummary) => string,
): GroupStats[] {
  const groups = new Map<string, GroupAccumulator>();
  for (const s of sessions) {
    const key = keyOf(s);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = emptyGroup(key)));
    add(group, s);
  }
  return [...groups.values()].map(finishGroup).sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * GET /years/{Y}/stats from the summaries: the same answer as `yearStats(judgeYear(…))` for
 * the same facts and regulation (a test holds them equal), without reading the results.
 */
export function statsFromSummaries(
  sessions: Iterable<SessionSummary>,
  attestations: Iterable<Attestation6eSummary>,
  schoolYear: string,
  filters: { academie?: string; population?: string },
): YearStatsView {
  const { academie, population } = filters;
  const chosen: SessionSummary[] = [];
  if (population !== '6E') {
    for (const s of sessions) {
      if (population && s.population !== population) continue;
      if (academie && s.academie !== academie) continue;
      chosen.push(s);
    }
  }
  const total = emptyGroup('total');
  for (const s of chosen) add(total, s);
  const attestations6e = { establishments: 0, pupils: 0, obtained: 0, notObtained: 0, pending: 0 };
  if (!population || population === '6E') {
    for (const a of attestations) {
      if (academie && a.academie !== academie) continue;
      attestations6e.establishments++;
      attestations6e.pupils += a.pupils;
      attestations6e.obtained += a.obtained;
      attestations6e.notObtained += a.notObtained;
      attestations6e.pending += a.pending;
    }
  }
  return {
    schoolYear,
    filters: Object.fromEntries(
      Object.entries(filters).filter(([, v]) => v !== undefined),
    ) as YearStatsView['filters'],
    total: finishGroup(total),
    byAcademie: grouped(chosen, (s) => s.academie ?? 'unknown'),
    byEstablishment: grouped(chosen, (s) => s.uai),
    byPopulation: grouped(chosen, (s) => s.population),
    attestations6e,
  };
}

export type StatsGroup = 'academie' | 'establishment' | 'population';
const GROUP_KEYS = {
  academie: 'byAcademie',
  establishment: 'byEstablishment',
  population: 'byPopulation',
} as const;

/** The view with only the breakdowns asked for (all of them without a list). */
export type YearStatsAnswer = Omit<
  YearStatsView,
  'byAcademie' | 'byEstablishment' | 'byPopulation'
> &
  Partial<Pick<YearStatsView, 'byAcademie' | 'byEstablishment' | 'byPopulation'>>;

export function withGroups(
  view: YearStatsView,
  groups: readonly StatsGroup[] | undefined,
): YearStatsAnswer {
  if (!groups) return view;
  const answer: YearStatsAnswer = {
    ...view,
    filters: { ...view.filters, groups: groups.join(',') },
  };
  for (const [group, key] of Object.entries(GROUP_KEYS)) {
    if (!groups.includes(group as StatsGroup)) delete answer[key];
  }
  return answer;
}
