import { spawn } from 'node:child_process';
import {
  closeSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { type SecureTestApp, startSecureTestApp } from './security-harness';
import { LYCEE_A, registerWorld } from './security-fixtures';

const ROOT = join(__dirname, '..', '..');

/** `npm run cli -- …` as its own OS process on the test's data folder. */
function cli(
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
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
        env: {
          ...process.env,
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          PIX_LEDGER_DATA_DIR: dataDir,
          PIX_LEDGER_SQLITE_PATH: join(dataDir, 'pix-ledger.db'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Flips one bit of the byte where `marker` is stored in the file, as an editor of the file would. */
function flipByteOf(path: string, marker: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(marker));
  if (at < 0 || bytes.indexOf(Buffer.from(marker), at + 1) >= 0)
    throw new Error(`${marker} is not once in ${path}`);
  const fd = openSync(path, 'r+');
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, at);
  one[0] ^= 0x01;
  writeSync(fd, one, 0, 1, at);
  closeSync(fd);
}

/** The README's offline check, as a third party would paste it. */
function readmeVerifier(): (path: string) => {
  ok: boolean;
  firstBrokenPosition?: number;
  checked?: number;
} {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const snippet = /<!-- log-verify:[^>]*-->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!snippet) throw new Error('README has no log-verify snippet');
  return new Function('require', `${snippet}\nreturn verifyPixLedgerExport;`)(require);
}

describe('Tamper evidence: one byte changed in the SQLite file is found, by the CLI and by GET /integrity', () => {
  let t: SecureTestApp;
  let dataDir: string;
  let tamperedPosition: number;
  let head: number;

  beforeAll(async () => {
    t = await startSecureTestApp({ keep: true });
    dataDir = t.dataDir;
    await registerWorld(t.http);
    await t.http
      .post('/sessions')
      .send({
        sessionId: 'TAMPERME',
        uai: LYCEE_A,
        population: 'LYC',
        date: '2025-03-27',
        time: '14:00',
      })
      .expect(201);
    await registerMore(t);
    const store = t.app.get<EventStore>(EVENT_STORE);
    tamperedPosition = (await store.readStream('session-TAMPERME'))[0].position;
    head = await store.headPosition();
    expect(tamperedPosition).toBeLessThan(head);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an untouched log verifies: GET /integrity, `verify`, and an export checked offline by `verify --file` and by the README snippet', async () => {
    const api = await t.http.get('/integrity').expect(200);
    expect(api.body).toMatchObject({ ok: true, checked: head, algorithm: 'sha256-chain/v1' });
    await t.close(); // the CLI reads the file as it is on disk (WAL checkpointed)

    const verified = await cli(['verify'], dataDir);
    expect({ code: verified.code, stdout: verified.stdout }).toEqual({
      code: 0,
      stdout: `ok: ${head} events, the chain holds (last hash ${api.body.lastHash})\n`,
    });
    const exportFile = join(dataDir, 'log.ndjson');
    const exported = await cli(['export', '--out', exportFile], dataDir);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`exported ${head} events`);
    const offline = await cli(['verify', '--file', exportFile], dataDir);
    expect(offline.code).toBe(0);
    expect(readmeVerifier()(exportFile)).toEqual({
      ok: true,
      checked: head,
      lastHash: api.body.lastHash,
    });
    // One character changed in the export: the third party sees where.
    const lines = readFileSync(exportFile, 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes('TAMPERME'));
    const edited = join(dataDir, 'edited.ndjson');
    writeFileSync(
      edited,
      [
        ...lines.slice(0, index),
        lines[index].replace('14:00', '15:00'),
        ...lines.slice(index + 1),
      ].join('\n'),
    );
    expect(readmeVerifier()(edited)).toEqual({ ok: false, firstBrokenPosition: tamperedPosition });
    const offlineBroken = await cli(['verify', '--file', edited], dataDir);
    expect(offlineBroken.code).toBe(3);
    expect(offlineBroken.stdout).toContain(`BROKEN at position ${tamperedPosition}`);
  });

  it('one byte flipped in one event in the file: `verify` and GET /integrity name its position', async () => {
    // The session's date, in that event's data only (its id is also in its stream's name and index).
    flipByteOf(join(dataDir, 'pix-ledger.db'), '"date":"2025-03-27"');
    const verified = await cli(['verify'], dataDir);
    expect(verified.code).toBe(3);
    expect(verified.stdout).toBe(
      `BROKEN at position ${tamperedPosition}: content does not match its hash (${tamperedPosition - 1} events verified before it)\n`,
    );
    t = await startSecureTestApp({ dataDir, keep: true });
    const api = await t.http.get('/integrity').expect(200);
    expect(api.body).toMatchObject({
      ok: false,
      firstBrokenPosition: tamperedPosition,
      checked: tamperedPosition - 1,
    });
  });

  it('`token create` signs tokens the API accepts, with the scope asked', async () => {
    const created = await cli(
      [
        'token',
        'create',
        '--role',
        'etablissement',
        '--uai',
        LYCEE_A,
        '--expires',
        '1h',
        '--subject',
        'chef',
      ],
      dataDir,
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    const server = t.app.getHttpServer();
    await request(server)
      .get(`/establishments/${LYCEE_A}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    await request(server).get('/integrity').set('Authorization', `Bearer ${token}`).expect(404);
    const refused = await cli(
      ['token', 'create', '--role', 'etablissement', '--expires', '1h'],
      dataDir,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--role etablissement needs --uai');
    const badUai = await cli(
      ['token', 'create', '--role', 'etablissement', '--uai', '0510002B'],
      dataDir,
    );
    expect(badUai.code).toBe(1);
    expect(badUai.stderr).toMatch(/check letter|UAI/i);
  });
});

/** A few events after the one tampered with, so that the break is not at the end. */
async function registerMore(t: SecureTestApp) {
  for (let i = 0; i < 3; i++) {
    await t.http
      .post(`/sessions/TAMPERME/issues`)
      .send({ category: 'OTHER', description: `note ${i}` })
      .expect(201);
  }
}
