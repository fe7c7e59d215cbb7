import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import {
  ProjectionRunner,
  type ProjectionStatus,
  READ_MODEL_STORE,
  type ReadModelStore,
  type RebuildJob,
} from '@pix-ledger/projections';
import { withRuntimeDefaults } from '@pix-ledger/projections/catalogue';
import { ProjectionRegistry } from './projection-registry';
import type { ProjectionsConfig } from './projections.config';

export const PROJECTIONS_CONFIG = Symbol('ProjectionsConfig');

/**
 * Runs the registered projections in this process (`inline`, the embedded default), or
 * leaves them to an apps/projector process (`off`) and only reads how far it is.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private runner?: ProjectionRunner;
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
    private readonly registry: ProjectionRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runner = new ProjectionRunner(
      this.store,
      this.readModels,
      this.registry.all().map(withRuntimeDefaults),
      {
        batchSize: this.config.batchSize,
        rebuildBatchSize: this.config.rebuildBatchSize,
        log: (message) => this.logger.log(message),
      },
    );
    if (this.config.run === 'off') {
      // The runtime tables only, so that status and rebuild requests work before the projector.
      await this.runner.createRuntimeTables();
      return;
    }
    await this.runner.init();
    // The API answers only once its views are current; a projector serves its status at once.
    if (this.config.catchUpBeforeServing !== false) await this.runner.catchUp();
    this.runner.start();
  }

  get mode(): ProjectionsConfig['run'] {
    return this.config.run;
  }

  /**
   * Read-your-writes: a command handler calls this before answering, so the caller's next
   * query already sees what it recorded. With an external projector, waits (up to the
   * configured time) until every projection has reached the head read now.
   */
  async catchUp(): Promise<void> {
    if (!this.runner) return;
    if (this.config.run === 'inline') return this.runner.catchUp();
    const head = await this.store.headPosition();
    const deadline = Date.now() + this.config.readYourWritesTimeoutMs;
    while (Date.now() < deadline) {
      if (await this.runner.reached(head)) return;
      await sleep(20);
    }
    this.logger.warn(`the projector has not reached position ${head} yet: answering anyway`);
  }

  status(): Promise<ProjectionStatus[]> {
    return this.runner?.status() ?? Promise.resolve([]);
  }

  /** Asks for a blue/green rebuild; the runner (here or in the projector) carries it out. */
  requestRebuild(name: string, schoolYear?: string): Promise<RebuildJob> {
    if (!this.runner) throw new Error('projections are not started');
    return this.runner.requestRebuild(name, { schoolYear });
  }

  has(name: string): boolean {
    return this.registry.all().some((p) => p.name === name);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    await this.readModels.close();
  }
}
