import { Injectable } from '@nestjs/common';
import type { Projection } from '@pix-ledger/projections';

/**
 * Feature modules hand their projections here (in their constructor or onModuleInit);
 * the runner starts with all of them once the application has bootstrapped.
 */
@Injectable()
export class ProjectionRegistry {
  private readonly projections = new Map<string, Projection>();

  register(...projections: Projection[]): void {
    for (const projection of projections) {
      if (this.projections.has(projection.name)) {
        throw new Error(`Projection ${projection.name} is registered twice`);
      }
      this.projections.set(projection.name, projection);
    }
  }

  all(): Projection[] {
    return [...this.projections.values()];
  }
}
