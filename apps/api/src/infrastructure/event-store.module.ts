import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  type Clock,
  createEventStore,
  EVENT_STORE,
  type EventStore,
  systemClock,
  UpcasterRegistry,
} from '@pix-ledger/event-store';
import { withRequestActor } from '../auth/request-actor';
import type { AppConfig } from '../config';

export const APP_CONFIG = Symbol('AppConfig');
export const CLOCK = Symbol('Clock');

/** Provides the configured event store, the clock and the upcasters to every module. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig, clock: Clock = systemClock) {
    const upcasters = new UpcasterRegistry();
    return {
      module: EventStoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: UpcasterRegistry, useValue: upcasters },
        {
          provide: EVENT_STORE,
          // Appends made while serving a request name its caller (metadata.actor).
          useFactory: () =>
            withRequestActor(createEventStore(config.eventStore, { clock, upcasters })),
        },
      ],
      exports: [APP_CONFIG, CLOCK, UpcasterRegistry, EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
