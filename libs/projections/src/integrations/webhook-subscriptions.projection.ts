import type { Static } from '@sinclair/typebox';
import {
  WEBHOOK_SUBSCRIPTION_CATEGORY,
  type WebhookSubscriptionCreated,
  type WebhookSubscriptionReplayRequested,
} from '@pix-ledger/domain';
import type { Projection } from '../projection';

/** One row per webhook subscription: what the delivery worker and GET /subscriptions read. */
export interface WebhookSubscriptionRow {
  id: string;
  url: string;
  filter: string;
  status: 'active' | 'cancelled';
  start_after: number;
  max_attempts: number;
  secret_fingerprint: string;
  /** How many replays were asked for: the worker compares it with the last one it applied. */
  replay_count: number;
  replay_from: number | null;
  revision: number;
  created_at: string;
}

export const webhookSubscriptionsProjection: Projection = {
  name: 'webhookSubscriptions',
  version: 1,
  filter: { categories: [WEBHOOK_SUBSCRIPTION_CATEGORY] },
  schema: [
    `CREATE TABLE IF NOT EXISTS webhook_subscriptions (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      filter TEXT NOT NULL,
      status TEXT NOT NULL,
      start_after INTEGER NOT NULL,
      max_attempts INTEGER NOT NULL,
      secret_fingerprint TEXT NOT NULL,
      replay_count INTEGER NOT NULL,
      replay_from INTEGER,
      revision INTEGER NOT NULL,
      created_at TEXT NOT NULL
    )`,
  ],
  tables: ['webhook_subscriptions'],
  async apply(tx, event) {
    switch (event.type) {
      case 'WebhookSubscriptionCreated': {
        const data = event.data as Static<typeof WebhookSubscriptionCreated.schema>;
        await tx.run(
          `INSERT INTO webhook_subscriptions (id, url, filter, status, start_after, max_attempts,
             secret_fingerprint, replay_count, replay_from, revision, created_at)
           VALUES (?, ?, ?, 'active', ?, ?, ?, 0, NULL, ?, ?)
           ON CONFLICT (id) DO NOTHING`,
          [
            data.subscriptionId,
            data.url,
            JSON.stringify(data.filter),
            data.startAfterPosition,
            data.maxAttempts,
            data.secretFingerprint,
            event.revision,
            event.metadata.recordedAt,
          ],
        );
        return;
      }
      case 'WebhookSubscriptionReplayRequested': {
        const data = event.data as Static<typeof WebhookSubscriptionReplayRequested.schema>;
        await tx.run(
          `UPDATE webhook_subscriptions
           SET replay_count = replay_count + 1, replay_from = ?, revision = ? WHERE id = ?`,
          [data.fromPosition, event.revision, data.subscriptionId],
        );
        return;
      }
      case 'WebhookSubscriptionCancelled':
        await tx.run(
          `UPDATE webhook_subscriptions SET status = 'cancelled', revision = ? WHERE id = ?`,
          [event.revision, (event.data as { subscriptionId: string }).subscriptionId],
        );
        return;
    }
  },
};
