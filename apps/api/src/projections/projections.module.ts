import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { READ_MODEL_STORE, SqliteReadModelStore } from '@pix-ledger/projections';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../infrastructure/event-store.module';
import { ProjectionRegistry } from './projection-registry';
import { ProjectionsController } from './projections.controller';
import { ProjectionsService } from './projections.service';

@Global()
@Module({
  controllers: [ProjectionsController],
  providers: [
    {
      provide: READ_MODEL_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new SqliteReadModelStore(join(config.dataDir, 'pix-ledger.views.db')),
    },
    ProjectionRegistry,
    ProjectionsService,
  ],
  exports: [READ_MODEL_STORE, ProjectionRegistry, ProjectionsService],
})
export class ProjectionsModule {}
