import { Module, type OnModuleInit } from '@nestjs/common';
import { regulationTimelineProjection } from '@pix-ledger/projections/regulation';
import { ProjectionRegistry } from '../projections/projection-registry';
import { RuleCatalogueController } from './catalogue/rule-catalogue.controller';
import { RegulationCommands } from './regulation-commands.service';
import { RegulationQueries } from './regulation-queries.service';
import { RegulationSeeding } from './seeding/regulation-seeding.service';
import { TextsController } from './texts/texts.controller';
import { YearsController } from './years/years.controller';

/**
 * The regulation as events: texts, rules and calendars, with the rules in force on any date
 * as known at any time. Exports RegulationQueries for the modules that judge by the rules.
 */
@Module({
  controllers: [TextsController, YearsController, RuleCatalogueController],
  providers: [RegulationCommands, RegulationQueries, RegulationSeeding],
  exports: [RegulationQueries, RegulationCommands, RegulationSeeding],
})
export class RegulationModule implements OnModuleInit {
  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(regulationTimelineProjection);
  }
}
