import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/api/src/bootstrap';
import type { AppConfig } from '../../apps/api/src/config';
import { FixedClock } from '@pix-ledger/event-store';

export interface TestApp {
  app: INestApplication;
  clock: FixedClock;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real HTTP app on a fresh embedded store in a temporary folder, without the access guard
 * and the rate limits: for the tests of what lies behind them. The access-matrix and security
 * suites (security-harness.ts) run the app with them, as main.ts does.
 */
export async function startTestApp(now = '2026-11-22T08:00:00.000Z'): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pix-ledger-e2e-'));
  const config: AppConfig = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    eventStore: { adapter: 'sqlite', path: join(dataDir, 'pix-ledger.db') },
  };
  const clock = new FixedClock(new Date(now));
  const app = await createApp(config, { clock, logger: false, accessControl: false });
  await app.init();
  return {
    app,
    clock,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
