import { Inject, Injectable } from '@nestjs/common';
import { buildRegulationSnapshot, type RegulationSnapshot } from '@pix-ledger/domain';
import { READ_MODEL_STORE, type ReadModelStore } from '@pix-ledger/projections';
import {
  readRegulationTimeline,
  regulationTimelineHead,
  regulationTimelineProjection,
} from '@pix-ledger/projections/regulation';

/**
 * The regulation as the registry knows it now, or knew it at `knownAt`: folded from the
 * regulation-timeline read model. Other modules (the certification views) judge sessions with
 * it. The snapshot without `knownAt` is cached until the timeline moves: treat it as read-only.
 */
@Injectable()
export class RegulationQueries {
  private cached?: { head: number; snapshot: RegulationSnapshot };
  private schemaReady?: Promise<void>;

  constructor(@Inject(READ_MODEL_STORE) private readonly views: ReadModelStore) {}

  /** The table may be read before the projection runner created it (early callers). */
  private ensureSchema(): Promise<void> {
    this.schemaReady ??= (async () => {
      for (const ddl of regulationTimelineProjection.schema) await this.views.run(ddl);
    })();
    return this.schemaReady;
  }

  async snapshot(knownAt?: string): Promise<RegulationSnapshot> {
    await this.ensureSchema();
    if (knownAt !== undefined)
      return buildRegulationSnapshot(await readRegulationTimeline(this.views, knownAt), knownAt);
    return (await this.current()).snapshot;
  }

  /** Today's regulation and the timeline position it was folded at (its version). */
  async current(): Promise<{ head: number; snapshot: RegulationSnapshot }> {
    await this.ensureSchema();
    const head = await regulationTimelineHead(this.views);
    if (this.cached?.head !== head) {
      this.cached = {
        head,
        snapshot: buildRegulationSnapshot(await readRegulationTimeline(this.views)),
      };
    }
    return this.cached;
  }
}
