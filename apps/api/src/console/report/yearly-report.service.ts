import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  ACADEMIES,
  type CalendarEntry,
  effectiveCalendar,
  type RuleTimeline,
  rulesTimeline,
} from '@pix-ledger/domain';
import { type Clock, EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { CLOCK } from '../../infrastructure/event-store.module';
import { CertificationYears } from '../../certification/years/certification-years.service';
import { ProjectionsService } from '../../projections/projections.service';
import { RegulationQueries } from '../../regulation/regulation-queries.service';
import { yearSummary } from '../../regulation/years/year-views';
import { listDigest } from './event-digest';
import { type ReportEvent, reportEvents } from './report-events';

export interface ReportRequest {
  schoolYear: string;
  academie?: string;
  /** Defaults to the instant of production, so the report always names what it shows. */
  knownAt?: string;
}

export interface YearlyReport {
  schoolYear: string;
  academie: { code: string; name: string } | null;
  knownAt: string;
  knownAtGiven: boolean;
  producedAt: string;
  headPosition: number;
  national: CalendarEntry[];
  narrowed: CalendarEntry[] | null;
  summary: ReturnType<typeof yearSummary>;
  rules: RuleTimeline[];
  stats: Awaited<ReturnType<CertificationYears['stats']>>;
  compliance: Awaited<ReturnType<CertificationYears['compliance']>>;
  events: ReportEvent[];
  eventsDigest: string;
}

/**
 * Everything the yearly audit report shows, from the same queries as the HTTP views
 * (regulation snapshot, certification year views), all asked with one `knownAt`, plus the
 * list of events those views were built from.
 */
@Injectable()
export class YearlyReportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionsService,
    private readonly regulation: RegulationQueries,
    private readonly certification: CertificationYears,
  ) {}

  async build(request: ReportRequest): Promise<YearlyReport> {
    const producedAt = this.clock.now().toISOString();
    const knownAt = request.knownAt ?? producedAt;
    const { schoolYear, academie } = request;
    // The views must include everything in the log up to the head the event list stops at.
    const headPosition = await this.store.headPosition();
    await this.projections.catchUp();

    const snapshot = await this.regulation.snapshot(knownAt);
    const calendar = snapshot.calendars[schoolYear];
    if (!calendar) {
      throw new NotFoundException(
        `No calendar is recorded for ${schoolYear} as known at ${knownAt}`,
      );
    }
    const [stats, compliance, events] = await Promise.all([
      this.certification.stats({ schoolYear, academie, knownAt }),
      this.certification.compliance({ schoolYear, academie, knownAt }),
      reportEvents(this.store, schoolYear, knownAt, headPosition),
    ]);
    return {
      schoolYear,
      academie: academie ? { code: academie, name: ACADEMIES[academie] ?? academie } : null,
      knownAt,
      knownAtGiven: request.knownAt !== undefined,
      producedAt,
      headPosition,
      national: effectiveCalendar(snapshot, schoolYear) ?? [],
      narrowed: academie ? (effectiveCalendar(snapshot, schoolYear, academie) ?? []) : null,
      summary: yearSummary(snapshot, calendar),
      rules: rulesTimeline(snapshot, schoolYear, undefined, academie),
      stats,
      compliance,
      events,
      eventsDigest: listDigest(events),
    };
  }
}
