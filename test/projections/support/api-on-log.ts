import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@pix-ledger/event-store';
import { createApp } from '../../../apps/api/src/bootstrap';

/**
 * The API (initialised, not listening) on a generated log's folder, for the tests of what it
 * serves from the read models: access control off, as in the functional e2e tests.
 */
export async function apiOnLog(
  log: { dir: string; logPath: string },
  clock?: Clock,
): Promise<INestApplication> {
  const app = await createApp(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir: log.dir,
      eventStore: { adapter: 'sqlite', path: log.logPath },
    },
    { logger: false, accessControl: false, clock },
  );
  await app.init();
  return app;
}
