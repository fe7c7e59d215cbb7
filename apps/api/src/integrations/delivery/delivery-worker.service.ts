import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@pix-ledger/projections';
import type { WebhookSubscriptionRow } from '@pix-ledger/projections/integrations/webhook-subscriptions.projection';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../integrations.config';
import { createDeliveryTables } from './delivery-tables';
import { SubscriptionDelivery } from './subscription-delivery';

/**
 * Runs one checkpointed consumer per active subscription (so a failing receiver delays only
 * its own deliveries), starts new ones, restarts replayed ones and stops cancelled ones.
 * Run it in one process only (PIX_LEDGER_WEBHOOK_WORKER=off elsewhere).
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly deliveries = new Map<
    string,
    { delivery: SubscriptionDelivery; replays: number }
  >();
  private timer?: NodeJS.Timeout;
  private syncing?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly db: ReadModelStore,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await createDeliveryTables(this.db);
    if (!this.config.webhookWorker) return;
    // The first look comes after every module has bootstrapped (the projection's table exists).
    this.timer = setInterval(() => void this.sync(), this.config.webhookPollMs);
  }

  /** Looks at the subscriptions now (after a command) rather than at the next poll. */
  sync(): Promise<void> {
    if (!this.config.webhookWorker || this.stopped) return Promise.resolve();
    this.syncing ??= this.reconcile()
      .catch((error: unknown) => this.logger.warn(`subscriptions not read: ${String(error)}`))
      .finally(() => {
        this.syncing = undefined;
      });
    return this.syncing;
  }

  private async reconcile(): Promise<void> {
    const rows = await this.db.all<
      Pick<WebhookSubscriptionRow, 'id' | 'status' | 'replay_count'> & { has_secret: number }
    >(
      `SELECT s.id, s.status, s.replay_count,
         EXISTS (SELECT 1 FROM webhook_secrets k WHERE k.subscription_id = s.id) AS has_secret
       FROM webhook_subscriptions s`,
    );
    for (const row of rows) {
      if (this.stopped) return;
      const running = this.deliveries.get(row.id);
      if (row.status !== 'active' || !row.has_secret) {
        if (running) {
          this.deliveries.delete(row.id);
          await running.delivery.stop();
        }
      } else if (!running) {
        this.deliveries.set(row.id, { delivery: this.start(row.id), replays: row.replay_count });
      } else if (row.replay_count > running.replays) {
        running.replays = row.replay_count;
        running.delivery.restart();
      }
    }
  }

  private start(subscriptionId: string): SubscriptionDelivery {
    const delivery = new SubscriptionDelivery(
      subscriptionId,
      this.store,
      this.db,
      this.config,
      (error) => this.logger.error(`subscription ${subscriptionId}: ${String(error)}`),
    );
    // A delivery that ended by itself (cancelled meanwhile) may be started again by a later sync.
    void delivery.done.finally(() => {
      if (this.deliveries.get(subscriptionId)?.delivery === delivery)
        this.deliveries.delete(subscriptionId);
    });
    return delivery;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.syncing;
    await Promise.all([...this.deliveries.values()].map(({ delivery }) => delivery.stop()));
    this.deliveries.clear();
  }
}
