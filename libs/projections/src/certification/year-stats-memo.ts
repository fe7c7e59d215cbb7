import {
  ATTESTATION6E_CATEGORY,
  type ComplianceJudge,
  ESTABLISHMENT_CATEGORY,
  SESSION_CATEGORY,
} from '@pix-ledger/domain';
import type { EventStore } from '@pix-ledger/event-store';
import { createHash } from 'node:crypto';
import type { ReadModelStore } from '../read-model-store';
import { createRuntimeTables, readCheckpoint, readSwitches } from '../runtime/runtime-state';
import { certificationProjection } from './certification.projection';
import { loadEstablishmentsContext } from './year-facts';
import {
  type Attestation6eSummary,
  type SessionSummary,
  type StatsGroup,
  statsFromSummaries,
  summariseAttestations6e,
  summariseSessions,
  withGroups,
  type YearStatsAnswer,
} from './year-summaries';

/** The regulation the verdicts are judged by, and the timeline position it was folded at. */
export interface CurrentJudge {
  head: number;
  judge: ComplianceJudge;
}

export interface YearStatsMemoOptions {
  /** Past this many new events, a year is summarised again instead of patched. */
  maxDeltaEvents?: number;
  /** School years kept in memory (least recently asked dropped first). */
  maxYears?: number;
}

export interface ServedStats {
  view: YearStatsAnswer;
  json: string;
  etag: string;
}

/** What a summary was built from: it is right as long as none of these moved. */
interface Inputs {
  version: number;
  position: number;
  yearSwitches: number;
  allSwitches: number;
  regulationHead: number;
}

interface YearEntry {
  inputs: Inputs;
  sessions: Map<string, SessionSummary>;
  attestations: Map<string, Attestation6eSummary>;
  /** Per filter: the view, its JSON and an ETag of it, made once per change of the summary. */
  views: Map<string, ServedStats>;
  /** A summary being built again after a blue/green switch, while this one keeps serving. */
  replacement?: Promise<void>;
}

const CERTIFICATION = certificationProjection.name;
/** A slice of a build should hold the event loop about this long (ms). */
const SLICE_MS = 3;
/** Sessions re-judged per read when patching. */
const PATCH_CHUNK = 100;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * GET /years/{Y}/stats for dashboards (no `asOf`, no `knownAt`): a per-year summary of every
 * judged session, kept in memory and brought up to date on each request from what moved:
 * - new events since its checkpoint: only the sessions and establishments they touch are
 *   judged again (read-your-writes: a request always sees the read model it found);
 * - a blue/green switch of that year (same events, rows rebuilt): a new summary is built in
 *   the background, a few sessions per turn of the event loop, and replaces the old one when
 *   done — the rebuilt rows hold what the old ones did, so the live answer stays right;
 * - a new projection version, a switch of every year, or a regulation change (every verdict
 *   may change): the summary is built again before answering.
 * Audits with `asOf`/`knownAt` do not come here: they judge the year from the facts.
 */
export class YearStatsMemo {
  private readonly entries = new Map<string, YearEntry>();
  /** Per school year: the refresh queued behind the running one, and the queue's tail. */
  private readonly queues = new Map<
    string,
    { waiting?: Promise<YearEntry>; tail: Promise<unknown> }
  >();
  /** Sessions per slice of a build, adapted to how long slices take. */
  private sliceSize = 8;
  private readonly maxDeltaEvents: number;
  private readonly maxYears: number;

  constructor(
    private readonly views: ReadModelStore,
    private readonly store: EventStore,
    private readonly currentJudge: () => Promise<CurrentJudge>,
    options: YearStatsMemoOptions = {},
  ) {
    this.maxDeltaEvents = options.maxDeltaEvents ?? 20_000;
    this.maxYears = options.maxYears ?? 6;
  }

  async stats(
    schoolYear: string,
    filters: { academie?: string; population?: string },
    groups?: readonly StatsGroup[],
  ): Promise<ServedStats> {
    const entry = await this.current(schoolYear);
    const key = [filters.academie, filters.population, groups?.join(',')].join('\u0000');
    let served = entry.views.get(key);
    if (!served) {
      const view = withGroups(
        statsFromSummaries(
          entry.sessions.values(),
          entry.attestations.values(),
          schoolYear,
          filters,
        ),
        groups,
      );
      // Dashboards ask again and again: serialise once, and let them revalidate (304).
      const json = JSON.stringify(view);
      const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
      served = { view, json, etag };
      entry.views.set(key, served);
    }
    return served;
  }

