import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createEventStore, systemClock, UpcasterRegistry } from '@pix-ledger/event-store';
import { chainedLogOf, exportLine, NO_CHAIN } from '../../../api/src/integrity/log-integrity';
import { loadConfig } from '../../../api/src/config';

export const EXPORT_USAGE = `export [--out <file.ndjson>]

Writes the whole log as stored, one JSON event per line with its chained hash (stdout by
default). Personal data stays sealed in it. A third party verifies it offline with
\`verify --file\` or the snippet in the README ("Tamper evidence").`;

export async function exportCommand(args: string[]): Promise<number> {
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out' && args[i + 1]) out = args[++i];
    else throw new Error(`unknown argument ${args[i]}`);
  }
  const store = createEventStore(loadConfig().eventStore, {
    clock: systemClock,
    upcasters: new UpcasterRegistry(),
  });
  const sink: Writable = out ? createWriteStream(out) : process.stdout;
  let count = 0;
  let lastHash = '';
  try {
    const log = chainedLogOf(store);
    if (!log) throw new Error(NO_CHAIN);
    for await (const event of log.exportLog()) {
      if (!sink.write(exportLine(event))) await once(sink, 'drain');
      count++;
      lastHash = event.hash;
    }
  } finally {
    await store.close();
    if (out) {
      sink.end();
      await once(sink, 'finish');
    }
  }
  process.stderr.write(
    `exported ${count} events${out ? ` to ${out}` : ''}; last hash ${lastHash || '(empty log)'}\n`,
  );
  return 0;
}
