import { Global, Module, type Provider } from '@nestjs/common';
import { createReadModelStore, READ_MODEL_STORE } from '@pix-ledger/projections';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../infrastructure/event-store.module';
import { MetricsController } from './metrics.controller';
import { ProjectionRegistry } from './projection-registry';
import { loadProjectionsConfig, type ProjectionsConfig } from './projections.config';
import { ProjectionRebuildsController, ProjectionsController } from './projections.controller';
import { PROJECTIONS_CONFIG, ProjectionsService } from './projections.service';

/** The read-model store, the registry and the runner service; apps/projector reuses them. */
export function projectionsProviders(config: (app: AppConfig) => ProjectionsConfig): Provider[] {
  return [
    { provide: PROJECTIONS_CONFIG, inject: [APP_CONFIG], useFactory: config },
    {
      provide: READ_MODEL_STORE,
      inject: [PROJECTIONS_CONFIG],
      useFactory: (projections: ProjectionsConfig) => createReadModelStore(projections.readModels),
    },
    ProjectionRegistry,
    ProjectionsService,
  ];
}

/** Read-only: the projector serves these on its own port, without access control. */
export const PROJECTIONS_CONTROLLERS = [ProjectionsController, MetricsController];

@Global()
@Module({
  controllers: [...PROJECTIONS_CONTROLLERS, ProjectionRebuildsController],
  providers: projectionsProviders((app) => loadProjectionsConfig(process.env, app.dataDir)),
  exports: [READ_MODEL_STORE, ProjectionRegistry, ProjectionsService],
})
export class ProjectionsModule {}
