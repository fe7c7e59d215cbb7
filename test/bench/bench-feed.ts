/**
 * Feed latency: the time from an append through the port to the SSE message arriving at a
 * client over HTTP (127.0.0.1), p50/p99 over N events appended at a steady rate; then the
 * catch-up throughput of the same log from position 1. Prints figures; asserts nothing.
 *
 *   npm run bench:feed [-- --events 10000 --rate 1000]
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../../apps/api/src/bootstrap';
import { LOCAL_ISSUER } from '../../apps/api/src/auth/security.config';
import type { LocalSigningKey } from '../../apps/api/src/auth/tokens/local-signing-key';
import { signLocalToken } from '../../apps/api/src/auth/tokens/local-tokens';
import { LOCAL_SIGNING_KEY } from '../../apps/api/src/auth/tokens/token-verifier';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { openSse } from '../e2e/feed-sse-client';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const EVENTS = option('events', 10_000);
const RATE = option('rate', 1_000);
const TARGET_P99_MS = 50;

process.env.PIX_LEDGER_WEBHOOK_WORKER = 'off';
// A fresh store with nothing but the benchmark's events.
process.env.PIX_LEDGER_SEED_REGULATION ??= 'false';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pix-ledger-bench-feed-'));
  const app = await createApp(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      eventStore: { adapter: 'sqlite', path: join(dataDir, 'pix-ledger.db') },
    },
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const store: EventStore = app.get(EVENT_STORE);
  // An integration's token, as a real subscriber would hold (access control is on).
  const token = signLocalToken(app.get<LocalSigningKey>(LOCAL_SIGNING_KEY), LOCAL_ISSUER, {
    subject: 'bench-feed',
    scopes: [{ kind: 'national' }],
    expiresInSeconds: 3600,
  });
  const headers = { Authorization: `Bearer ${token}` };

  // Live: one client, events appended one per append call at a steady rate.
  const appendedAt = new Map<number, number>();
  const latencies: number[] = [];
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const live = openSse(`${base}/feed?categories=benchFeed`, {
    headers,
    onComment: (comment) => comment === 'pix-ledger feed' && opened(),
    onMessage: (message) => {
      const sent = appendedAt.get(Number(message.id));
      if (sent !== undefined) latencies.push(performance.now() - sent);
    },
  });
  await isOpen;
  const payload = {
    candidate: 'INE-0123456789A',
    score: 512,
    competences: [1, 2, 3, 4, 5],
    note: 'x'.repeat(120),
  };
  const started = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const before = performance.now();
    const { position } = await store.append(`benchFeed-${i % 100}`, [
      {
        type: 'BenchEventRecorded',
        data: { i, ...payload },
        metadata: { schoolYear: '2025-2026' },
      },
    ]);
    appendedAt.set(position, before);
    // Let the I/O phase run, as it would between two requests.
    if (wait <= 1) await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsed = (performance.now() - started) / 1000;
  const deadline = Date.now() + 30_000;
  while (latencies.length < EVENTS && Date.now() < deadline) await sleep(10);
  live.close();

  // Catch-up: the same events from position 1, as fast as the client reads.
  let caughtUp = 0;
  const head = await store.headPosition();
  const catchUpStart = performance.now();
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const replay = openSse(`${base}/feed?from=1`, {
    headers,
    onMessage: (message) => {
      caughtUp += 1;
      if (Number(message.id) === head) done();
    },
  });
  await finished;
  const catchUpSeconds = (performance.now() - catchUpStart) / 1000;
  replay.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });

  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  console.log(
    `feed latency, append -> SSE message over HTTP (one process, SQLite, synchronous=FULL)`,
  );
  console.log(
    `events appended      ${EVENTS} at ${(EVENTS / elapsed).toFixed(0)} events/s (asked ${RATE})`,
  );
  console.log(`messages received    ${latencies.length}`);
  console.log(
    `latency ms           p50 ${p50.toFixed(2)}   p99 ${p99.toFixed(2)}   max ${sorted[sorted.length - 1].toFixed(2)}`,
  );
  console.log(
    `target p99 <= ${TARGET_P99_MS} ms   ratio p99/target ${(p99 / TARGET_P99_MS).toFixed(3)}   ${
      p99 <= TARGET_P99_MS ? 'met' : 'NOT met'
    }`,
  );
  console.log(
    `catch-up from 1      ${caughtUp} events in ${catchUpSeconds.toFixed(2)} s = ${(caughtUp / catchUpSeconds).toFixed(0)} events/s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
