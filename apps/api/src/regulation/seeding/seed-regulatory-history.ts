import {
  REGULATION_TEXT_CATEGORY,
  REGULATORY_HISTORY_V1,
  type RegulatoryHistory,
  YEAR_CALENDAR_CATEGORY,
} from '@pix-ledger/domain';
import type { EventStore } from '@pix-ledger/event-store';
import type { RegulationCommands } from '../regulation-commands.service';

export interface SeedReport {
  version: string;
  recorded: number;
  alreadyThere: number;
}

/** The idempotency key of a seed item: independent of the history's version, so v2 only adds. */
export const seedIdempotencyKey = (itemKey: string) => `regulatory-history/${itemKey}`;

/**
 * Replays the regulatory history through the same commands as live input, each item with its
 * own idempotency key (deterministic event ids) and its knowledge time. An item whose key was
 * already used is not run again, so seeding twice adds nothing.
 */
export async function seedRegulatoryHistory(
  commands: RegulationCommands,
  history: RegulatoryHistory = REGULATORY_HISTORY_V1,
): Promise<SeedReport> {
  const report: SeedReport = { version: history.version, recorded: 0, alreadyThere: 0 };
  for (const item of history.items) {
    const result = await commands.execute(item.command, {
      idempotencyKey: seedIdempotencyKey(item.key),
      knownFrom: item.knownFrom,
      knownFromBasis: item.knownFromBasis,
      actor: 'system:seed',
      correlationId: history.version,
      deferCatchUp: true,
    });
    if (result.replayed) report.alreadyThere++;
    else report.recorded++;
  }
  return report;
}

/** Whether the store holds any regulation event yet. */
export async function hasRegulation(store: EventStore): Promise<boolean> {
  for await (const _event of store.readAll({
    filter: { categories: [REGULATION_TEXT_CATEGORY, YEAR_CALENDAR_CATEGORY] },
    maxCount: 1,
  })) {
    return true;
  }
  return false;
}

/**
 * `PIX_LEDGER_SEED_REGULATION=true|false`: seed an empty store on start. Default: on, except
 * under jest (NODE_ENV=test), where tests that need an empty log start the app, and the
 * regulation tests switch it on or call seedRegulatoryHistory themselves.
 */
export function seedOnStart(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.PIX_LEDGER_SEED_REGULATION;
  if (flag === 'true' || flag === '1') return true;
  if (flag === 'false' || flag === '0') return false;
  return env.NODE_ENV !== 'test';
}
