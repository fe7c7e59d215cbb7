import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the built console (Vite's output) is: PIX_LEDGER_CONSOLE_DIR, else dist/console beside
 * the compiled API (dist/apps/api/src/console/static -> dist/console) or, when the API runs from
 * its TypeScript sources, the repository's dist/console. Looked up on each call, so a build made
 * after the API started is served without a restart.
 */
export function consoleDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.PIX_LEDGER_CONSOLE_DIR
    ? [resolve(env.PIX_LEDGER_CONSOLE_DIR)]
    : [
        resolve(__dirname, '../../../../../console'),
        resolve(__dirname, '../../../../../dist/console'),
      ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
