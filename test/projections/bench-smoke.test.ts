import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * `npm run bench:projections -- --scale academie` as a smoke run with small parameters: it
 * must go through and print each figure. No timing is asserted (that is the bench's job).
 */
describe('bench:projections smoke run', () => {
  jest.setTimeout(300_000);

  it('prints the append, rebuild, 1-vs-N-years and latency figures', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'test/bench/bench-projections.ts',
        ...['--scale', 'academie', '--years', '2', '--factor', '0.02'],
        ...['--duration', '2', '--rate', '20', '--connections', '2'],
      ],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/ratio port\/raw\s+\d+\.\d\d/);
    expect(out).toMatch(/rebuild\s+[\d,]+ events in [\d.]+ s = [\d,]+ events\/s, peak RSS \d+ MB/);
    expect(out).toMatch(/2 years stored\s+[\d.]+ s/);
    // Both the full answer and a dashboard tile's, without and during a rebuild.
    expect(out.match(/without rebuild\s+p50 [\d.]+ ms, p99 [\d.]+ ms/g)).toHaveLength(2);
    expect(out.match(/during rebuild\s+p50 [\d.]+ ms, p99 [\d.]+ ms/g)).toHaveLength(2);
    expect(out).toMatch(/stats\?groups=academie,population \([\d,]+ bytes\)/);
  });
});
