/**
 * npm run bench:projections [-- --scale academie|national --years 5 --seed 42 --factor 1
 *   --duration 30 --rate 1000 --connections 10 --batch 5000 --dir <folder to keep>]
 *
 * Loads a generated dataset (test/bench/generator) twice: store A holds only the last school
 * year Y, store B all the years. Prints, in one run, and asserts nothing:
 *   1. append through the port (store A's rows) vs raw better-sqlite3 INSERT of the same rows;
 *   2. per-year blue/green rebuild of Y (its own process: events/s, wall time, peak RSS) vs a
 *      raw SELECT + JSON.parse of the same events;
 *   3. the same rebuild with 1 year stored (A) and with all the years stored (B);
 *   4. p50/p99 of GET /years/{Y}/stats (autocannon, only against 127.0.0.1) on B without, then
 *      with, a blue/green rebuild of Y running in another process.
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, freemem, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FixedClock, SqliteEventStore, uuidv7 } from '@pix-ledger/event-store';
import { ProjectionRunner, SqliteReadModelStore } from '@pix-ledger/projections';
import { ALL_PROJECTIONS } from '@pix-ledger/projections/catalogue';
import { EVENT_LOG_SCHEMA } from '../../libs/event-store/src/sqlite/schema';
import { LOCAL_ISSUER } from '../../apps/api/src/auth/security.config';
import { loadOrCreateSigningKey } from '../../apps/api/src/auth/tokens/local-signing-key';
import { signLocalToken } from '../../apps/api/src/auth/tokens/local-tokens';
import { type Append, dataset, type DatasetOptions, type Scale } from './generator/dataset';

const ROOT = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const scale = option('scale', 'academie') as Scale;
if (scale !== 'academie' && scale !== 'national') throw new Error('--scale academie|national');
const options: DatasetOptions = {
  scale,
  years: Number(option('years', '5')),
  seed: Number(option('seed', '42')),
  factor: Number(option('factor', '1')),
};
const DURATION = Number(option('duration', '30'));
const RATE = Number(option('rate', '1000'));
const CONNECTIONS = Number(option('connections', '10'));
const BATCH = option('batch', '5000');

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (events: number, ms: number) => (events / ms) * 1000;
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const log = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`  … ${line}\n`);

function tsFork(file: string, argv: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return fork(file, argv, {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

const message = <T>(child: ChildProcess) =>
  new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`${code}: worker ended without a result`)));
  });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Stores {
  a: { dir: string; log: string; views: string; store: SqliteEventStore };
  b: { dir: string; log: string; views: string; store: SqliteEventStore };
}

/** Loads both stores; times store A's appends only (generation excluded). */
async function load(root: string, lastYear: string) {
  const clock = new FixedClock(new Date('2020-01-01T00:00:00Z'));
  const open = (name: string) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const logPath = join(dir, 'pix-ledger.db');
    return {
      dir,
      log: logPath,
      views: join(dir, 'pix-ledger.views.db'),
      store: new SqliteEventStore(logPath, { clock }),
    };
  };
  const stores: Stores = { a: open('one-year'), b: open('all-years') };
  const data = dataset(options);
  let aEvents = 0;
  let aMs = 0;
  let bEvents = 0;
  let nextNote = 0;
  for (const append of data.appends()) {
    clock.set(append.recordedAt);
    const events = toNewEvents(append);
    await stores.b.store.append(append.streamId, events, {
      expectedRevision: append.expectedRevision,
    });
    bEvents += events.length;
    if (!append.schoolYear || append.schoolYear === lastYear) {
      const started = performance.now();
      await stores.a.store.append(append.streamId, events, {
        expectedRevision: append.expectedRevision,
      });
      aMs += performance.now() - started;
      aEvents += events.length;
    }
    if (bEvents >= nextNote) {
      note(`loaded ${fmt(bEvents)} events (${append.schoolYear ?? 'reference data'})`);
      nextNote += 500_000;
    }
  }
  return { stores, data, aEvents, aMs, bEvents };
}

function toNewEvents(append: Append) {
  return append.events.map((event) => ({
    type: event.type,
    data: event.data,
    metadata: {
      ...event.metadata,
      actor: 'generator',
      ...(append.schoolYear ? { schoolYear: append.schoolYear } : {}),
    },
  }));
}

