import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { ALL_PROJECTIONS } from '@pix-ledger/projections/catalogue';
import type { AppConfig } from '../../api/src/config';
import { EventStoreModule } from '../../api/src/infrastructure/event-store.module';
import { ProjectionRegistry } from '../../api/src/projections/projection-registry';
import type { ProjectionsConfig } from '../../api/src/projections/projections.config';
import {
  PROJECTIONS_CONTROLLERS,
  projectionsProviders,
} from '../../api/src/projections/projections.module';

/** Hands every projection of the catalogue to the runner. */
class RegisterAllProjections implements OnModuleInit {
  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(...ALL_PROJECTIONS);
  }
}

/**
 * The projection runner as its own process: the same event store and read models as the API
 * (same environment), every projection, live catch-up and rebuilds; GET /projections and
 * GET /metrics for its operators. The API then runs with PIX_LEDGER_RUN_PROJECTIONS=off.
 */
@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig, projections: ProjectionsConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [EventStoreModule.forRoot(config)],
      controllers: PROJECTIONS_CONTROLLERS,
      providers: [
        ...projectionsProviders(() => ({
          ...projections,
          run: 'inline',
          catchUpBeforeServing: false,
        })),
        {
          provide: RegisterAllProjections,
          inject: [ProjectionRegistry],
          useFactory: (registry: ProjectionRegistry) => new RegisterAllProjections(registry),
        },
      ],
    };
  }
}
