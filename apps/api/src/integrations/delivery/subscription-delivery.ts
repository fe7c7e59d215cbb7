import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@pix-ledger/event-store';
import type { ReadModelStore } from '@pix-ledger/projections';
import type { WebhookSubscriptionRow } from '@pix-ledger/projections/integrations/webhook-subscriptions.projection';
import { cloudEventJson } from '../cloud-events/to-cloud-event';
import type { IntegrationsConfig } from '../integrations.config';
import { backoffDelayMs } from './backoff';
import type { DeliveryStateRow } from './delivery-tables';
import { postDelivery } from './post-delivery';

type Settled = 'delivered' | 'dead-lettered' | 'interrupted';

/**
 * The checkpointed consumer of one subscription: one event at a time, in log order, each
 * tried until a 2xx or until it is dead-lettered; only then does the checkpoint move. A crash
 * in between means the event is sent again (at-least-once), never skipped.
 */
export class SubscriptionDelivery {
  private stopped = false;
  private interrupted = false;
  private subscription?: Subscription;
  private wakeSleeper?: () => void;
  readonly done: Promise<void>;

  constructor(
    readonly subscriptionId: string,
    private readonly store: EventStore,
    private readonly db: ReadModelStore,
    private readonly config: IntegrationsConfig,
    private readonly onError: (error: unknown) => void,
  ) {
    this.done = this.run();
  }

  /** A replay was asked for: finish the current attempt, then start again from the new checkpoint. */
  restart(): void {
    this.interrupted = true;
    void this.subscription?.stop();
    this.wakeSleeper?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.restart();
    await this.done;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        this.interrupted = false;
        const ready = await this.prepare();
        if (!ready) return;
        const { row, state, secret } = ready;
        this.subscription = this.store.subscribe({
          fromPosition: state.checkpoint,
          filter: JSON.parse(row.filter) as EventFilter,
        });
        // A replay asked for while preparing: apply it before waiting for events.
        if (this.interrupted) continue;
        for await (const event of this.subscription) {
          const settled = await this.settle(event, row, secret);
          if (settled === 'interrupted' || this.interrupted) break;
        }
      } catch (error) {
        this.onError(error);
        await this.sleep(this.config.webhookPollMs);
      }
    }
  }

  /** Loads the subscription and its delivery state, applying a replay asked for since. */
  private async prepare() {
    const row = await this.db.get<WebhookSubscriptionRow>(
      'SELECT * FROM webhook_subscriptions WHERE id = ?',
      [this.subscriptionId],
    );
    const secret = await this.db.get<{ secret: string }>(
      'SELECT secret FROM webhook_secrets WHERE subscription_id = ?',
      [this.subscriptionId],
    );
    if (!row || row.status !== 'active' || !secret) return undefined;
    await this.db.run(
      `INSERT INTO webhook_delivery_state (subscription_id, checkpoint, replays_applied, attempts,
         delivered, failed_attempts)
       VALUES (?, ?, 0, 0, 0, 0) ON CONFLICT (subscription_id) DO NOTHING`,
      [this.subscriptionId, row.start_after],
    );
    let state = await this.state();
    if (row.replay_count > state.replays_applied && row.replay_from !== null) {
      await this.db.run(
        `UPDATE webhook_delivery_state SET checkpoint = ?, replays_applied = ?, pending_position = NULL,
           attempts = 0, next_attempt_at = NULL WHERE subscription_id = ?`,
        [row.replay_from - 1, row.replay_count, this.subscriptionId],
      );
      state = await this.state();
    }
    return { row, state, secret: secret.secret };
  }

  private async state(): Promise<DeliveryStateRow> {
    const state = await this.db.get<DeliveryStateRow>(
      'SELECT * FROM webhook_delivery_state WHERE subscription_id = ?',
      [this.subscriptionId],
    );
    if (!state) throw new Error(`no delivery state for ${this.subscriptionId}`);
    return state;
  }

  private async settle(
    event: RecordedEvent,
    row: WebhookSubscriptionRow,
    secret: string,
  ): Promise<Settled> {
    const body = cloudEventJson(event, this.config.cloudEventsSource);
    for (;;) {
      const state = await this.state();
      const failures = state.pending_position === event.position ? state.attempts : 0;
      const retryAt = state.pending_position === event.position ? state.next_attempt_at : null;
      const wait = retryAt ? Date.parse(retryAt) - Date.now() : 0;
      if (wait > 0) await this.sleep(wait);
      if (this.interrupted) return 'interrupted';

      const result = await postDelivery({
        url: row.url,
        subscriptionId: row.id,
        secret,
        body,
        attempt: failures + 1,
        timeoutMs: this.config.webhookTimeoutMs,
      });
      const now = new Date().toISOString();
      if (result.ok) {
        await this.db.transaction(async (tx) => {
          await tx.run(
            `UPDATE webhook_delivery_state SET checkpoint = ?, pending_position = NULL, attempts = 0,
               next_attempt_at = NULL, last_attempt_at = ?, delivered = delivered + 1
             WHERE subscription_id = ?`,
            [event.position, now, row.id],
          );
          // Delivered after a replay: no longer a dead letter.
          await tx.run(
            'DELETE FROM webhook_dead_letters WHERE subscription_id = ? AND position = ?',
            [row.id, event.position],
          );
        });
        return 'delivered';
      }
      const attempts = failures + 1;
      if (attempts >= row.max_attempts) {
        await this.db.transaction(async (tx) => {
          await tx.run(
            `INSERT INTO webhook_dead_letters (subscription_id, position, event_id, type, attempts, last_error, dead_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (subscription_id, position) DO UPDATE SET attempts = excluded.attempts,
               last_error = excluded.last_error, dead_at = excluded.dead_at`,
            [row.id, event.position, event.eventId, event.type, attempts, result.error, now],
          );
          await tx.run(
            `UPDATE webhook_delivery_state SET checkpoint = ?, pending_position = NULL, attempts = 0,
               next_attempt_at = NULL, last_attempt_at = ?, last_error = ?,
               failed_attempts = failed_attempts + 1
             WHERE subscription_id = ?`,
            [event.position, now, result.error, row.id],
          );
        });
        return 'dead-lettered';
      }
      const delay = backoffDelayMs(
        attempts,
        this.config.webhookBackoffBaseMs,
        this.config.webhookMaxBackoffMs,
      );
      await this.db.run(
        `UPDATE webhook_delivery_state SET pending_position = ?, attempts = ?, next_attempt_at = ?,
           last_attempt_at = ?, last_error = ?, failed_attempts = failed_attempts + 1
         WHERE subscription_id = ?`,
        [
          event.position,
          attempts,
          new Date(Date.now() + delay).toISOString(),
          now,
          result.error,
          row.id,
        ],
      );
    }
  }

  /** A timer that restart() and stop() cut short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleeper = done;
    });
  }
}