/** The same rows with raw better-sqlite3: same table and indexes, one transaction per append. */
function rawInsert(path: string, lastYear: string): { events: number; ms: number } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.exec(EVENT_LOG_SCHEMA);
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream_id, category, revision, type, school_year, data, metadata, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hash = '0'.repeat(64); // the port computes a SHA-256 chain; raw stores a placeholder
  const revisions = new Map<string, number>();
  let events = 0;
  let ms = 0;
  for (const append of dataset(options).appends()) {
    if (append.schoolYear && append.schoolYear !== lastYear) continue;
    const rows = toNewEvents(append);
    const started = performance.now();
    db.exec('BEGIN IMMEDIATE');
    let revision = revisions.get(append.streamId) ?? -1;
    const category = append.streamId.slice(0, append.streamId.indexOf('-'));
    for (const row of rows) {
      revision += 1;
      const id = uuidv7();
      insert.run(
        id,
        append.streamId,
        category,
        revision,
        row.type,
        append.schoolYear ?? null,
        JSON.stringify(row.data),
        JSON.stringify({ ...row.metadata, correlationId: id, recordedAt: append.recordedAt }),
        hash,
      );
    }
    db.exec('COMMIT');
    ms += performance.now() - started;
    revisions.set(append.streamId, revision);
    events += rows.length;
  }
  db.close();
  return { events, ms };
}

/** SELECT + JSON.parse of the events a per-year rebuild of Y reads. */
function rawRead(path: string, year: string): { events: number; ms: number } {
  const db = new Database(path, { readonly: true });
  const categories = ALL_PROJECTIONS.find((p) => p.name === 'certification')!.filter.categories!;
  const started = performance.now();
  let events = 0;
  for (const row of db
    .prepare(
      `SELECT data, metadata FROM events WHERE school_year = ? AND category IN (${categories.map(() => '?').join(', ')})
       ORDER BY position`,
    )
    .iterate(year, ...categories) as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    events++;
  }
  const ms = performance.now() - started;
  db.close();
  return { events, ms };
}

async function buildViews(target: Stores['a']) {
  const views = new SqliteReadModelStore(target.views);
  const runner = new ProjectionRunner(target.store, views, ALL_PROJECTIONS, { batchSize: 5000 });
  const started = performance.now();
  await runner.init();
  await runner.catchUp();
  const ms = performance.now() - started;
  await views.close();
  return { events: await target.store.headPosition(), ms };
}

interface RebuildResult {
  rebuilds: number;
  events: number;
  ms: number;
  maxRssMb: number;
}

const WORKER = join(__dirname, 'workers', 'rebuild-year.ts');

async function rebuildInWorker(target: Stores['a'], year: string): Promise<RebuildResult> {
  const child = tsFork(WORKER, [target.log, target.views, year, BATCH]);
  return message<RebuildResult>(child);
}

async function startApi(target: Stores['b']) {
  const port = await freePort();
  const child = tsFork(join(ROOT, 'apps', 'api', 'src', 'main.ts'), [], {
    HOST: '127.0.0.1',
    PORT: String(port),
    PIX_LEDGER_DATA_DIR: target.dir,
    PIX_LEDGER_SQLITE_PATH: target.log,
    PIX_LEDGER_VIEWS_PATH: target.views,
    PIX_LEDGER_READ_MODELS: 'sqlite',
    PIX_LEDGER_RUN_PROJECTIONS: 'off',
    PIX_LEDGER_SEED_REGULATION: 'false',
    PIX_LEDGER_RATE_LIMIT: '1000000000',
  });
  const url = `http://127.0.0.1:${port}`;
  // A dashboard's token, signed with the key the API created in its data folder.
  const token = () =>
    signLocalToken(
      loadOrCreateSigningKey(join(target.dir, 'pix-ledger.signing-key.pem')),
      LOCAL_ISSUER,
      { subject: 'bench-dashboard', scopes: [{ kind: 'dashboard' }], expiresInSeconds: 3600 },
    );
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok)
        return { child, url, headers: { authorization: `Bearer ${token()}` } };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the API did not start');
}

