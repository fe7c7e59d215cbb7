import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { ProjectionsService } from '../../projections/projections.service';
import { RegulationCommands } from '../regulation-commands.service';
import {
  hasRegulation,
  seedOnStart,
  seedRegulatoryHistory,
  type SeedReport,
} from './seed-regulatory-history';

/** Seeds the regulatory history into a store that has no regulation yet, so a new user sees real content. */
@Injectable()
export class RegulationSeeding implements OnApplicationBootstrap {
  private readonly logger = new Logger('RegulationSeeding');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: RegulationCommands,
    private readonly projections: ProjectionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!seedOnStart() || (await hasRegulation(this.store))) return;
    const report = await this.seed();
    this.logger.log(`Seeded ${report.recorded} regulation facts from ${report.version}`);
  }

  /** Seeds what is missing (idempotent) and catches the views up. */
  async seed(): Promise<SeedReport> {
    const report = await seedRegulatoryHistory(this.commands);
    await this.projections.catchUp();
    return report;
  }
}
