import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { complianceJudge, knownAtMs } from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@pix-ledger/projections';
import {
  certificationProjection,
  judgeYear,
  summarise,
  verdictSummary,
  yearCompliance,
  type YearFilter,
  yearStats,
  YearStatsMemo,
  type ServedStats,
  type StatsGroup,
  withGroups,
  type YearStatsAnswer,
  type YearStatsView,
} from '@pix-ledger/projections/certification';
import { RegulationQueries } from '../../regulation/regulation-queries.service';

export interface YearViewQuery {
  schoolYear: string;
  asOf?: string;
  knownAt?: string;
  academie?: string;
  population?: string;
  uai?: string;
}

/**
 * Per-year views: certification facts from the projection, judged by the rules in force on
 * each session's date as the regulation was known at `knownAt` (now by default).
 */
@Injectable()
export class CertificationYears {
  private schemaReady?: Promise<void>;
  /** Today's statistics, kept per year and patched from what changed (dashboards). */
  private readonly todaysStats: YearStatsMemo;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly views: ReadModelStore,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly regulation: RegulationQueries,
  ) {
    this.todaysStats = new YearStatsMemo(views, store, async () => {
      const { head, snapshot } = await regulation.current();
      return { head, judge: complianceJudge(snapshot) };
    });
  }

  /** A view may be asked for before the runner created the tables. */
  private ensureSchema(): Promise<void> {
    this.schemaReady ??= (async () => {
      for (const ddl of certificationProjection.schema) await this.views.run(ddl);
    })();
    return this.schemaReady;
  }

  private async judged(query: YearViewQuery) {
    await this.ensureSchema();
    const filter: YearFilter = {
      schoolYear: query.schoolYear,
      asOf: query.asOf,
      knownAtMs: query.knownAt ? knownAtMs(query.knownAt) : undefined,
      academie: query.academie,
      population: query.population,
      uai: query.uai,
    };
    const judge = complianceJudge(await this.regulation.snapshot(query.knownAt));
    return judgeYear(this.views, filter, judge);
  }

  private filters(query: YearViewQuery) {
    const { asOf, knownAt, academie, population } = query;
    return Object.fromEntries(
      Object.entries({ asOf, knownAt, academie, population }).filter(([, v]) => v !== undefined),
    );
  }

  async establishment(query: YearViewQuery & { uai: string }) {
    await this.ensureSchema();
    const known = await this.views.get<{ name: string; type: string; sector: string }>(
      'SELECT name, type, sector FROM cert_establishments WHERE uai = ? AND known_at <= ?',
      [query.uai, query.knownAt ? knownAtMs(query.knownAt) : Number.MAX_SAFE_INTEGER],
    );
    if (!known) throw new NotFoundException(`No establishment ${query.uai}`);
    const year = await this.judged(query);
    const resultsBySession = new Map<string, typeof year.results>();
    for (const r of year.results) {
      const list = resultsBySession.get(r.sessionId) ?? [];
      list.push(r);
      resultsBySession.set(r.sessionId, list);
    }
    const { total } = summarise(year, () => query.uai);
    return {
      schoolYear: query.schoolYear,
      uai: query.uai,
      establishment: known,
      filters: this.filters(query),
      totals: total,
      sessions: year.sessions.map((s) => ({
        sessionId: s.sessionId,
        population: s.population,
        date: s.date,
        time: s.time,
        academie: s.academie ?? null,
        finalisedOn: s.finalisedOn,
        publishedOn: s.publishedOn,
        transmissions: s.transmissions,
        candidates: s.candidates,
        testsStarted: s.testsStarted,
        verdicts: verdictSummary(s.sessionId, resultsBySession.get(s.sessionId) ?? []),
        flags: s.flags,
      })),
      results: year.results.map((r) => ({
        sessionId: r.sessionId,
        candidateId: r.candidateId,
        version: r.version,
        status: r.status,
        pixScore: r.pixScore,
        format: r.format,
        competences: r.competences,
        maxReachableLevel: r.maxReachableLevel,
        maxReachableScore: r.maxReachableScore,
        verificationCode: r.verificationCode,
        publishedOn: r.publishedOn,
        certified: r.verdict.certified,
        verdict: r.verdict.reason,
        validUntil: r.verdict.validUntil,
        rules: r.verdict.rules,
      })),
      attestation6e: year.attestations6e[0] ?? null,
      attestation6eFlags: year.attestation6eFlags,
    };
  }

  /** Every breakdown (the yearly report, the console). */
  async stats(query: YearViewQuery): Promise<YearStatsView> {
    if (query.asOf === undefined && query.knownAt === undefined) {
      await this.ensureSchema();
      const { academie, population } = query;
      return (await this.todaysStats.stats(query.schoolYear, { academie, population }))
        .view as YearStatsView;
    }
    return this.statsFromFacts(query);
  }

  /**
   * GET /years/{Y}/stats: today's view (no asOf, no knownAt) comes from the summary,
   * serialised, with its ETag; `groups` keeps only the breakdowns asked for.
   */
  async servedStats(
    query: YearViewQuery & { groups?: string },
  ): Promise<ServedStats | YearStatsAnswer> {
    const groups = query.groups?.split(',') as StatsGroup[] | undefined;
    if (query.asOf === undefined && query.knownAt === undefined) {
      await this.ensureSchema();
      const { academie, population } = query;
      return this.todaysStats.stats(query.schoolYear, { academie, population }, groups);
    }
    return withGroups(await this.statsFromFacts(query), groups);
  }

  /** The same view judged from every fact of the year (audits, and the memo's reference). */
  async statsFromFacts(query: YearViewQuery): Promise<YearStatsView> {
    return yearStats(await this.judged(query), {
      schoolYear: query.schoolYear,
      ...this.filters(query),
    });
  }

  async compliance(query: YearViewQuery) {
    const year = await this.judged(query);
    return { schoolYear: query.schoolYear, filters: this.filters(query), ...yearCompliance(year) };
  }

  /** Flags and verdicts of one session, for GET /sessions/{id}. */
  async session(schoolYear: string, sessionId: string) {
    const year = await this.judged({ schoolYear });
    const session = year.sessions.find((s) => s.sessionId === sessionId);
    if (!session) return null;
    const results = year.results.filter((r) => r.sessionId === sessionId);
    return {
      academie: session.academie ?? null,
      flags: session.flags,
      verdicts: results.map((r) => ({
        candidateId: r.candidateId,
        version: r.version,
        certified: r.verdict.certified,
        reason: r.verdict.reason,
        validUntil: r.verdict.validUntil,
        rules: r.verdict.rules,
      })),
    };
  }
}
