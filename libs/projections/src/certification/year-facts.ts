import {
  academieOn,
  type AcademieMembership,
  type CompetenceMark,
  type IsoDate,
  type JudgedSession,
  type ResultStatus,
} from '@pix-ledger/domain';
import type { SqlExecutor } from '../read-model-store';

/**
 * Which part of a school year a view looks at. `asOf` is valid time (sessions held, and
 * finalisations / publications dated, up to that day); `knownAtMs` is knowledge time (only
 * what the registry had learnt by then). Absent: everything.
 */
export interface YearFilter {
  schoolYear: string;
  asOf?: IsoDate;
  knownAtMs?: number;
  academie?: string;
  population?: string;
  uai?: string;
  /** Only these sessions (the year summary judges a year a slice at a time, then patches). */
  sessionIds?: readonly string[];
  /** Only the 6e attestations of these establishments. */
  uais?: readonly string[];
}

/**
 * ` AND <column> IN (?, …)` for a list of values, or nothing without a list. The list is
 * padded to a power of two (repeating its last value) so that a few statement texts serve
 * every length and stay prepared.
 */
function inList(column: string, values: readonly string[] | undefined, params: unknown[]): string {
  if (!values) return '';
  if (values.length === 0) return ' AND 1 = 0';
  let size = 1;
  while (size < values.length) size *= 2;
  params.push(...values);
  for (let i = values.length; i < size; i++) params.push(values[values.length - 1]);
  return ` AND ${column} IN (${Array.from({ length: size }, () => '?').join(', ')})`;
}

/** Establishments' names and académies, loaded once for several slices of a year. */
export interface EstablishmentsContext {
  memberships: Map<string, AcademieMembership[]>;
  establishments: Map<string, { name: string; type: string; sector: string }>;
}

export async function loadEstablishmentsContext(
  sql: SqlExecutor,
  filter: Pick<YearFilter, 'knownAtMs'>,
): Promise<EstablishmentsContext> {
  const year = { schoolYear: '', ...filter };
  const [memberships, establishments] = await Promise.all([
    membershipsByUai(sql, year),
    establishmentsByUai(sql, year),
  ]);
  return { memberships, establishments };
}

export interface YearSession extends JudgedSession {
  time: string | null;
  establishment: { name: string; type: string; sector: string } | null;
  publishedOn: IsoDate | null;
  candidates: number;
  testsStarted: number;
  transmissions: { channel: string; on: IsoDate }[];
}

export interface YearResult {
  sessionId: string;
  candidateId: string;
  version: number;
  kind: string;
  reason: string | null;
  origin: string;
  status: ResultStatus;
  pixScore: number;
  format: string;
  competences: CompetenceMark[];
  maxReachableLevel: number;
  maxReachableScore: number;
  verificationCode: string | null;
  publishedOn: IsoDate | null;
}

export interface Attestation6eYear {
  uai: string;
  academie: string | undefined;
  establishment: { name: string; type: string; sector: string } | null;
  campaigns: { campaignCode: string; parcours: string; openedOn: IsoDate }[];
  pupils: number;
  obtained: number;
  notObtained: number;
  pending: number;
}

const FAR_FUTURE = Number.MAX_SAFE_INTEGER;
const knownBy = (filter: YearFilter) => filter.knownAtMs ?? FAR_FUTURE;

/** `uais`: only those establishments' (a subset of sessions needs no more). */
async function membershipsByUai(sql: SqlExecutor, filter: YearFilter, uais?: readonly string[]) {
  const params: unknown[] = [knownBy(filter)];
  const only = inList('uai', uais, params);
  const rows = await sql.all<{ uai: string; academie: string; since: string | null }>(
    `SELECT uai, academie, since FROM cert_academie_memberships WHERE known_at <= ?${only} ORDER BY uai, position`,
    params,
  );
  const byUai = new Map<string, AcademieMembership[]>();
  for (const row of rows) {
    const list = byUai.get(row.uai) ?? [];
    list.push({ academie: row.academie, since: row.since });
    byUai.set(row.uai, list);
  }
  return byUai;
}

async function establishmentsByUai(sql: SqlExecutor, filter: YearFilter, uais?: readonly string[]) {
  const params: unknown[] = [knownBy(filter)];
  const only = inList('uai', uais, params);
  const rows = await sql.all<{ uai: string; name: string; type: string; sector: string }>(
    `SELECT uai, name, type, sector FROM cert_establishments WHERE known_at <= ?${only}`,
    params,
  );
  return new Map(
    rows.map((row) => [row.uai, { name: row.name, type: row.type, sector: row.sector }]),
  );
}

