import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  type ChainVerdict,
  createEventStore,
  type ExportedEvent,
  systemClock,
  UpcasterRegistry,
  verifyChain,
} from '@pix-ledger/event-store';
import { chainedLogOf, NO_CHAIN } from '../../../api/src/integrity/log-integrity';
import { loadConfig } from '../../../api/src/config';

export const VERIFY_USAGE = `verify [--file <export.ndjson>]

Walks the hash chain of the configured SQLite log (or, with --file, of an export made by
\`export\`, offline) and names the first position whose content no longer matches its hash.
Exit code: 0 intact, 3 broken, 1 could not verify.`;

async function* exportedEvents(path: string): AsyncIterable<ExportedEvent> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as ExportedEvent;
    } catch {
      throw new Error(`${path}: line ${number} is not JSON`);
    }
  }
}

export function describeVerdict(verdict: ChainVerdict): string {
  return verdict.ok
    ? `ok: ${verdict.checked} events, the chain holds (last hash ${verdict.lastHash})\n`
    : `BROKEN at position ${verdict.firstBrokenPosition}: ${verdict.reason} (${verdict.checked} events verified before it)\n`;
}

export async function verifyCommand(args: string[]): Promise<number> {
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--file' && args[i + 1]) file = args[++i];
    else throw new Error(`unknown argument ${args[i]}`);
  }
  let verdict: ChainVerdict;
  if (file) {
    verdict = await verifyChain(exportedEvents(file));
  } else {
    const store = createEventStore(loadConfig().eventStore, {
      clock: systemClock,
      upcasters: new UpcasterRegistry(),
    });
    try {
      const log = chainedLogOf(store);
      if (!log) throw new Error(NO_CHAIN);
      verdict = await log.verifyIntegrity();
    } finally {
      await store.close();
    }
  }
  process.stdout.write(describeVerdict(verdict));
  return verdict.ok ? 0 : 3;
}
