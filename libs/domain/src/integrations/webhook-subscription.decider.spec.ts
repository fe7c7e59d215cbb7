import { CommandRejected, fold } from '../shared/decider';
import {
  type WebhookSubscriptionCommand,
  webhookSubscriptionDecider as decider,
} from './webhook-subscription.decider';
import type { WebhookSubscriptionEvent } from './webhook-subscription.events';

const create: WebhookSubscriptionCommand = {
  type: 'CreateWebhookSubscription',
  subscriptionId: 's1',
  url: 'https://dw.ac-lyon.fr/hooks/pix',
  filter: { categories: ['regulationText'], schoolYears: ['2024-2025'] },
  startAfterPosition: 0,
  maxAttempts: 5,
  secretFingerprint: 'abcd',
};

function run(history: WebhookSubscriptionEvent[], command: WebhookSubscriptionCommand) {
  return decider.decide(command, fold(decider, history));
}

function rejection(fn: () => unknown): CommandRejected {
  try {
    fn();
  } catch (error) {
    if (error instanceof CommandRejected) return error;
    throw error;
  }
  throw new Error('expected a CommandRejected');
}

describe('webhook subscription decider', () => {
  it('records a creation with its filter and start, and refuses a second one', () => {
    const events = run([], create);
    expect(events).toEqual([
      {
        type: 'WebhookSubscriptionCreated',
        data: {
          subscriptionId: 's1',
          url: 'https://dw.ac-lyon.fr/hooks/pix',
          filter: { categories: ['regulationText'], schoolYears: ['2024-2025'] },
          startAfterPosition: 0,
          maxAttempts: 5,
          secretFingerprint: 'abcd',
        },
      },
    ]);
    expect(rejection(() => run([...events], create))).toMatchObject({ kind: 'conflict' });
  });

  it.each([
    ['url', { url: 'ftp://example.org/x' }],
    ['url', { url: 'not a url' }],
    ['url', { url: 'https://user:pw@example.org/' }],
    ['filter.categories', { filter: { categories: ['regulation-text'] } }],
    ['filter.schoolYears', { filter: { schoolYears: ['2024-2026'] } }],
    ['maxAttempts', { maxAttempts: 0 }],
  ])('refuses a bad %s', (field, change) => {
    const error = rejection(() => run([], { ...create, ...change } as WebhookSubscriptionCommand));
    expect(error).toMatchObject({ kind: 'invalid', field });
  });

  it('replays from a position inside the log, only for an active subscription', () => {
    const created = run([], create);
    expect(
      run([...created], { type: 'RequestWebhookReplay', fromPosition: 3, headPosition: 10 }),
    ).toEqual([
      {
        type: 'WebhookSubscriptionReplayRequested',
        data: { subscriptionId: 's1', fromPosition: 3 },
      },
    ]);
    // Just after the head is allowed: "from now on".
    expect(
      run([...created], { type: 'RequestWebhookReplay', fromPosition: 11, headPosition: 10 }),
    ).toHaveLength(1);
    expect(
      rejection(() =>
        run([...created], { type: 'RequestWebhookReplay', fromPosition: 12, headPosition: 10 }),
      ),
    ).toMatchObject({ kind: 'invalid', field: 'fromPosition' });
    expect(
      rejection(() =>
        run([...created], { type: 'RequestWebhookReplay', fromPosition: 0, headPosition: 10 }),
      ),
    ).toMatchObject({ kind: 'invalid', field: 'fromPosition' });
    expect(
      rejection(() => run([], { type: 'RequestWebhookReplay', fromPosition: 1, headPosition: 10 })),
    ).toMatchObject({ kind: 'not_found' });
  });

  it('cancels once; a second cancel is a no-op and a replay is then refused', () => {
    const created = [...run([], create)];
    const cancelled = [...created, ...run(created, { type: 'CancelWebhookSubscription' })];
    expect(cancelled.map((e) => e.type)).toEqual([
      'WebhookSubscriptionCreated',
      'WebhookSubscriptionCancelled',
    ]);
    expect(run(cancelled, { type: 'CancelWebhookSubscription' })).toEqual([]);
    expect(
      rejection(() =>
        run(cancelled, { type: 'RequestWebhookReplay', fromPosition: 1, headPosition: 5 }),
      ),
    ).toMatchObject({ kind: 'conflict' });
  });
});
