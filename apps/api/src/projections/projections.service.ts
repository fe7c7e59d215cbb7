import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { ProjectionRunner, READ_MODEL_STORE, type ReadModelStore } from '@pix-ledger/projections';
import { ProjectionRegistry } from './projection-registry';

/** Runs the registered projections in this process (the embedded default). */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private runner?: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly registry: ProjectionRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runner = new ProjectionRunner(this.store, this.readModels, this.registry.all());
    await this.runner.init();
    await this.runner.catchUp();
    this.runner.start();
  }

  /**
   * Read-your-writes: a command handler calls this before answering, so the caller's next
   * query already sees what it recorded.
   */
  async catchUp(): Promise<void> {
    await this.runner?.catchUp();
  }

  status() {
    return this.runner?.status() ?? Promise.resolve([]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    await this.readModels.close();
  }
}
