import { Module, type OnModuleInit } from '@nestjs/common';
import { certificationProjection } from '@pix-ledger/projections/certification';
import { ProjectionRegistry } from '../projections/projection-registry';
import { Attestations6eController } from './attestations6e/attestations6e.controller';
import { EstablishmentsController } from './establishments/establishments.controller';
import { ImportsController } from './imports/imports.controller';
import { SessionViewController } from './sessions/session-view.controller';
import { SessionsController } from './sessions/sessions.controller';
import { CertificationCommands } from './shared/certification-commands.service';

/** Establishments, sessions, results, 6e attestations, the results import and the per-year views. */
@Module({
  controllers: [
    EstablishmentsController,
    SessionsController,
    SessionViewController,
    Attestations6eController,
    ImportsController,
  ],
  providers: [CertificationCommands],
})
export class CertificationModule implements OnModuleInit {
  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(certificationProjection);
  }
}
