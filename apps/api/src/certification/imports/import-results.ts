import { createHash, randomUUID } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import {
  decideInSequence,
  establishmentStream,
  fold,
  inSequence,
  schoolYearOf,
  sessionDecider,
  type SessionEvent,
  sessionStream,
} from '@pix-ledger/domain';
import { type EventStore, runCommand, WrongExpectedRevisionError } from '@pix-ledger/event-store';
import type { PersonalDataVault } from '../../privacy/sealing/personal-data-vault';
import { sealingDecider } from '../../privacy/sealing/sealing-decider';
import { columnOfField, missingColumns, parseResultRow, type RowCommand } from './result-columns';

export interface RejectedRow {
  /** Line in the file (the header is line 1). */
  line: number;
  column: string;
  reason: string;
  sessionId?: string;
}

export interface ImportReport {
  importId: string;
  /** SHA-256 of the bytes read: two runs of the same file show the same digest. */
  fileSha256: string;
  bytes: number;
  rows: number;
  /** Rows that added events. */
  recorded: number;
  /** Valid rows already in the registry (a re-import): nothing added. */
  alreadyRecorded: number;
  rejectedCount: number;
  rejected: RejectedRow[];
  events: number;
  sessions: number;
  durationMs: number;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  recorded: number;
  rejected: number;
}

export interface ImportOptions {
  actor: string;
  /** Seals INE and identity with each pupil's key before they reach the log. */
  personalData: PersonalDataVault;
  /** Whether the caller may write for this establishment (a token scoped to some UAIs). */
  mayWriteFor?: (uai: string) => Promise<boolean>;
  /** Rows planned per flush; each session's rows in it are one append. */
  batchRows?: number;
  onProgress?: (progress: ImportProgress) => void;
  now?: () => number;
}

