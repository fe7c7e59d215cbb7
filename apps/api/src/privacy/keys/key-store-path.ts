import { join } from 'node:path';

/** The key store lives apart from the log: PIX_LEDGER_KEYS_PATH, else data/pix-ledger.keys.db. */
export function keyStorePath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.PIX_LEDGER_KEYS_PATH || join(dataDir, 'pix-ledger.keys.db');
}
