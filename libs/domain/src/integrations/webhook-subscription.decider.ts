import { CommandRejected, type Decider } from '../shared/decider';
import type { WebhookFilter, WebhookSubscriptionEvent } from './webhook-subscription.events';

export type WebhookSubscriptionState =
  { status: 'none' } | { status: 'active' | 'cancelled'; subscriptionId: string };

export type WebhookSubscriptionCommand =
  | {
      type: 'CreateWebhookSubscription';
      subscriptionId: string;
      url: string;
      filter: WebhookFilter;
      startAfterPosition: number;
      maxAttempts: number;
      secretFingerprint: string;
    }
  | {
      type: 'RequestWebhookReplay';
      fromPosition: number;
      /** The log's head when asked: a replay can start at most just after it. */
      headPosition: number;
    }
  | { type: 'CancelWebhookSubscription' };

const CATEGORY = /^[A-Za-z][A-Za-z0-9]*$/;
const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

export const webhookSubscriptionDecider: Decider<
  WebhookSubscriptionState,
  WebhookSubscriptionCommand,
  WebhookSubscriptionEvent
> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    switch (event.type) {
      case 'WebhookSubscriptionCreated':
        return { status: 'active', subscriptionId: event.data.subscriptionId };
      case 'WebhookSubscriptionCancelled':
        return state.status === 'none' ? state : { ...state, status: 'cancelled' };
      default:
        return state;
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'CreateWebhookSubscription': {
        if (state.status !== 'none') {
          throw CommandRejected.conflict('this subscription already exists', 'subscriptionId');
        }
        assertDeliverableUrl(command.url);
        assertFilter(command.filter);
        if (!Number.isInteger(command.startAfterPosition) || command.startAfterPosition < 0) {
          throw CommandRejected.invalid('fromPosition', 'must be an integer >= 1');
        }
        if (!Number.isInteger(command.maxAttempts) || command.maxAttempts < 1) {
          throw CommandRejected.invalid('maxAttempts', 'must be an integer >= 1');
        }
        const { type: _type, ...data } = command;
        return [{ type: 'WebhookSubscriptionCreated', data }];
      }
      case 'RequestWebhookReplay': {
        const subscriptionId = activeSubscription(state);
        if (!Number.isInteger(command.fromPosition) || command.fromPosition < 1) {
          throw CommandRejected.invalid('fromPosition', 'must be an integer >= 1');
        }
        if (command.fromPosition > command.headPosition + 1) {
          throw CommandRejected.invalid(
            'fromPosition',
            `is beyond the end of the log (head position ${command.headPosition})`,
          );
        }
        return [
          {
            type: 'WebhookSubscriptionReplayRequested',
            data: { subscriptionId, fromPosition: command.fromPosition },
          },
        ];
      }
      case 'CancelWebhookSubscription': {
        if (state.status === 'cancelled') return [];
        const subscriptionId = activeSubscription(state);
        return [{ type: 'WebhookSubscriptionCancelled', data: { subscriptionId } }];
      }
    }
  },
};

function activeSubscription(state: WebhookSubscriptionState): string {
  if (state.status === 'none') throw CommandRejected.notFound('no such webhook subscription');
  if (state.status === 'cancelled') {
    throw CommandRejected.conflict('the subscription is cancelled');
  }
  return state.subscriptionId;
}

function assertDeliverableUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw CommandRejected.invalid('url', 'must be an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw CommandRejected.invalid('url', 'must use http or https');
  }
  if (parsed.username || parsed.password) {
    throw CommandRejected.invalid(
      'url',
      'must not carry credentials (the signature authenticates)',
    );
  }
}

function assertFilter(filter: WebhookFilter): void {
  for (const category of filter.categories ?? []) {
    if (!CATEGORY.test(category)) {
      throw CommandRejected.invalid('filter.categories', `"${category}" is not a stream category`);
    }
  }
  for (const year of filter.schoolYears ?? []) {
    const match = SCHOOL_YEAR.exec(year);
    if (!match || Number(match[2]) !== Number(match[1]) + 1) {
      throw CommandRejected.invalid('filter.schoolYears', `"${year}" is not a school year`);
    }
  }
}