/** The sessions of the year, with the standing finalisation and publication. */
export async function loadYearSessions(
  sql: SqlExecutor,
  filter: YearFilter,
  context?: EstablishmentsContext,
): Promise<YearSession[]> {
  // Listed sessions are found by primary key (a session id belongs to one year only, checked
  // below): with the year in the WHERE clause, SQLite scans the year's index instead.
  const params: unknown[] = filter.sessionIds
    ? [knownBy(filter)]
    : [filter.schoolYear, knownBy(filter)];
  let where = filter.sessionIds ? 'known_at <= ?' : 'school_year = ? AND known_at <= ?';
  if (filter.asOf) {
    where += ' AND session_date <= ?';
    params.push(filter.asOf);
  }
  if (filter.population) {
    where += ' AND population = ?';
    params.push(filter.population);
  }
  if (filter.uai) {
    where += ' AND uai = ?';
    params.push(filter.uai);
  }
  where += inList('session_id', filter.sessionIds, params);
  const rows = (
    await sql.all<{
      session_id: string;
      school_year: string;
      uai: string;
      population: string;
      session_date: string;
      session_time: string | null;
    }>(
      `SELECT session_id, school_year, uai, population, session_date, session_time FROM cert_sessions
       WHERE ${where} ORDER BY session_date, session_time, session_id`,
      params,
    )
  ).filter((row) => row.school_year === filter.schoolYear);
  const uais = filter.sessionIds ? [...new Set(rows.map((row) => row.uai))] : undefined;
  const stepParams: unknown[] = [filter.schoolYear, knownBy(filter)];
  const stepsOf = inList('session_id', filter.sessionIds, stepParams);
  // Candidates of listed sessions: by primary key (a session id is in one year only).
  const candidateParams: unknown[] = filter.sessionIds ? [] : [filter.schoolYear];
  const candidatesOf = filter.sessionIds
    ? `known_at <= ?${inList('session_id', filter.sessionIds, [])}`
    : 'school_year = ? AND known_at <= ?';
  candidateParams.push(knownBy(filter));
  if (filter.sessionIds) inList('session_id', filter.sessionIds, candidateParams);
  const [memberships, establishments, steps, candidates] = await Promise.all([
    context?.memberships ?? membershipsByUai(sql, filter, uais),
    context?.establishments ?? establishmentsByUai(sql, filter, uais),
    sql.all<{ session_id: string; step: string; on_date: string | null; detail: string | null }>(
      `SELECT session_id, step, on_date, detail FROM cert_session_steps
       WHERE school_year = ? AND known_at <= ?${stepsOf} ORDER BY position`,
      stepParams,
    ),
    sql.all<{ session_id: string; candidates: number; started: number }>(
      `SELECT session_id, COUNT(*) AS candidates, SUM(CASE WHEN exam = 'enrolled' THEN 0 ELSE 1 END) AS started
       FROM cert_candidates WHERE ${candidatesOf} GROUP BY session_id`,
      candidateParams,
    ),
  ]);
  const counts = new Map(candidates.map((c) => [c.session_id, c]));
  const sessions = new Map<string, YearSession>();
  for (const row of rows) {
    const academie = academieOn(memberships.get(row.uai) ?? [], row.session_date);
    if (filter.academie && academie !== filter.academie) continue;
    sessions.set(row.session_id, {
      sessionId: row.session_id,
      uai: row.uai,
      academie,
      population: row.population as YearSession['population'],
      date: row.session_date,
      time: row.session_time,
      schoolYear: filter.schoolYear,
      establishment: establishments.get(row.uai) ?? null,
      finalisedOn: null,
      publishedOn: null,
      candidates: Number(counts.get(row.session_id)?.candidates ?? 0),
      testsStarted: Number(counts.get(row.session_id)?.started ?? 0),
      transmissions: [],
    });
  }
  for (const step of steps) {
    const session = sessions.get(step.session_id);
    if (!session) continue;
    const dated = step.on_date !== null && (!filter.asOf || step.on_date <= filter.asOf);
    switch (step.step) {
      case 'finalised':
        if (dated) session.finalisedOn = step.on_date;
        break;
      case 'unfinalised':
        session.finalisedOn = null;
        break;
      case 'published':
        if (dated) session.publishedOn = step.on_date;
        break;
      case 'unpublished':
        session.publishedOn = null;
        break;
      case 'transmitted':
        if (dated)
          session.transmissions.push({ channel: step.detail ?? '', on: step.on_date as string });
        break;
    }
  }
  return [...sessions.values()];
}

