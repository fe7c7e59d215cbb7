import { type Static, Type } from '@sinclair/typebox';
import { defineEvent, type EventDefinition } from '../shared/event-catalogue';

/** Webhook subscriptions live in `webhookSubscription-<id>` streams. */
export const WEBHOOK_SUBSCRIPTION_CATEGORY = 'webhookSubscription';

export const WebhookFilterSchema = Type.Object(
  {
    categories: Type.Optional(Type.Array(Type.String(), { description: 'Stream categories' })),
    eventTypes: Type.Optional(Type.Array(Type.String(), { description: 'Event types' })),
    schoolYears: Type.Optional(
      Type.Array(Type.String({ pattern: '^\\d{4}-\\d{4}$' }), { description: 'School years' }),
    ),
  },
  { additionalProperties: false, description: 'Only matching events are delivered; absent = all' },
);
export type WebhookFilter = Static<typeof WebhookFilterSchema>;

export const WebhookSubscriptionCreated = defineEvent({
  type: 'WebhookSubscriptionCreated',
  category: WEBHOOK_SUBSCRIPTION_CATEGORY,
  schemaVersion: 1,
  description:
    'An integration asked for signed HTTP deliveries of the matching events. The secret itself ' +
    'never enters the log (the log is readable by every integration): only its fingerprint.',
  schema: Type.Object(
    {
      subscriptionId: Type.String(),
      url: Type.String({ format: 'uri', description: 'http(s) endpoint receiving the POSTs' }),
      filter: WebhookFilterSchema,
      startAfterPosition: Type.Integer({
        minimum: 0,
        description: 'Events at later global positions are delivered',
      }),
      maxAttempts: Type.Integer({
        minimum: 1,
        description: 'Failed attempts before an event goes to the dead letters',
      }),
      secretFingerprint: Type.String({ description: 'First 16 hex digits of SHA-256(secret)' }),
    },
    { additionalProperties: false },
  ),
});

export const WebhookSubscriptionReplayRequested = defineEvent({
  type: 'WebhookSubscriptionReplayRequested',
  category: WEBHOOK_SUBSCRIPTION_CATEGORY,
  schemaVersion: 1,
  description:
    'Deliveries start again at a global position (inclusive), dead-lettered events included.',
  schema: Type.Object(
    {
      subscriptionId: Type.String(),
      fromPosition: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
});

export const WebhookSubscriptionCancelled = defineEvent({
  type: 'WebhookSubscriptionCancelled',
  category: WEBHOOK_SUBSCRIPTION_CATEGORY,
  schemaVersion: 1,
  description: 'No more deliveries for this subscription.',
  schema: Type.Object({ subscriptionId: Type.String() }, { additionalProperties: false }),
});

export type WebhookSubscriptionEvent =
  | { type: 'WebhookSubscriptionCreated'; data: Static<typeof WebhookSubscriptionCreated.schema> }
  | {
      type: 'WebhookSubscriptionReplayRequested';
      data: Static<typeof WebhookSubscriptionReplayRequested.schema>;
    }
  | {
      type: 'WebhookSubscriptionCancelled';
      data: Static<typeof WebhookSubscriptionCancelled.schema>;
    };

export const integrationEventDefinitions: EventDefinition[] = [
  WebhookSubscriptionCreated,
  WebhookSubscriptionReplayRequested,
  WebhookSubscriptionCancelled,
];
