import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CqrsModule } from '@nestjs/cqrs';
import type { Clock } from '@pix-ledger/event-store';
import { CertificationModule } from './certification/certification.module';
import type { AppConfig } from './config';
import { ConsoleModule } from './console/console.module';
import { EventLogController } from './event-log/event-log.controller';
import { HealthController } from './health/health.controller';
import { EventStoreModule } from './infrastructure/event-store.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { IntegrityModule } from './integrity/integrity.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ProjectionsModule } from './projections/projections.module';
import { RegulationModule } from './regulation/regulation.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(config, clock),
        AuthModule.forRoot(config),
        PrivacyModule,
        IntegrityModule,
        ProjectionsModule,
        IntegrationsModule,
        ConsoleModule,
        CertificationModule,
        RegulationModule,
      ],
      controllers: [HealthController, EventLogController],
    };
  }
}
