import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChromiumMissingError, chromiumPath } from '../../../apps/cli/src/audit/chromium';

const ROOT = resolve(__dirname, '../../..');
export const SCREENSHOTS = join(ROOT, 'test-output');

/**
 * Whether the browser tests can run. Without chromium they fail in CI (which installs it) with
 * a message saying how to install it; elsewhere they say so once and are skipped.
 */
export function chromiumAvailable(): boolean {
  const path = chromiumPath();
  if (existsSync(path)) return true;
  return missing(new ChromiumMissingError(path));
}

/** pdftotext (Debian's poppler-utils), to read the PDF reports back. */
export function pdftotextAvailable(): boolean {
  if (spawnSync('pdftotext', ['-v']).error === undefined) return true;
  return missing(
    new Error(
      'pdftotext is not installed: `apt-get install -y --no-install-recommends chromium poppler-utils` (.ci/run does it)',
    ),
  );
}

function missing(error: Error): false {
  if (process.env.CI) throw error;
  process.stderr.write(`browser tests skipped: ${error.message}\n`);
  return false;
}

export function pdfText(path: string): string {
  const run = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout;
}

/**
 * Type-checks and builds the console from its sources into a temporary folder (Vite runs in its own process:
 * it is ESM and never loaded by jest), so the tests check the page as it is now.
 */
export function buildConsole(): string {
  // Vite only strips types: check them as `npm run build:console` does.
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const check = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'apps/console/tsconfig.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (check.status !== 0) throw new Error(`the console does not type-check:\n${check.stdout}`);
  const outDir = mkdtempSync(join(tmpdir(), 'pix-ledger-console-'));
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(ROOT, 'apps/console/vite.config.mts'), '--logLevel', 'warn'],
    { cwd: ROOT, env: { ...process.env, CONSOLE_OUT_DIR: outDir }, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    throw new Error(`vite build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  }
  return outDir;
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}
