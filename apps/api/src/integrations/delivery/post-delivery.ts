import { SIGNATURE_HEADER, signatureHeader } from '@pix-ledger/domain';
import { CLOUDEVENTS_JSON } from '../cloud-events/to-cloud-event';

export interface DeliveryAttempt {
  url: string;
  subscriptionId: string;
  secret: string;
  /** The CloudEvent's JSON text: exactly these bytes are signed and sent. */
  body: string;
  attempt: number;
  timeoutMs: number;
}

export type DeliveryResult = { ok: true; status: number } | { ok: false; error: string };

/** One signed POST. Any 2xx is a delivery; anything else (or no answer in time) a failure. */
export async function postDelivery(attempt: DeliveryAttempt): Promise<DeliveryResult> {
  // Transport time, not knowledge time: the receiver compares it with its own clock.
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(attempt.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(attempt.timeoutMs),
      headers: {
        'Content-Type': CLOUDEVENTS_JSON,
        'User-Agent': 'pix-ledger-webhooks',
        [SIGNATURE_HEADER]: signatureHeader(attempt.secret, timestamp, attempt.body),
        'Pix-Ledger-Subscription': attempt.subscriptionId,
        'Pix-Ledger-Attempt': String(attempt.attempt),
      },
      body: attempt.body,
    });
    // Read the answer so the connection goes back to the pool.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status };
    return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timeout';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