async function load_test(
  url: string,
  headers: Record<string, string>,
): Promise<{ p50: number; p99: number; requests: number; errors: number }> {
  const result = await autocannon({
    url,
    headers,
    duration: DURATION,
    overallRate: RATE,
    connections: CONNECTIONS,
    timeout: 30,
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function main(): Promise<void> {
  const keep = option('dir', '');
  const root = keep || mkdtempSync(join(tmpdir(), 'pix-ledger-bench-projections-'));
  const years = dataset(options).schoolYears;
  const year = years[years.length - 1];
  log(
    `bench:projections — scale ${scale}, ${options.years} years (${years[0]} to ${year}), seed ${options.seed}, ` +
      `factor ${options.factor}; ${cpus().length} cores (${cpus()[0]?.model.trim()}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB RAM (${Math.round(freemem() / 2 ** 30)} free), node ${process.version}`,
  );
  try {
    const loaded = await load(root, year);
    const { a, b } = loaded.stores;
    const raw = rawInsert(join(root, 'raw-insert.db'), year);
    const portRate = rate(loaded.aEvents, loaded.aMs);
    const rawRate = rate(raw.events, raw.ms);
    log(
      `\n1. append of 1 year (${fmt(loaded.aEvents)} events; store B holds ${fmt(loaded.bEvents)})`,
    );
    log(`   port append      ${fmt(portRate)} events/s`);
    log(`   raw INSERT       ${fmt(rawRate)} events/s (same rows, one transaction per append)`);
    log(`   ratio port/raw   ${ratio(portRate, rawRate)}   (target ≥ 0.5)`);

    note('building the live views of both stores');
    const builtA = await buildViews(a);
    const builtB = await buildViews(b);
    log(
      `\n   (live build from empty: A ${fmt(rate(builtA.events, builtA.ms))} events/s, ` +
        `B ${fmt(rate(builtB.events, builtB.ms))} events/s over the whole log)`,
    );

    note(`rebuilding ${year} in A`);
    const rebuildA = await rebuildInWorker(a, year);
    const read = rawRead(a.log, year);
    const rebuildRate = rate(rebuildA.events, rebuildA.ms);
    const readRate = rate(read.events, read.ms);
    log(`\n2. blue/green rebuild of ${year} (certification, batches of ${BATCH}, own process)`);
    log(
      `   rebuild          ${fmt(rebuildA.events)} events in ${(rebuildA.ms / 1000).toFixed(1)} s = ${fmt(rebuildRate)} events/s, peak RSS ${rebuildA.maxRssMb} MB`,
    );
    log(
      `   raw read+parse   ${fmt(read.events)} events in ${(read.ms / 1000).toFixed(1)} s = ${fmt(readRate)} events/s`,
    );
    log(
      `   ratio            ${ratio(rebuildRate, readRate)}   (target ≥ 0.5; national year ≤ 30 s, RSS ≤ 512 MB)`,
    );

    note(`rebuilding ${year} in B`);
    const rebuildB = await rebuildInWorker(b, year);
    log(`\n3. rebuild of ${year} with 1 year stored vs ${options.years} years stored`);
    log(
      `   1 year stored    ${(rebuildA.ms / 1000).toFixed(2)} s (${fmt(rebuildA.events)} events)`,
    );
    log(
      `   ${options.years} years stored   ${(rebuildB.ms / 1000).toFixed(2)} s (${fmt(rebuildB.events)} events)`,
    );
    log(`   ratio            ${ratio(rebuildB.ms, rebuildA.ms)}   (target ≤ 1.2)`);

    await a.store.close();
    await b.store.close();
    note('starting the API on B (projections off) and measuring GET /years/{Y}/stats');
    const api = await startApi(b);
    try {
      // Every breakdown (at national scale, 11,000 establishments), and a dashboard tile's.
      const urls = [
        `${api.url}/years/${year}/stats`,
        `${api.url}/years/${year}/stats?groups=academie,population`,
      ];
      const firsts: { ms: number; bytes: number }[] = [];
      for (const url of urls) {
        const once = performance.now();
        const first = await fetch(url, { headers: api.headers });
        if (!first.ok) throw new Error(`GET ${url}: ${first.status} ${await first.text()}`);
        const bytes = (await first.arrayBuffer()).byteLength;
        firsts.push({ ms: performance.now() - once, bytes });
      }
      const quiet: Awaited<ReturnType<typeof load_test>>[] = [];
      for (const url of urls) quiet.push(await load_test(url, api.headers));
      const rebuilder = tsFork(WORKER, [b.log, b.views, year, BATCH, 'loop']);
      const rebuilt = message<RebuildResult>(rebuilder);
      const busy: Awaited<ReturnType<typeof load_test>>[] = [];
      for (const url of urls) busy.push(await load_test(url, api.headers));
      rebuilder.kill('SIGTERM');
      const during = await rebuilt;
      log(
        `\n4. GET /years/${year}/stats, autocannon ${RATE} req/s offered, ${CONNECTIONS} connections, ${DURATION} s each (first request, which summarises the year: ${firsts[0].ms.toFixed(0)} ms)`,
      );
      urls.forEach((url, i) => {
        log(`   ${url.slice(api.url.length)} (${fmt(firsts[i].bytes)} bytes)`);
        log(
          `     without rebuild  p50 ${quiet[i].p50} ms, p99 ${quiet[i].p99} ms, ${fmt(quiet[i].requests)} requests, ${quiet[i].errors} errors`,
        );
        log(
          `     during rebuild   p50 ${busy[i].p50} ms, p99 ${busy[i].p99} ms, ${fmt(busy[i].requests)} requests, ${busy[i].errors} errors`,
        );
      });
      log(`   (${during.rebuilds} rebuilds of ${year} completed during the measurements)`);
      log(`   target           p99 ≤ 10 ms`);
    } finally {
      api.child.kill('SIGTERM');
    }
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
