import { certificationProjection } from './certification/certification.projection';
import { webhookSubscriptionsProjection } from './integrations/webhook-subscriptions.projection';
import type { Projection } from './projection';
import { regulationTimelineProjection } from './regulation/regulation-timeline.projection';

/**
 * Year columns of projections that do not declare `yearColumns` themselves yet; a projection's
 * own declaration wins. Every table listed holds `metadata.schoolYear` in that column.
 */
const KNOWN_YEAR_COLUMNS: Record<string, Record<string, string>> = {
  certification: {
    cert_sessions: 'school_year',
    cert_session_steps: 'school_year',
    cert_candidates: 'school_year',
    cert_results: 'school_year',
    cert_6e_campaigns: 'school_year',
    cert_6e_completions: 'school_year',
    cert_6e_outcomes: 'school_year',
  },
};

export function withRuntimeDefaults(projection: Projection): Projection {
  const yearColumns = KNOWN_YEAR_COLUMNS[projection.name];
  return projection.yearColumns || !yearColumns ? projection : { ...projection, yearColumns };
}

/**
 * Every projection of the registry, for the processes that run them without the HTTP
 * modules (apps/projector, apps/cli). The API registers the same ones from its feature
 * modules; a test checks that both lists agree.
 */
export const ALL_PROJECTIONS: readonly Projection[] = [
  certificationProjection,
  regulationTimelineProjection,
  webhookSubscriptionsProjection,
].map(withRuntimeDefaults);
