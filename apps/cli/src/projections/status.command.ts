import type { ProjectionStatus } from '@pix-ledger/projections';
import { duration, openRunner } from './runtime';

export const STATUS_USAGE = `status [--json]

Each projection: live version, checkpoint and lag (positions behind the head, age of the oldest
event not processed yet), and the rebuild under way. Same environment as the API.`;

function line(s: ProjectionStatus): string {
  const versions =
    s.liveVersion === s.version ? `v${s.version}` : `v${s.liveVersion ?? '-'} (code v${s.version})`;
  const lag = `${s.behind} behind, oldest unprocessed ${duration(s.oldestUnprocessedAgeSeconds)}`;
  const rebuild = s.rebuild
    ? `; rebuilding v${s.rebuild.version} ${s.rebuild.schoolYear ?? 'every year'}: ` +
      `${s.rebuild.events} events, at ${s.rebuild.position}/${s.rebuild.target}` +
      (s.rebuild.lastError ? ` (last error: ${s.rebuild.lastError})` : '')
    : '';
  return `${s.name} ${versions} ${s.state}: checkpoint ${s.checkpoint}/${s.headPosition}, ${lag}${rebuild}`;
}

export async function statusCommand(args: string[]): Promise<number> {
  for (const arg of args) if (arg !== '--json') throw new Error(`unknown option ${arg}`);
  const { runner, close } = await openRunner();
  try {
    const statuses = await runner.status();
    process.stdout.write(
      args.includes('--json')
        ? `${JSON.stringify(statuses, null, 2)}\n`
        : `${statuses.map(line).join('\n')}\n`,
    );
    return 0;
  } finally {
    await close();
  }
}
