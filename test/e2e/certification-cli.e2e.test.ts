import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { establishmentDecider, establishmentStream } from '@pix-ledger/domain';
import { runCommand, SqliteEventStore } from '@pix-ledger/event-store';
import { generateResultsCsv, IMPORT_ESTABLISHMENTS } from '../fixtures/results-csv';

const ROOT = join(__dirname, '..', '..');

/** `npm run cli -- import-results …` as its own OS process, output captured (not a TTY). */
function cli(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/cli/src/main.ts',
      ...args,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exit };
}

function waitFor(child: ChildProcess, output: { stderr: string }, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(output.stderr)) {
        child.stderr?.off('data', check);
        resolve();
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', () => reject(new Error(`exited before ${pattern}: ${output.stderr}`)));
  });
}

describe('CLI: import-results', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const file = generateResultsCsv({ rows: 10_000, bad: 37 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pix-ledger-cli-'));
    env = { PIX_LEDGER_DATA_DIR: dir, PIX_LEDGER_SQLITE_PATH: join(dir, 'pix-ledger.db') };
    const store = new SqliteEventStore(join(dir, 'pix-ledger.db'));
    for (const e of IMPORT_ESTABLISHMENTS) {
      await runCommand(store, establishmentStream(e.uai), establishmentDecider, {
        type: 'RegisterEstablishment',
        uai: e.uai,
        name: `Établissement ${e.uai}`,
        establishmentType: e.type,
        sector: 'public',
        academie: e.academie,
        academieSince: null,
      });
    }
    await store.close();
    writeFileSync(join(dir, 'resultats.csv'), file.csv);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function scored() {
    const store = new SqliteEventStore(join(dir, 'pix-ledger.db'));
    const pairs = new Set<string>();
    let events = 0;
    for await (const event of store.readAll({ filter: { eventTypes: ['CertificationScored'] } })) {
      events++;
      const data = event.data as { sessionId: string; candidateId: string };
      pairs.add(`${data.sessionId}/${data.candidateId}`);
    }
    await store.close();
    return { events, distinct: pairs.size };
  }

  it('killed mid-file, then run again: every valid row once, the 37 bad ones reported with their lines', async () => {
    const first = cli(['import-results', join(dir, 'resultats.csv')], env);
    await waitFor(first.child, first.output, /progress [1-9]\d*%/);
    first.child.kill('SIGKILL');
    await first.exit;
    const partial = await scored();
    expect(partial.events).toBeLessThan(9_963);
    expect(partial.distinct).toBe(partial.events);

    const second = cli(
      ['import-results', join(dir, 'resultats.csv'), '--report', join(dir, 'report.json')],
      env,
    );
    expect(await second.exit).toBe(2);
    expect(second.output.stderr).not.toContain('\r');
    expect(second.output.stderr).toMatch(/^progress 100% 10000 rows, 37 rejected$/m);
    expect(second.output.stdout).toMatch(
      /10000 rows: \d+ recorded, \d+ already recorded, 37 rejected/,
    );
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.recorded + report.alreadyRecorded).toBe(9_963);
    expect(report.alreadyRecorded).toBe(partial.events);
    expect(report.rejected.map((r: { line: number }) => r.line)).toEqual([...file.badLines.keys()]);
    expect(await scored()).toEqual({ events: 9_963, distinct: 9_963 });
  });

  it('says what is wrong with its arguments', async () => {
    const run = cli(['import-results'], env);
    expect(await run.exit).toBe(1);
    expect(run.output.stderr).toMatch(/the CSV file is missing/);
    const unknown = cli(['frobnicate'], env);
    expect(await unknown.exit).toBe(1);
    expect(unknown.output.stderr).toMatch(/usage: npm run cli -- <command>/);
  });
});
