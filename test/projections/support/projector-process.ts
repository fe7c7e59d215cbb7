import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { exited, forkTs, nextMessage } from '../../support/spawn-ts';

const MAIN = join(__dirname, '..', '..', '..', 'apps', 'projector', 'src', 'main.ts');

/** apps/projector as its own OS process over a data folder, answering once it is up. */
export async function startProjector(
  env: NodeJS.ProcessEnv,
): Promise<ChildProcess & { port: number }> {
  const child = forkTs(MAIN, [], {
    PIX_LEDGER_PROJECTOR_PORT: '0',
    PIX_LEDGER_PROJECTOR_QUIET: '1',
    ...env,
  });
  const { port } = await nextMessage<{ ready: boolean; port: number }>(child);
  return Object.assign(child, { port });
}

export async function stopProjector(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exit = exited(child);
  child.kill(signal);
  await exit;
}

export function projectorEnv(dir: string, logPath: string, viewsPath: string, batch: number) {
  return {
    PIX_LEDGER_DATA_DIR: dir,
    PIX_LEDGER_SQLITE_PATH: logPath,
    PIX_LEDGER_VIEWS_PATH: viewsPath,
    PIX_LEDGER_READ_MODELS: 'sqlite',
    PIX_LEDGER_REBUILD_BATCH_SIZE: String(batch),
  };
}
