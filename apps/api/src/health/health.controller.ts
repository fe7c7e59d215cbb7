import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../infrastructure/event-store.module';
import { Public } from '../auth/access/access.decorators';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness and the store's head: answers only once the store can be read. */
  @Get()
  async health() {
    return {
      status: 'ok',
      eventStore: this.config.eventStore.adapter,
      headPosition: await this.store.headPosition(),
    };
  }
}
