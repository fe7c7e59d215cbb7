import { type DynamicModule, Module } from '@nestjs/common';
import { AccessControlModule, AuthModule } from './auth/auth.module';
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
  /**
   * `accessControl: false` leaves out the rate limits and the access guard: only for tests
   * that exercise what lies behind them (the access-matrix and security suites run with it).
   */
  static forRoot(
    config: AppConfig,
    clock?: Clock,
    options: { accessControl?: boolean } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(config, clock),
        AuthModule.forRoot(config),
        ...(options.accessControl === false ? [] : [AccessControlModule]),
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