  /**
   * Refreshes run one at a time per year. A request joins the refresh queued behind the
   * running one (it has not read the read model yet, so it will see this request's writes);
   * it never joins one already running.
   */
  private current(schoolYear: string): Promise<YearEntry> {
    let queue = this.queues.get(schoolYear);
    if (!queue) this.queues.set(schoolYear, (queue = { tail: Promise.resolve() }));
    if (queue.waiting) return queue.waiting;
    const q = queue;
    const run = q.tail.then(() => {
      q.waiting = undefined;
      return this.refresh(schoolYear);
    });
    q.waiting = run;
    q.tail = run.catch(() => undefined);
    return run;
  }

  private runtimeTables?: Promise<void>;

  private async inputs(schoolYear: string, regulationHead: number): Promise<Inputs> {
    // Asked before any runner made its bookkeeping tables (a replica starting first).
    this.runtimeTables ??= createRuntimeTables(this.views).catch((error: unknown) => {
      this.runtimeTables = undefined;
      throw error;
    });
    await this.runtimeTables;
    const checkpoint = await readCheckpoint(this.views, CERTIFICATION);
    const switches = await readSwitches(this.views, CERTIFICATION, schoolYear);
    return {
      version: checkpoint?.version ?? 0,
      position: checkpoint?.position ?? 0,
      yearSwitches: switches.year,
      allSwitches: switches.all,
      regulationHead,
    };
  }

  private async refresh(schoolYear: string): Promise<YearEntry> {
    const { head, judge } = await this.currentJudge();
    const inputs = await this.inputs(schoolYear, head);
    const entry = this.entries.get(schoolYear);
    if (
      !entry ||
      entry.inputs.version !== inputs.version ||
      entry.inputs.allSwitches !== inputs.allSwitches ||
      entry.inputs.regulationHead !== inputs.regulationHead
    ) {
      return this.keep(schoolYear, await this.build(schoolYear, inputs, judge));
    }
    this.touch(schoolYear, entry);
    if (entry.inputs.yearSwitches !== inputs.yearSwitches && !entry.replacement) {
      entry.replacement = this.replaceInBackground(schoolYear, inputs, judge);
    }
    if (entry.inputs.position < inputs.position) {
      const patched = await this.patch(schoolYear, entry, inputs.position, judge);
      if (!patched) return this.keep(schoolYear, await this.build(schoolYear, inputs, judge));
    }
    return entry;
  }

  private replaceInBackground(
    schoolYear: string,
    inputs: Inputs,
    judge: ComplianceJudge,
  ): Promise<void> {
    return this.build(schoolYear, inputs, judge).then(
      (built) =>
        this.enqueue(schoolYear, async () => {
          const live = this.entries.get(schoolYear);
          // Built for a regulation or a version that has moved on since: drop it.
          if (
            live?.inputs.regulationHead === built.inputs.regulationHead &&
            live.inputs.version === built.inputs.version &&
            live.inputs.allSwitches === built.inputs.allSwitches
          ) {
            // Newer events than the build saw are patched in by the next refresh.
            this.keep(schoolYear, built);
          } else if (live) live.replacement = undefined;
        }),
      () => {
        const live = this.entries.get(schoolYear);
        if (live) live.replacement = undefined; // the next refresh tries again
      },
    );
  }

  private enqueue(schoolYear: string, work: () => Promise<void>): Promise<void> {
    const queue = this.queues.get(schoolYear)!;
    const run = queue.tail.then(work);
    queue.tail = run.catch(() => undefined);
    return run;
  }

  private keep(schoolYear: string, entry: YearEntry): YearEntry {
    this.touch(schoolYear, entry);
    while (this.entries.size > this.maxYears) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry;
  }

  /** Most recently used last, so the first key is the one to drop. */
  private touch(schoolYear: string, entry: YearEntry): void {
    this.entries.delete(schoolYear);
    this.entries.set(schoolYear, entry);
  }

  /** The whole year, a slice of sessions at a time, yielding to requests in between. */
  private async build(
    schoolYear: string,
    inputs: Inputs,
    judge: ComplianceJudge,
  ): Promise<YearEntry> {
    const entry: YearEntry = {
      inputs,
      sessions: new Map(),
      attestations: new Map(),
      views: new Map(),
    };
    const context = await loadEstablishmentsContext(this.views, {});
    const ids = await this.views.all<{ session_id: string }>(
      'SELECT session_id FROM cert_sessions WHERE school_year = ? ORDER BY session_id',
      [schoolYear],
    );
    await this.inSlices(
      ids.map((row) => row.session_id),
      async (slice) => {
        const summaries = await summariseSessions(this.views, schoolYear, slice, judge, context);
        for (const summary of summaries) entry.sessions.set(summary.sessionId, summary);
      },
    );
    // A parcours is completed in an open campaign of the same stream (the decider refuses it
    // otherwise): the campaigns and the outcomes (indexed by year) name every establishment;
    // the completions, keyed by establishment first, would be scanned for every year.
    const uais = await this.views.all<{ uai: string }>(
      `SELECT uai FROM cert_6e_campaigns WHERE school_year = ?
       UNION SELECT uai FROM cert_6e_outcomes WHERE school_year = ? ORDER BY uai`,
      [schoolYear, schoolYear],
    );
    await this.inSlices(
      uais.map((row) => row.uai),
      async (slice) => {
        const summaries = await summariseAttestations6e(this.views, schoolYear, slice, context);
        for (const summary of summaries) entry.attestations.set(summary.uai, summary);
      },
    );
    return entry;
  }

