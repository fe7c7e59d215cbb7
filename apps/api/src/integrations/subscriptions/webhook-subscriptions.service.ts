import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CommandRejected,
  secretFingerprint,
  WEBHOOK_SUBSCRIPTION_CATEGORY,
  type WebhookFilter,
  type WebhookSubscriptionCommand,
  webhookSubscriptionDecider,
} from '@pix-ledger/domain';
import {
  deterministicEventId,
  EVENT_STORE,
  EventIdConflictError,
  type EventStore,
  runCommand,
  streamName,
} from '@pix-ledger/event-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@pix-ledger/projections';
import type { WebhookSubscriptionRow } from '@pix-ledger/projections/integrations/webhook-subscriptions.projection';
import { ProjectionsService } from '../../projections/projections.service';
import { DeliveryWorker } from '../delivery/delivery-worker.service';
import type { DeadLetterRow, DeliveryStateRow } from '../delivery/delivery-tables';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../integrations.config';
import type { CreateSubscriptionDto } from './create-subscription.dto';

export interface CommandContextIn {
  expectedRevision?: number;
  idempotencyKey?: string;
}

const metadata = { actor: 'api:webhooks' };

/** Commands on webhook subscriptions (through runCommand) and the view GET /subscriptions shows. */
@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly db: ReadModelStore,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
    private readonly projections: ProjectionsService,
    private readonly worker: DeliveryWorker,
  ) {}

  async create(dto: CreateSubscriptionDto, context: CommandContextIn) {
    // The same Idempotency-Key names the same subscription, so a retried POST finds it.
    const id = context.idempotencyKey
      ? deterministicEventId(WEBHOOK_SUBSCRIPTION_CATEGORY, context.idempotencyKey, 0)
      : randomUUID();
    const streamId = streamName(WEBHOOK_SUBSCRIPTION_CATEGORY, id);
    const filter: WebhookFilter = {
      ...(dto.filter?.categories?.length ? { categories: dto.filter.categories } : {}),
      ...(dto.filter?.types?.length ? { eventTypes: dto.filter.types } : {}),
      ...(dto.filter?.schoolYears?.length ? { schoolYears: dto.filter.schoolYears } : {}),
    };
    const fingerprint = secretFingerprint(dto.secret);
    const command: WebhookSubscriptionCommand = {
      type: 'CreateWebhookSubscription',
      subscriptionId: id,
      url: dto.url,
      filter,
      // Default: what is appended from now on.
      startAfterPosition:
        dto.fromPosition !== undefined ? dto.fromPosition - 1 : await this.store.headPosition(),
      maxAttempts: dto.maxAttempts ?? this.config.webhookMaxAttempts,
      secretFingerprint: fingerprint,
    };
    let revision: number;
    try {
      ({ revision } = await runCommand(this.store, streamId, webhookSubscriptionDecider, command, {
        idempotencyKey: context.idempotencyKey,
        expectedRevision: context.expectedRevision,
        metadata,
      }));
    } catch (error) {
      if (!(
        context.idempotencyKey &&
        error instanceof CommandRejected &&
        error.kind === 'conflict'
      ))
        throw error;
      revision = await this.retriedCreation(streamId, context.idempotencyKey, fingerprint);
    }
    // Kept out of the log, which every integration may read.
    await this.db.run(
      'INSERT INTO webhook_secrets (subscription_id, secret) VALUES (?, ?) ON CONFLICT (subscription_id) DO NOTHING',
      [id, dto.secret],
    );
    await this.afterCommand();
    return { id, revision };
  }

  /** A retry of the same creation answers like the first time; anything else is a conflict. */
  private async retriedCreation(
    streamId: string,
    key: string,
    fingerprint: string,
  ): Promise<number> {
    const history = await this.store.readStream(streamId);
    const first = history[0];
    const data = first?.data as { secretFingerprint?: string } | undefined;
    if (
      first?.eventId !== deterministicEventId(streamId, key, 0) ||
      data?.secretFingerprint !== fingerprint
    ) {
      throw new EventIdConflictError(
        first?.eventId ?? key,
        'another subscription request with this Idempotency-Key',
      );
    }
    return history[history.length - 1].revision;
  }

  async replay(id: string, fromPosition: number, context: CommandContextIn) {
    const { revision } = await runCommand(
      this.store,
      streamName(WEBHOOK_SUBSCRIPTION_CATEGORY, id),
      webhookSubscriptionDecider,
      { type: 'RequestWebhookReplay', fromPosition, headPosition: await this.store.headPosition() },
      { ...context, metadata },
    );
    await this.afterCommand();
    return { id, revision, fromPosition };
  }

  async cancel(id: string, context: CommandContextIn) {
    const { revision } = await runCommand(
      this.store,
      streamName(WEBHOOK_SUBSCRIPTION_CATEGORY, id),
      webhookSubscriptionDecider,
      { type: 'CancelWebhookSubscription' },
      { ...context, metadata },
    );
    await this.afterCommand();
    return { id, revision, status: 'cancelled' as const };
  }

  private async afterCommand(): Promise<void> {
    await this.projections.catchUp();
    await this.worker.sync();
  }

  async list() {
    const rows = await this.db.all<WebhookSubscriptionRow>(
      'SELECT * FROM webhook_subscriptions ORDER BY created_at, id',
    );
    return Promise.all(rows.map((row) => this.view(row, false)));
  }

  async get(id: string) {
    const row = await this.db.get<WebhookSubscriptionRow>(
      'SELECT * FROM webhook_subscriptions WHERE id = ?',
      [id],
    );
    if (!row) throw new NotFoundException([`no webhook subscription ${id}`]);
    return this.view(row, true);
  }

  private async view(row: WebhookSubscriptionRow, withDeadLetters: boolean) {
    const state = await this.db.get<DeliveryStateRow>(
      'SELECT * FROM webhook_delivery_state WHERE subscription_id = ?',
      [row.id],
    );
    const deadLetters = await this.db.all<DeadLetterRow>(
      'SELECT * FROM webhook_dead_letters WHERE subscription_id = ? ORDER BY position',
      [row.id],
    );
    const filter = JSON.parse(row.filter) as WebhookFilter;
    return {
      id: row.id,
      url: row.url,
      filter: {
        categories: filter.categories,
        types: filter.eventTypes,
        schoolYears: filter.schoolYears,
      },
      status: row.status,
      maxAttempts: row.max_attempts,
      secretFingerprint: row.secret_fingerprint,
      createdAt: row.created_at,
      revision: Number(row.revision),
      delivery: {
        /** Position of the last event delivered or dead-lettered. */
        checkpoint: Number(state?.checkpoint ?? row.start_after),
        headPosition: await this.store.headPosition(),
        delivered: Number(state?.delivered ?? 0),
        failedAttempts: Number(state?.failed_attempts ?? 0),
        retrying:
          state?.pending_position != null
            ? {
                position: Number(state.pending_position),
                attempts: Number(state.attempts),
                nextAttemptAt: state.next_attempt_at,
              }
            : null,
        lastAttemptAt: state?.last_attempt_at ?? null,
        lastError: state?.last_error ?? null,
      },
      deadLetterCount: deadLetters.length,
      ...(withDeadLetters
        ? {
            deadLetters: deadLetters.map((d) => ({
              position: Number(d.position),
              eventId: d.event_id,
              type: d.type,
              attempts: Number(d.attempts),
              lastError: d.last_error,
              deadAt: d.dead_at,
            })),
          }
        : {}),
    };
  }
}
