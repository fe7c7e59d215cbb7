import type { INestApplication } from '@nestjs/common';
import { join } from 'node:path';
import request from 'supertest';
import { ProjectionRunner, SqliteReadModelStore } from '@pix-ledger/projections';
import { ALL_PROJECTIONS } from '@pix-ledger/projections/catalogue';
import { projectorEnv, startProjector, stopProjector } from './support/projector-process';
import { apiOnLog } from './support/api-on-log';
import { generatedLog } from './support/project-dataset';

/**
 * A blue/green rebuild of one school year runs in the projector process while the API (with
 * PIX_LEDGER_RUN_PROJECTIONS=off) answers GET /years/{Y}/stats: every answer is the live
 * version's until the switch (and until the API has summarised the rebuilt year), then the
 * rebuilt one's; never a half-built year, one switch.
 */
describe('blue/green rebuild under queries', () => {
  jest.setTimeout(180_000);

  it('the live version answers during the rebuild, and the answers switch once', async () => {
    const log = await generatedLog({ scale: 'academie', years: 2, seed: 5, factor: 0.08 });
    const viewsPath = join(log.dir, 'pix-ledger.views.db');
    const views = new SqliteReadModelStore(viewsPath);
    const saved = { ...process.env };
    let app: INestApplication | undefined;
    try {
      const runner = new ProjectionRunner(log.store, views, ALL_PROJECTIONS);
      await runner.init();
      await runner.catchUp();
      Object.assign(process.env, {
        PIX_LEDGER_RUN_PROJECTIONS: 'off',
        PIX_LEDGER_VIEWS_PATH: viewsPath,
        PIX_LEDGER_READ_MODELS: 'sqlite',
      });
      const startApi = async () => {
        app = await apiOnLog(log);
      };
      await startApi();
      const year = log.schoolYears[1];
      const stats = async () => {
        const response = await request(app!.getHttpServer()).get(`/years/${year}/stats`);
        expect(response.status).toBe(200);
        const { results, meanPixScore } = response.body.total;
        return JSON.stringify({ results, meanPixScore });
      };
      const rebuilt = await stats();
      // The live year drifts from what its events say; a rebuild of that year restores it.
      // A new API process sees the drifted rows (a running one answers from its summary of
      // the year, which only a switch or new events make it judge again).
      await app!.close();
      await views.run('UPDATE cert_results SET pix_score = pix_score + 7 WHERE school_year = ?', [
        year,
      ]);
      await startApi();
      const live = await stats();
      expect(live).not.toEqual(rebuilt);

      await runner.requestRebuild('certification', { schoolYear: year });
      // Queries start at once; the projector comes up meanwhile and rebuilds in small batches.
      const projector = startProjector(projectorEnv(log.dir, log.logPath, viewsPath, 5));
      const answers: string[] = [];
      let duringRebuild = 0;
      try {
        const job = () =>
          views.get<{ position: number }>(
            "SELECT position FROM projection_rebuilds WHERE name = 'certification'",
          );
        for (let i = 0; i < 5000; i++) {
          const before = await job();
          const answer = await stats();
          const after = await job();
          answers.push(answer);
          if (before && before.position > 0 && after) duringRebuild++;
          if (!after && answer === rebuilt) break;
        }
      } finally {
        await stopProjector(await projector, 'SIGTERM');
      }
      expect(new Set(answers)).toEqual(new Set([live, rebuilt]));
      const switchedAt = answers.indexOf(rebuilt);
      expect(answers.slice(0, switchedAt).every((a) => a === live)).toBe(true);
      expect(answers.slice(switchedAt).every((a) => a === rebuilt)).toBe(true);
      expect(duringRebuild).toBeGreaterThanOrEqual(3);
      const body = (await request(app!.getHttpServer()).get('/projections')).body;
      expect(
        body.projections.find((p: { name: string }) => p.name === 'certification'),
      ).toMatchObject({ liveVersion: 1, rebuild: null });
    } finally {
      await app?.close();
      process.env = saved;
      await views.close();
      await log.remove();
    }
  });
});
