import { join } from 'node:path';
import type { SecurityConfig } from './auth/security.config';

/** Every setting comes from the environment; README's configuration table lists them. */
export interface AppConfig {
  host: string;
  port: number;
  eventStore:
    { adapter: 'sqlite'; path: string } | { adapter: 'eventstoredb'; connectionString: string };
  /** Where read models live on the embedded default. */
  dataDir: string;
  /** Settings that win over the environment's (tests); see auth/security.config.ts. */
  security?: Partial<SecurityConfig>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = env.PIX_LEDGER_DATA_DIR ?? join(process.cwd(), 'data');
  const adapter = env.PIX_LEDGER_EVENT_STORE ?? 'sqlite';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  let eventStore: AppConfig['eventStore'];
  if (adapter === 'sqlite') {
    eventStore = { adapter, path: env.PIX_LEDGER_SQLITE_PATH ?? join(dataDir, 'pix-ledger.db') };
  } else if (adapter === 'eventstoredb') {
    const connectionString = env.EVENTSTORE_CONNECTION_STRING;
    if (!connectionString) {
      throw new Error('PIX_LEDGER_EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
    }
    eventStore = { adapter, connectionString };
  } else {
    throw new Error(`PIX_LEDGER_EVENT_STORE must be "sqlite" or "eventstoredb", got "${adapter}"`);
  }
  return { host: env.HOST ?? '127.0.0.1', port, eventStore, dataDir };
}
