import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProjectionRunner, SqliteReadModelStore } from '@pix-ledger/projections';
import { ALL_PROJECTIONS } from '@pix-ledger/projections/catalogue';
import { Random } from '../bench/generator/random';
import { projectorEnv, startProjector, stopProjector } from './support/projector-process';
import { dumpTables, generatedLog, leftovers } from './support/project-dataset';

const KILLS = 20;

/**
 * The "done when" of the projection runtime: a projector process killed with SIGKILL at
 * random points of its rebuilds (batches, switches) 20 times ends, once let run, with the
 * read model of a clean build, row for row: nothing counted twice, nothing lost.
 */
describe('projector killed during rebuilds', () => {
  jest.setTimeout(300_000);

  it(`SIGKILLed ${KILLS} times, it ends with a clean build's read model`, async () => {
    const log = await generatedLog({ scale: 'academie', years: 2, seed: 11, factor: 0.05 });
    const viewsPath = join(log.dir, 'pix-ledger.views.db');
    const views = new SqliteReadModelStore(viewsPath);
    const cleanViews = new SqliteReadModelStore(join(log.dir, 'clean.views.db'));
    try {
      const clean = new ProjectionRunner(log.store, cleanViews, ALL_PROJECTIONS);
      await clean.init();
      await clean.catchUp();
      const expected = await dumpTables(cleanViews, ALL_PROJECTIONS);

      const runner = new ProjectionRunner(log.store, views, ALL_PROJECTIONS);
      await runner.init();
      await runner.catchUp();
      // Damage the live tables: only rebuilds can bring them back to the clean build.
      await views.run('UPDATE cert_results SET pix_score = -1');
      await views.run('DELETE FROM cert_6e_outcomes');

      const [first, second] = log.schoolYears;
      const jobs = [undefined, first, second]; // every year, then one year, then the other
      const random = new Random(2026);
      const env = projectorEnv(log.dir, log.logPath, viewsPath, 10);
      const midway: number[] = [];
      let requested = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        if ((await runner.status()).find((s) => s.name === 'certification')?.rebuild === null) {
          await runner.requestRebuild('certification', { schoolYear: jobs[requested % 3] });
          requested++;
        }
        const child = await startProjector(env);
        await sleep(random.int(0, 800));
        await stopProjector(child, 'SIGKILL');
        const job = (await runner.status()).find((s) => s.name === 'certification')?.rebuild;
        if (job && job.position > 0) midway.push(job.position);
      }
      expect(requested).toBeGreaterThanOrEqual(3);
      // Many kills landed inside a rebuild that had made progress and had to resume.
      expect(midway.length).toBeGreaterThanOrEqual(KILLS / 4);

      const last = await startProjector(env);
      try {
        for (let i = 0; i < 600; i++) {
          const [status] = (await runner.status()).filter((s) => s.name === 'certification');
          if (!status.rebuild && status.behind === 0) break;
          await sleep(100);
        }
      } finally {
        await stopProjector(last, 'SIGTERM');
      }
      expect(await leftovers(views)).toEqual([]);
      expect(await dumpTables(views, ALL_PROJECTIONS)).toEqual(expected);
      for (const status of await runner.status()) {
        expect(status).toMatchObject({ state: 'live', behind: 0, rebuild: null });
      }
    } finally {
      await views.close();
      await cleanViews.close();
      await log.remove();
    }
  });
});
