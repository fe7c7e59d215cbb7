import request from 'supertest';
import { ALL_PROJECTIONS } from '@pix-ledger/projections/catalogue';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { ProjectionRegistry } from '../../apps/api/src/projections/projection-registry';
import { loadProjectionsConfig } from '../../apps/api/src/projections/projections.config';
import { startTestApp, type TestApp } from '../support/test-app';

describe('projections over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.append('establishment-0190001A', [
      {
        type: 'EstablishmentRegistered',
        data: {
          uai: '0190001A',
          name: 'Collège',
          type: 'COLLEGE',
          sector: 'public',
          academie: '19',
          academieSince: null,
        },
      },
    ]);
  });
  afterAll(async () => t.close());

  it('the catalogue the projector runs holds exactly the projections the API registers', () => {
    const registered = t.app.get(ProjectionRegistry).all();
    expect(ALL_PROJECTIONS.map((p) => [p.name, p.version]).sort()).toEqual(
      registered.map((p) => [p.name, p.version]).sort(),
    );
  });

  it('GET /projections reports checkpoints and lag', async () => {
    const response = await request(t.app.getHttpServer()).get('/projections').expect(200);
    expect(response.body.runner).toBe('inline');
    const certification = response.body.projections.find(
      (p: { name: string }) => p.name === 'certification',
    );
    expect(certification).toMatchObject({ version: 1, liveVersion: 1, state: 'live' });
    expect(certification.behind).toBeGreaterThanOrEqual(0);
    expect(typeof certification.oldestUnprocessedAgeSeconds).toBe('number');
  });

  it('GET /metrics exposes them to Prometheus', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const response = await request(t.app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toContain(`pix_ledger_event_store_head_position ${head}`);
    expect(response.text).toMatch(
      /pix_ledger_projection_lag_positions\{projection="certification"\} \d+/,
    );
    expect(response.text).toMatch(
      /pix_ledger_projection_lag_seconds\{projection="certification"\}/,
    );
  });

  it('POST /projections/{name}/rebuilds starts a blue/green rebuild, the runner completes it', async () => {
    const server = t.app.getHttpServer();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    await request(server)
      .post('/projections/certification/rebuilds')
      .send({ schoolYear: '2024-2026' })
      .expect(400)
      .expect((r) => expect(JSON.stringify(r.body.message)).toContain('schoolYear'));
    await request(server).post('/projections/nothing/rebuilds').send({}).expect(404);
    const accepted = await request(server)
      .post('/projections/certification/rebuilds')
      .send({ schoolYear: '2024-2025' })
      .expect(202);
    expect(accepted.body.rebuild).toMatchObject({ name: 'certification', schoolYear: '2024-2025' });
    for (let i = 0; i < 100; i++) {
      const { body } = await request(server).get('/projections');
      if (!body.projections.find((p: { name: string }) => p.name === 'certification').rebuild) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { body } = await request(server).get('/projections').expect(200);
    expect(
      body.projections.find((p: { name: string }) => p.name === 'certification'),
    ).toMatchObject({ rebuild: null, liveVersion: 1 });
    expect(await store.headPosition()).toBe(head);
  });
});

describe('projections configuration', () => {
  it('reads the store and the run mode from the environment, and names what is wrong', () => {
    expect(loadProjectionsConfig({}, '/data')).toMatchObject({
      readModels: { adapter: 'sqlite', path: '/data/pix-ledger.views.db' },
      run: 'inline',
    });
    expect(
      loadProjectionsConfig(
        {
          PIX_LEDGER_READ_MODELS: 'postgres',
          PIX_LEDGER_POSTGRES_URL: 'postgres://u:p@db/x',
          PIX_LEDGER_RUN_PROJECTIONS: 'off',
        },
        '/data',
      ),
    ).toMatchObject({
      readModels: { adapter: 'postgres', url: 'postgres://u:p@db/x' },
      run: 'off',
    });
    expect(() => loadProjectionsConfig({ PIX_LEDGER_READ_MODELS: 'postgres' }, '/d')).toThrow(
      'PIX_LEDGER_POSTGRES_URL',
    );
    expect(() => loadProjectionsConfig({ PIX_LEDGER_RUN_PROJECTIONS: 'yes' }, '/d')).toThrow(
      'PIX_LEDGER_RUN_PROJECTIONS',
    );
  });
});
