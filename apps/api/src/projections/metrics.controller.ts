import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Gauge, Registry } from 'prom-client';
import { ProjectionsService } from './projections.service';

/** Prometheus exposition of the projections' lag, read from the runner at each scrape. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();

  constructor(projections: ProjectionsService) {
    const gauge = (name: string, help: string, labelNames: string[]) =>
      new Gauge({ name, help, labelNames, registers: [this.registry] });
    const byProjection = ['projection'];
    const byRebuild = ['projection', 'version', 'school_year'];
    const checkpoint = gauge(
      'pix_ledger_projection_checkpoint_position',
      'Log position the live tables of the projection reflect',
      byProjection,
    );
    const lag = gauge(
      'pix_ledger_projection_lag_positions',
      'Log positions between the head and the projection checkpoint',
      byProjection,
    );
    const age = gauge(
      'pix_ledger_projection_lag_seconds',
      'Age of the oldest event the projection has not processed yet (0 when caught up)',
      byProjection,
    );
    const version = gauge(
      'pix_ledger_projection_live_version',
      'Version of the projection whose tables serve the queries',
      byProjection,
    );
    const rebuild = gauge(
      'pix_ledger_projection_rebuild_position',
      'Log position a rebuild under way has reached (absent when none)',
      byRebuild,
    );
    const rebuildTarget = gauge(
      'pix_ledger_projection_rebuild_target_position',
      'Position a rebuild under way heads for (the head, or the live checkpoint for one year)',
      byRebuild,
    );
    const head = gauge(
      'pix_ledger_event_store_head_position',
      'Position of the last event in the log',
      [],
    );
    this.refresh = async () => {
      const statuses = await projections.status();
      for (const g of [checkpoint, lag, age, version, rebuild, rebuildTarget]) g.reset();
      head.set(statuses[0]?.headPosition ?? 0);
      for (const s of statuses) {
        const projection = s.name;
        checkpoint.set({ projection }, s.checkpoint);
        lag.set({ projection }, s.behind);
        age.set({ projection }, s.oldestUnprocessedAgeSeconds);
        if (s.liveVersion !== null) version.set({ projection }, s.liveVersion);
        if (s.rebuild) {
          const labels = {
            projection,
            version: String(s.rebuild.version),
            school_year: s.rebuild.schoolYear ?? 'all',
          };
          rebuild.set(labels, s.rebuild.position);
          rebuildTarget.set(labels, s.rebuild.target);
        }
      }
    };
  }

  private readonly refresh: () => Promise<void>;

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics: projection checkpoints, lag and rebuilds' })
  async metrics(): Promise<string> {
    await this.refresh();
    return this.registry.metrics();
  }
}
