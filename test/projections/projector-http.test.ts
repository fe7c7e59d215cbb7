import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectorEnv, startProjector, stopProjector } from './support/projector-process';

/**
 * The projector's port has no access control (its operators' status and metrics): it must
 * not take writes. Rebuilds are requested through the API (national token) or the CLI.
 */
describe('the projector process over HTTP', () => {
  jest.setTimeout(60_000);

  it('serves status and metrics, and no rebuild requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pix-ledger-projector-'));
    const projector = await startProjector(
      projectorEnv(dir, join(dir, 'pix-ledger.db'), join(dir, 'pix-ledger.views.db'), 100),
    );
    try {
      const base = `http://127.0.0.1:${projector.port}`;
      const status = await fetch(`${base}/projections`);
      expect(status.status).toBe(200);
      const names = ((await status.json()) as { projections: { name: string }[] }).projections.map(
        (p) => p.name,
      );
      expect(names).toContain('certification');
      expect((await fetch(`${base}/metrics`)).status).toBe(200);
      const rebuild = await fetch(`${base}/projections/certification/rebuilds`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(rebuild.status).toBe(404);
    } finally {
      await stopProjector(projector, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
