import { Module, type OnModuleInit } from '@nestjs/common';
import { certificationProjection } from '@pix-ledger/projections/certification';
import { ProjectionRegistry } from '../projections/projection-registry';
import { RegulationModule } from '../regulation/regulation.module';
import { Attestations6eController } from './attestations6e/attestations6e.controller';
import { EstablishmentsController } from './establishments/establishments.controller';
import { ImportsController } from './imports/imports.controller';
import { SessionViewController } from './sessions/session-view.controller';
import { SessionsController } from './sessions/sessions.controller';
import { CertificationCommands } from './shared/certification-commands.service';
import { CertificationYearsController } from './years/certification-years.controller';
import { CertificationYears } from './years/certification-years.service';

/** Establishments, sessions, results, 6e attestations, the results import and the per-year views. */
@Module({
  imports: [RegulationModule],
  controllers: [
    EstablishmentsController,
    SessionsController,
    SessionViewController,
    Attestations6eController,
    ImportsController,
    CertificationYearsController,
  ],
  providers: [CertificationCommands, CertificationYears],
})
export class CertificationModule implements OnModuleInit {
  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(certificationProjection);
  }
}
