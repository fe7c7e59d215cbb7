import { Module } from '@nestjs/common';
import { webhookSubscriptionsProjection } from '@pix-ledger/projections/integrations/webhook-subscriptions.projection';
import { ProjectionRegistry } from '../projections/projection-registry';
import { AsyncApiController } from './asyncapi/asyncapi.controller';
import { DeliveryWorker } from './delivery/delivery-worker.service';
import { FeedStreams } from './feed/feed-streams.service';
import { FeedController } from './feed/feed.controller';
import { INTEGRATIONS_CONFIG, loadIntegrationsConfig } from './integrations.config';
import { WebhookSubscriptionsController } from './subscriptions/webhook-subscriptions.controller';
import { WebhookSubscriptionsService } from './subscriptions/webhook-subscriptions.service';

/** The event feed (SSE and pages), signed webhooks with their outbox, and the AsyncAPI document. */
@Module({
  controllers: [FeedController, WebhookSubscriptionsController, AsyncApiController],
  providers: [
    { provide: INTEGRATIONS_CONFIG, useFactory: () => loadIntegrationsConfig(process.env) },
    FeedStreams,
    DeliveryWorker,
    WebhookSubscriptionsService,
  ],
  exports: [FeedStreams, DeliveryWorker],
})
export class IntegrationsModule {
  constructor(registry: ProjectionRegistry) {
    registry.register(webhookSubscriptionsProjection);
  }
}