  /**
   * Runs `work` over consecutive slices of the keys, sized so that each takes a few
   * milliseconds, and lets the event loop serve requests between two of them.
   */
  private async inSlices(
    keys: readonly string[],
    work: (slice: readonly string[]) => Promise<void>,
  ): Promise<void> {
    let size = this.sliceSize;
    let i = 0;
    while (i < keys.length) {
      const slice = keys.slice(i, i + size);
      const started = performance.now();
      await work(slice);
      const ms = performance.now() - started;
      i += slice.length;
      if (ms > SLICE_MS * 1.5 && size > 1) size = Math.max(1, Math.floor(size / 2));
      else if (ms < SLICE_MS / 2) size = Math.min(size * 2, 4096);
      await yieldToRequests();
    }
    this.sliceSize = size;
  }

  /** Judges the listed sessions and 6e attestations again (what new events touched). */
  private async rejudge(
    entry: YearEntry,
    schoolYear: string,
    sessionIds: readonly string[],
    uais: readonly string[],
    judge: ComplianceJudge,
  ): Promise<void> {
    for (const ids of chunks(sessionIds, PATCH_CHUNK)) {
      for (const summary of await summariseSessions(this.views, schoolYear, ids, judge)) {
        entry.sessions.set(summary.sessionId, summary);
      }
      await yieldToRequests();
    }
    for (const ids of chunks(uais, PATCH_CHUNK)) {
      const found = new Map(
        (await summariseAttestations6e(this.views, schoolYear, ids)).map((a) => [a.uai, a]),
      );
      for (const uai of ids) {
        const summary = found.get(uai);
        if (summary) entry.attestations.set(uai, summary);
        else entry.attestations.delete(uai);
      }
      await yieldToRequests();
    }
  }

  /**
   * Judges again what the events after the summary's checkpoint touched. False when they are
   * too many (building the year again is then cheaper).
   */
  private async patch(
    schoolYear: string,
    entry: YearEntry,
    upTo: number,
    judge: ComplianceJudge,
  ): Promise<boolean> {
    const from = entry.inputs.position + 1;
    const sessionIds = new Set<string>();
    const uais6e = new Set<string>();
    const movedUais = new Set<string>();
    let events = 0;
    for await (const event of this.store.readAll({
      fromPosition: from,
      filter: { categories: [SESSION_CATEGORY, ATTESTATION6E_CATEGORY], schoolYears: [schoolYear] },
      maxCount: this.maxDeltaEvents + 1,
    })) {
      if (event.position > upTo) break;
      if (++events > this.maxDeltaEvents) return false;
      const data = event.data as { sessionId?: string; uai?: string };
      if (event.streamId.startsWith(`${SESSION_CATEGORY}-`) && data.sessionId) {
        sessionIds.add(data.sessionId);
      } else if (data.uai) uais6e.add(data.uai);
    }
    for await (const event of this.store.readAll({
      fromPosition: from,
      filter: { categories: [ESTABLISHMENT_CATEGORY] },
      maxCount: this.maxDeltaEvents + 1,
    })) {
      if (event.position > upTo) break;
      if (++events > this.maxDeltaEvents) return false;
      const uai = (event.data as { uai?: string }).uai;
      if (uai) movedUais.add(uai);
    }
    if (movedUais.size > 0) {
      // An establishment's académie (or name) changed: its sessions are judged again.
      for (const chunk of chunks([...movedUais], PATCH_CHUNK)) {
        const rows = await this.views.all<{ session_id: string }>(
          `SELECT session_id FROM cert_sessions WHERE school_year = ? AND uai IN (${chunk.map(() => '?').join(', ')})`,
          [schoolYear, ...chunk],
        );
        for (const row of rows) sessionIds.add(row.session_id);
        for (const uai of chunk) uais6e.add(uai);
      }
    }
    await this.rejudge(entry, schoolYear, [...sessionIds], [...uais6e], judge);
    entry.inputs = { ...entry.inputs, position: upTo };
    entry.views.clear();
    return true;
  }
}
