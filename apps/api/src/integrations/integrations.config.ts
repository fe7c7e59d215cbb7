/** Settings of the feed and the webhook deliveries, from the environment (README, Integrations). */
export interface IntegrationsConfig {
  /** CloudEvents `source` of every event leaving the system. */
  cloudEventsSource: string;
  /** A comment line on idle SSE connections, so proxies keep them open. */
  feedHeartbeatMs: number;
  /** Whether this process delivers webhooks (run it in one process only). */
  webhookWorker: boolean;
  /** First retry delay; each next one doubles, up to webhookMaxBackoffMs. */
  webhookBackoffBaseMs: number;
  webhookMaxBackoffMs: number;
  /** Failed attempts before an event goes to the dead letters (a subscription may ask for another). */
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  /** How often the worker looks for new, replayed or cancelled subscriptions. */
  webhookPollMs: number;
}

export const INTEGRATIONS_CONFIG = Symbol('IntegrationsConfig');

export function loadIntegrationsConfig(env: NodeJS.ProcessEnv = process.env): IntegrationsConfig {
  return {
    cloudEventsSource: env.PIX_LEDGER_CLOUDEVENTS_SOURCE ?? 'urn:pix-ledger',
    feedHeartbeatMs: positive(env, 'PIX_LEDGER_FEED_HEARTBEAT_MS', 15_000),
    webhookWorker: (env.PIX_LEDGER_WEBHOOK_WORKER ?? 'on') !== 'off',
    webhookBackoffBaseMs: positive(env, 'PIX_LEDGER_WEBHOOK_BACKOFF_BASE_MS', 1_000),
    webhookMaxBackoffMs: positive(env, 'PIX_LEDGER_WEBHOOK_MAX_BACKOFF_MS', 600_000),
    webhookMaxAttempts: positive(env, 'PIX_LEDGER_WEBHOOK_MAX_ATTEMPTS', 8),
    webhookTimeoutMs: positive(env, 'PIX_LEDGER_WEBHOOK_TIMEOUT_MS', 10_000),
    webhookPollMs: positive(env, 'PIX_LEDGER_WEBHOOK_POLL_MS', 500),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}
