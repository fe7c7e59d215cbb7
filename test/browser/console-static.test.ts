import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/** The API serves the built console at `/` and leaves its own routes alone. */
describe('HTTP: the console at / beside the API', () => {
  let t: TestApp;
  let dir: string;
  const get = (path: string) => request(t.app.getHttpServer()).get(path);

  beforeAll(async () => {
    // A stand-in for Vite's output: the serving is under test here, the page in console.browser.
    dir = mkdtempSync(join(tmpdir(), 'pix-ledger-console-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(dir, 'assets', 'index-Ab12.js'), 'console.log("console")');
    process.env.PIX_LEDGER_CONSOLE_DIR = dir;
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.PIX_LEDGER_CONSOLE_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / (never cached) and hashed assets (cached for good)', async () => {
    const page = await get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toContain('<div id="app">');
    const asset = await get('/assets/index-Ab12.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('keeps /health, /docs and /events working', async () => {
    await get('/health').expect(200);
    expect((await get('/docs').expect(200)).text).toContain('swagger');
    expect((await get('/events?limit=1').expect(200)).body).toHaveProperty('events');
    const openApi = (await get('/docs-json').expect(200)).body;
    expect(Object.keys(openApi.paths)).toContain('/years/{schoolYear}/report');
    expect(Object.keys(openApi.paths)).not.toContain('/');
  });

  it('answers 404 for unknown assets and names outside the assets folder', async () => {
    await get('/assets/missing.js').expect(404);
    await get('/assets/..%2Findex.html').expect(404);
  });

  it('says how to build the console when it is not built (503), the API still up', async () => {
    process.env.PIX_LEDGER_CONSOLE_DIR = join(dir, 'nowhere');
    const res = await get('/').expect(503);
    expect(res.text).toContain('npm run build');
    await get('/health').expect(200);
    process.env.PIX_LEDGER_CONSOLE_DIR = dir;
  });
});