/** The file cannot be imported as a whole (missing columns, unreadable CSV): nothing more is recorded. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    message: string,
    readonly details: { missingColumns?: string[]; line?: number },
    readonly partialReport?: ImportReport,
  ) {
    super(message);
  }
}

interface PendingRow {
  line: number;
  command: RowCommand;
  key: string;
}

/** `;` (the Pix export) unless the header line has more commas than semicolons. */
function delimiterOf(head: Buffer): string {
  const firstLine = head.toString('utf8').split(/\r?\n/, 1)[0];
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

/**
 * Streams a results CSV into the session streams. Valid rows are recorded, rejected rows are
 * reported (line, column, reason) and not recorded. Rows are planned per session with the
 * session decider and appended as one event batch per session and flush: a crash leaves whole
 * batches behind, and a re-run finds their rows already recorded (the decider records the
 * same row only once; event ids derive from the rows' content), so it adds nothing twice.
 */
export async function importResultsCsv(
  store: EventStore,
  input: AsyncIterable<Buffer | string>,
  options: ImportOptions,
): Promise<ImportReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const importId = randomUUID();
  const digest = createHash('sha256');
  const report: ImportReport = {
    importId,
    fileSha256: '',
    bytes: 0,
    rows: 0,
    recorded: 0,
    alreadyRecorded: 0,
    rejectedCount: 0,
    rejected: [],
    events: 0,
    sessions: 0,
    durationMs: 0,
  };
  const sessionsTouched = new Set<string>();
  const registered = new Map<string, boolean>();
  const batchRows = options.batchRows ?? 500;
  let pending: PendingRow[] = [];

  const iterator = input[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (!head.includes(10)) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, Buffer.from(next.value)]);
  }
  const counted = async function* () {
    let chunk: Buffer | undefined = head;
    while (chunk) {
      report.bytes += chunk.length;
      digest.update(chunk);
      yield chunk;
      const next = await iterator.next();
      chunk = next.done ? undefined : Buffer.from(next.value);
    }
  };
  const parser = parse({
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim());
      const missing = missingColumns(names);
      if (missing.length > 0) {
        throw new ImportFileError(`missing columns: ${missing.join(', ')}`, {
          missingColumns: missing,
        });
      }
      return names;
    },
    delimiter: delimiterOf(head),
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  // pipeline (not pipe) hands a failing input's error to the parser, which the loop then throws.
  pipeline(Readable.from(counted()), parser, () => undefined);

  const reject = (row: RejectedRow) => {
    report.rejectedCount++;
    report.rejected.push(row);
  };

  const decider = sealingDecider(sessionDecider, options.personalData);
  const allowed = new Map<string, boolean>();
  const mayWriteFor = async (uai: string) => {
    if (!options.mayWriteFor) return true;
    let may = allowed.get(uai);
    if (may === undefined) {
      may = await options.mayWriteFor(uai);
      allowed.set(uai, may);
    }
    return may;
  };

  const isRegistered = async (uai: string) => {
    let known = registered.get(uai);
    if (known === undefined) {
      const first = await store.readStream(establishmentStream(uai), { maxCount: 1 });
      known = first.some((e) => e.type === 'EstablishmentRegistered');
      registered.set(uai, known);
    }
    return known;
  };

  /** Plans one session's rows on its current state and appends the accepted ones at once. */
  const flushSession = async (sessionId: string, rows: PendingRow[]) => {
    const outOfScope: PendingRow[] = [];
    for (const row of rows) {
      if (!(await mayWriteFor(row.command.session.uai))) outOfScope.push(row);
    }
    for (const row of outOfScope) {
      reject({
        line: row.line,
        column: 'UAI',
        reason: 'outside the scope of your token',
        sessionId,
      });
    }
    if (outOfScope.length > 0) rows = rows.filter((row) => !outOfScope.includes(row));
    if (rows.length === 0) return;
    for (const row of rows) {
      row.command = {
        ...row.command,
        establishmentRegistered: await isRegistered(row.command.session.uai),
      };
    }
    const streamId = sessionStream(sessionId);
    for (let attempt = 0; ; attempt++) {
      const history = await store.readStream(streamId);
      const loaded = history.length ? history[history.length - 1].revision : -1;
      const state = fold(decider, history as unknown as SessionEvent[]);
      const plan = decideInSequence(
        decider,
        state,
        rows.map((r) => r.command),
      );
      const accepted = plan.accepted.map((i) => rows[i]);
      try {
        if (plan.events.length > 0) {
          const outcome = await runCommand(
            store,
            streamId,
            inSequence(decider),
            accepted.map((r) => r.command),
            {
              expectedRevision: loaded === -1 ? 'no_stream' : loaded,
              idempotencyKey: createHash('sha256')
                .update(accepted.map((r) => r.key).join('\n'))
                .digest('hex'),
              metadata: {
                actor: options.actor,
                correlationId: importId,
                schoolYear: schoolYearOf(rows[0].command.session.date),
              },
            },
          );
          report.events += outcome.events.length;
        }
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < 3) continue; // someone wrote: plan again
        throw error;
      }
      for (const { index, error } of plan.rejected) {
        reject({
          line: rows[index].line,
          column: columnOfField(error.field),
          reason: error.reason,
          sessionId,
        });
      }
      report.alreadyRecorded += plan.unchanged.length;
      report.recorded += plan.accepted.length - plan.unchanged.length;
      if (plan.accepted.length > 0) sessionsTouched.add(sessionId);
      return;
    }
  };

  const flush = async () => {
    const bySession = new Map<string, PendingRow[]>();
    for (const row of pending) {
      const id = row.command.session.sessionId;
      const list = bySession.get(id) ?? [];
      list.push(row);
      bySession.set(id, list);
    }
    options.personalData.prepare(pending.map((row) => row.command.ine));
    pending = [];
    for (const [sessionId, rows] of bySession) await flushSession(sessionId, rows);
    options.onProgress?.({
      rows: report.rows,
      bytes: report.bytes,
      recorded: report.recorded + report.alreadyRecorded,
      rejected: report.rejectedCount,
    });
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      report.rows++;
      const parsed = parseResultRow(record);
      if (!parsed.ok) {
        reject({
          line: info.lines,
          column: parsed.column,
          reason: parsed.reason,
          sessionId: parsed.sessionId,
        });
      } else {
        pending.push({ line: info.lines, command: parsed.command, key: parsed.key });
        if (pending.length >= batchRows) await flush();
      }
    }
    await flush();
  } catch (error) {
    report.sessions = sessionsTouched.size;
    report.durationMs = Math.round(now() - started);
    if (error instanceof ImportFileError)
      throw new ImportFileError(error.message, error.details, report);
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new ImportFileError(
        `the file is not valid CSV${line ? ` at line ${line}` : ''}: ${error.message}`,
        { line },
        report,
      );
    }
    throw error;
  }
  report.rejected.sort((a, b) => a.line - b.line);
  report.fileSha256 = digest.digest('hex');
  report.sessions = sessionsTouched.size;
  report.durationMs = Math.round(now() - started);
  return report;
}
