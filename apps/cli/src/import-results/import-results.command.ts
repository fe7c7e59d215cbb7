import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { createEventStore, systemClock, UpcasterRegistry } from '@pix-ledger/event-store';
import {
  ImportFileError,
  importResultsCsv,
  type ImportReport,
} from '../../../api/src/certification/imports/import-results';
import { loadConfig } from '../../../api/src/config';
import { keyStorePath } from '../../../api/src/privacy/keys/key-store-path';
import { PupilKeyStore } from '../../../api/src/privacy/keys/pupil-key-store';
import { PersonalDataVault } from '../../../api/src/privacy/sealing/personal-data-vault';
import { ProgressReporter } from '../progress';

export const IMPORT_RESULTS_USAGE = `import-results <file.csv> [--report <report.json>] [--actor <name>] [--batch <rows>]

Imports a results CSV (README "Importing results") into the configured event store
(PIX_LEDGER_SQLITE_PATH / PIX_LEDGER_DATA_DIR, or EventStoreDB). Idempotent: run it again
after a failure and it records only what is missing.
Exit code: 0 every row recorded (or already there), 2 some rows rejected (see the report),
1 the file could not be imported.`;

interface Arguments {
  file: string;
  report?: string;
  actor: string;
  batch?: number;
}

function parseArguments(args: string[]): Arguments {
  const parsed: Partial<Arguments> = { actor: 'cli:import-results' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--report') parsed.report = value();
    else if (arg === '--actor') parsed.actor = value();
    else if (arg === '--batch') parsed.batch = Number(value());
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (!parsed.file) parsed.file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!parsed.file) throw new Error('the CSV file is missing');
  if (parsed.batch !== undefined && !(Number.isInteger(parsed.batch) && parsed.batch > 0)) {
    throw new Error('--batch takes a whole number of rows');
  }
  return parsed as Arguments;
}

function summary(report: ImportReport): string {
  const lines = [
    `${report.rows} rows: ${report.recorded} recorded, ${report.alreadyRecorded} already recorded, ${report.rejectedCount} rejected`,
    `${report.events} events in ${report.sessions} sessions, ${report.durationMs} ms (file sha256 ${report.fileSha256})`,
  ];
  for (const row of report.rejected.slice(0, 50))
    lines.push(`  line ${row.line}: ${row.column}: ${row.reason}`);
  if (report.rejected.length > 50)
    lines.push(`  … ${report.rejected.length - 50} more in the report`);
  return `${lines.join('\n')}\n`;
}

export async function importResultsCommand(args: string[]): Promise<number> {
  const options = parseArguments(args);
  const { size } = await stat(options.file);
  const config = loadConfig();
  const store = createEventStore(config.eventStore, {
    clock: systemClock,
    upcasters: new UpcasterRegistry(),
  });
  // The same key store as the API's: INE and identity are sealed before they reach the log.
  const keys = new PupilKeyStore(keyStorePath(config.dataDir));
  const progress = new ProgressReporter(process.stderr, size);
  try {
    const report = await importResultsCsv(store, createReadStream(options.file), {
      actor: options.actor,
      personalData: new PersonalDataVault(keys),
      batchRows: options.batch,
      onProgress: (p) => progress.update(p.bytes, `${p.rows} rows, ${p.rejected} rejected`),
    });
    progress.done();
    process.stdout.write(summary(report));
    if (options.report) await writeFile(options.report, JSON.stringify(report, null, 2));
    return report.rejectedCount > 0 ? 2 : 0;
  } catch (error) {
    progress.done();
    if (error instanceof ImportFileError) {
      process.stderr.write(`import failed: ${error.message}\n`);
      if (error.partialReport) process.stdout.write(summary(error.partialReport));
      return 1;
    }
    throw error;
  } finally {
    await store.close();
    keys.close();
  }
}