/** The latest known version of every result of the given sessions. */
export async function loadYearResults(
  sql: SqlExecutor,
  filter: YearFilter,
  sessionIds: ReadonlySet<string>,
): Promise<YearResult[]> {
  const params: unknown[] = [filter.schoolYear, knownBy(filter)];
  const only = inList('session_id', filter.sessionIds, params);
  const rows = await sql.all<{
    session_id: string;
    candidate_id: string;
    version: number;
    kind: string;
    reason: string | null;
    origin: string;
    status: string;
    pix_score: number;
    format: string;
    competences: string;
    max_level: number;
    max_score: number;
    verification_code: string | null;
    published_on: string | null;
  }>(
    `SELECT session_id, candidate_id, version, kind, reason, origin, status, pix_score, format, competences,
       max_level, max_score, verification_code, published_on
     FROM cert_results WHERE school_year = ? AND known_at <= ?${only} ORDER BY session_id, candidate_id, version`,
    params,
  );
  const latest = new Map<string, YearResult>();
  for (const row of rows) {
    if (!sessionIds.has(row.session_id)) continue;
    latest.set(`${row.session_id}\u0000${row.candidate_id}`, {
      sessionId: row.session_id,
      candidateId: row.candidate_id,
      version: Number(row.version),
      kind: row.kind,
      reason: row.reason,
      origin: row.origin,
      status: row.status as ResultStatus,
      pixScore: Number(row.pix_score),
      format: row.format,
      competences: JSON.parse(row.competences) as CompetenceMark[],
      maxReachableLevel: Number(row.max_level),
      maxReachableScore: Number(row.max_score),
      verificationCode: row.verification_code,
      publishedOn: row.published_on,
    });
  }
  return [...latest.values()];
}

/** 6e attestations of the year, per establishment: the standing outcome of each pupil. */
export async function loadYearAttestations6e(
  sql: SqlExecutor,
  filter: YearFilter,
  context?: EstablishmentsContext,
): Promise<Attestation6eYear[]> {
  const known = knownBy(filter);
  const params: unknown[] = [filter.schoolYear, known];
  let uaiClause = filter.uai ? ' AND uai = ?' : '';
  if (filter.uai) params.push(filter.uai);
  uaiClause += inList('uai', filter.uais, params);
  const [campaigns, completions, outcomes, memberships, establishments] = await Promise.all([
    sql.all<{ uai: string; campaign_code: string; parcours: string; opened_on: string }>(
      `SELECT uai, campaign_code, parcours, opened_on FROM cert_6e_campaigns
       WHERE school_year = ? AND known_at <= ?${uaiClause} ORDER BY opened_on, campaign_code`,
      params,
    ),
    sql.all<{ uai: string; pupil_id: string; completed_on: string }>(
      `SELECT uai, pupil_id, completed_on FROM cert_6e_completions WHERE school_year = ? AND known_at <= ?${uaiClause}`,
      params,
    ),
    sql.all<{ uai: string; pupil_id: string; obtained: number; decided_on: string }>(
      `SELECT uai, pupil_id, obtained, decided_on FROM cert_6e_outcomes
       WHERE school_year = ? AND known_at <= ?${uaiClause} ORDER BY position`,
      params,
    ),
    context?.memberships ?? membershipsByUai(sql, filter, filter.uais),
    context?.establishments ?? establishmentsByUai(sql, filter, filter.uais),
  ]);
  const inTime = (day: string) => !filter.asOf || day <= filter.asOf;
  const byUai = new Map<string, { year: Attestation6eYear; pupils: Map<string, boolean | null> }>();
  const entry = (uai: string) => {
    let found = byUai.get(uai);
    if (!found) {
      // Campaigns have no single day: the académie is the one at the end of the school year.
      const academie = academieOn(
        memberships.get(uai) ?? [],
        `${filter.schoolYear.slice(5)}-06-30`,
      );
      found = {
        year: {
          uai,
          academie,
          establishment: establishments.get(uai) ?? null,
          campaigns: [],
          pupils: 0,
          obtained: 0,
          notObtained: 0,
          pending: 0,
        },
        pupils: new Map(),
      };
      byUai.set(uai, found);
    }
    return found;
  };
  for (const c of campaigns) {
    if (inTime(c.opened_on)) {
      entry(c.uai).year.campaigns.push({
        campaignCode: c.campaign_code,
        parcours: c.parcours,
        openedOn: c.opened_on,
      });
    }
  }
  for (const c of completions)
    if (inTime(c.completed_on)) entry(c.uai).pupils.set(c.pupil_id, null);
  for (const o of outcomes) {
    const e = entry(o.uai);
    if (inTime(o.decided_on) && e.pupils.has(o.pupil_id))
      e.pupils.set(o.pupil_id, Number(o.obtained) === 1);
  }
  const result: Attestation6eYear[] = [];
  for (const { year, pupils } of byUai.values()) {
    if (filter.academie && year.academie !== filter.academie) continue;
    year.pupils = pupils.size;
    for (const outcome of pupils.values()) {
      if (outcome === true) year.obtained++;
      else if (outcome === false) year.notObtained++;
      else year.pending++;
    }
    result.push(year);
  }
  return result.sort((a, b) => a.uai.localeCompare(b.uai));
}
