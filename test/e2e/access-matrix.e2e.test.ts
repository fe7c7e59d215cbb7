import { request as httpRequest } from 'node:http';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { consoleDir } from '../../apps/api/src/console/static/console-dir';
import { RegulationSeeding } from '../../apps/api/src/regulation/seeding/regulation-seeding.service';
import { result } from '../fixtures/certification';
import { type Agent, type SecureTestApp, startSecureTestApp } from './security-harness';
import {
  COLLEGE_C,
  freshIne,
  LYCEE_A,
  LYCEE_B,
  personalDataIn,
  PUPIL_A,
  registerWorld,
  resultsCsv,
  sessionAt,
  type SessionStage,
  UAI,
  YEAR,
} from './security-fixtures';

/** Every role the registry knows, with a token each (academie 19 and lycée A are "ours"). */
const ROLES = {
  national: 'national',
  academie19: 'academie:19',
  academie24: 'academie:24',
  etablissementA: `etablissement:${LYCEE_A}`,
  etablissementB: `etablissement:${LYCEE_B}`,
  dashboard: 'dashboard',
  integrationRegulation: 'integration:regulationText,yearCalendar',
  integrationSession: 'integration:session',
} as const;
type Role = keyof typeof ROLES;
const ALL = Object.keys(ROLES) as Role[];

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  body?: object | string;
  type?: string;
}

interface Case {
  /** `METHOD /path/:param` as the router knows it. */
  route: string;
  /** Roles besides national allowed here; every other one gets 404 (reads) or 403 (writes). */
  allowed: Role[] | 'everyone';
  /** What an allowed call answers. */
  success: number;
  /** The call a role makes (prepared afresh for each role when it needs its own target). */
  call: (role: Role) => Call | Promise<Call>;
  /** Anonymous too (health, docs, console page). */
  public?: boolean;
}

const source = { reference: 'access matrix fixture' };
const NEXT_YEAR = '2030-2031';
let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}`;

describe('Access matrix: every route × every role', () => {
  let t: SecureTestApp;
  let store: EventStore;
  let admin: Agent;
  let base: string;
  let subscriptionId: string;
  let erasablePupilRef: string;
  const previousWorker = process.env.PIX_LEDGER_WEBHOOK_WORKER;

  /** A session at lycée A in the given stage, made by national for the role about to act. */
  const sessionFor = async (stage: SessionStage) => {
    const id = unique('M');
    await sessionAt(admin, id, LYCEE_A, stage);
    return id;
  };
  const sessionStep = (
    path: string,
    stage: SessionStage,
    body: object,
    success = 200,
    allowed: Role[] = ['academie19', 'etablissementA'],
  ): Case => ({
    route: `POST /sessions/:sessionId${path.replace('c1', ':candidateId')}`,
    allowed,
    success,
    call: async () => ({
      method: 'POST',
      url: `/sessions/${await sessionFor(stage)}${path}`,
      body,
    }),
  });

  const cases: Case[] = [
    // Public
    {
      route: 'GET /health',
      allowed: 'everyone',
      success: 200,
      public: true,
      call: () => ({ method: 'GET', url: '/health' }),
    },
    {
      route: 'GET /',
      allowed: 'everyone',
      success: consoleDir() ? 200 : 503,
      public: true,
      call: () => ({ method: 'GET', url: '/' }),
    },
    {
      route: 'GET /assets/:name',
      allowed: 'everyone',
      success: 404,
      public: true,
      call: () => ({ method: 'GET', url: '/assets/none.js' }),
    },
    {
      route: 'GET /docs/asyncapi',
      allowed: 'everyone',
      success: 200,
      public: true,
      call: () => ({ method: 'GET', url: '/docs/asyncapi' }),
    },
    {
      route: 'GET /docs/asyncapi.json',
      allowed: 'everyone',
      success: 200,
      public: true,
      call: () => ({ method: 'GET', url: '/docs/asyncapi.json' }),
    },
    // Regulation: public law, read by every role; written nationally (an académie its circulars)
    {
      route: 'GET /texts',
      allowed: 'everyone',
      success: 200,
      call: () => ({ method: 'GET', url: '/texts' }),
    },
    {
      route: 'GET /texts/:textId',
      allowed: 'everyone',
      success: 200,
      call: () => ({ method: 'GET', url: '/texts/note-de-service-2021-12-21' }),
    },
    {
      route: 'GET /rule-catalogue',
      allowed: 'everyone',
      success: 200,
      call: () => ({ method: 'GET', url: '/rule-catalogue' }),
    },
    {
      route: 'GET /years',
      allowed: 'everyone',
      success: 200,
      call: () => ({ method: 'GET', url: '/years' }),
    },
    {
      route: 'GET /years/:schoolYear',
      allowed: 'everyone',
      success: 200,
      call: () => ({ method: 'GET', url: '/years/2021-2022' }),
    },
    {
      route: 'GET /years/:schoolYear/calendar',
      allowed: 'everyone',
      success: 200,
      call: () => ({ method: 'GET', url: '/years/2021-2022/calendar' }),
    },
    {
      route: 'GET /years/:schoolYear/rules',
      allowed: 'everyone',
      success: 200,
      call: () => ({ method: 'GET', url: '/years/2021-2022/rules?population=LYC' }),
    },
    {
      route: 'POST /texts',
      allowed: ['academie19'],
      success: 201,
      call: () => ({
        method: 'POST',
        url: '/texts',
        body: {
          textId: unique('circ-19-'),
          kind: 'circulaire-academique',
          title: 'Circulaire de Reims',
          issuer: 'Rectorat de Reims',
          scope: { level: 'academie', academie: '19' },
          inForceFrom: '2030-09-01',
          source,
          confidence: 'C',
          rules: [],
        },
      }),
    },
    {
      route: 'POST /texts/:textId/amendments',
      allowed: [],
      success: 201,
      call: () => ({
        method: 'POST',
        url: '/texts/note-matrix-1/amendments',
        body: {
          amendedOn: '2030-12-01',
          changes: [
            {
              op: 'set',
              rule: { key: 'certification.validityYears', value: 2, inForceFrom: '2030-12-01' },
            },
          ],
          source,
          confidence: 'P',
        },
      }),
    },
    {
      route: 'POST /texts/:textId/errata',
      allowed: [],
      success: 201,
      call: () => ({
        method: 'POST',
        url: '/texts/note-matrix-1/errata',
        body: {
          field: 'title',
          asWritten: 'Note matrice',
          corrected: 'Note de la matrice',
          source,
          confidence: 'C',
        },
      }),
    },
    {
      route: 'POST /texts/:textId/abrogations',
      allowed: [],
      success: 201,
      call: () => ({
        method: 'POST',
        url: '/texts/note-matrix-1/abrogations',
        body: { byTextId: 'note-matrix-2', from: '2031-06-01', source, confidence: 'C' },
      }),
    },
    {
      route: 'POST /years/:schoolYear/calendar',
      allowed: [],
      success: 201,
      call: () => ({
        method: 'POST',
        url: `/years/2031-2032/calendar`,
        body: {
          publishedOn: '2031-09-10',
          items: [
            {
              population: 'LYC',
              mandatory: true,
              window: { start: '2031-11-03', end: '2032-03-05' },
            },
          ],
          source,
          confidence: 'P',
        },
      }),
    },
    {
      route: 'POST /years/:schoolYear/calendar/amendments',
      allowed: [],
      success: 201,
      call: () => ({
        method: 'POST',
        url: `/years/${NEXT_YEAR}/calendar/amendments`,
        body: {
          amendedOn: '2030-12-01',
          changes: [{ population: 'LYC', window: { start: '2030-11-04', end: '2031-04-04' } }],
          source,
          confidence: 'C',
        },
      }),
    },
    {
      route: 'POST /years/:schoolYear/calendar/narrowings',
      allowed: ['academie19'],
      success: 201,
      call: (role) => ({
        method: 'POST',
        url: `/years/${NEXT_YEAR}/calendar/narrowings`,
        body: {
          academie: '19',
          population: role === 'national' ? 'COL' : 'LYC',
          textId: 'circ-19-2030',
          publishedOn: '2030-10-01',
          window:
            role === 'national'
              ? { start: '2031-03-20', end: '2031-06-01' }
              : { start: '2030-11-10', end: '2031-02-01' },
          source,
          confidence: 'C',
        },
      }),
    },
    {
      route: 'POST /years/:schoolYear/calendar/errata',
      allowed: [],
      success: 201,
      call: () => ({
        method: 'POST',
        url: `/years/${NEXT_YEAR}/calendar/errata`,
        body: {
          population: 'COL',
          field: 'window.end',
          asWritten: '2031-06-13',
          corrected: '2031-06-12',
          source,
          confidence: 'C',
        },
      }),
    },
    // Establishments: an académie registers its own; an establishment sees and renames itself
    {
      route: 'POST /establishments',
      allowed: ['academie19'],
      success: 201,
      call: () => ({
        method: 'POST',
        url: '/establishments',
        body: {
          uai: UAI(`05109${String(++counter).padStart(2, '0')}`),
          name: 'Lycée neuf',
          type: 'LGT',
          sector: 'public',
          academie: '19',
        },
      }),
    },
    {
      route: 'GET /establishments/:uai',
      allowed: ['academie19', 'etablissementA'],
      success: 200,
      call: () => ({ method: 'GET', url: `/establishments/${LYCEE_A}` }),
    },
    {
      route: 'POST /establishments/:uai/name',
      allowed: ['academie19', 'etablissementA'],
      success: 200,
      call: (role) => ({
        method: 'POST',
        url: `/establishments/${LYCEE_A}/name`,
        body: { name: `Lycée Clemenceau (${role})` },
      }),
    },
    {
      route: 'POST /establishments/:uai/academie-changes',
      allowed: [],
      success: 200,
      call: () => ({
        method: 'POST',
        url: `/establishments/${COLLEGE_C}/academie-changes`,
        body: { academie: '19', since: '2026-09-01' },
      }),
    },
    // Sessions: the establishment's own and its académie's
    {
      route: 'POST /sessions',
      allowed: ['academie19', 'etablissementA'],
      success: 201,
      call: () => ({
        method: 'POST',
        url: '/sessions',
        body: {
          sessionId: unique('N'),
          uai: LYCEE_A,
          population: 'LYC',
          date: '2025-03-20',
          time: '09:00',
        },
      }),
    },
    {
      route: 'GET /sessions/:sessionId',
      allowed: ['academie19', 'etablissementA'],
      success: 200,
      call: () => ({ method: 'GET', url: '/sessions/SA' }),
    },
    {
      ...sessionStep('/candidates', 'scheduled', {}, 201),
      call: async () => ({
        method: 'POST',
        url: `/sessions/${await sessionFor('scheduled')}/candidates`,
        body: {
          candidateId: 'c9',
          ine: freshIne(),
          identity: { lastName: 'Neuf', firstName: 'Nina', birthDate: '2007-01-01' },
        },
      }),
    },
    sessionStep('/candidates/c1/start', 'enrolled', {}),
    sessionStep('/candidates/c1/complete', 'started', {}),
    sessionStep('/candidates/c1/abort', 'started', { reason: 'technical' }),
    sessionStep('/candidates/c1/end-by-invigilator', 'started', {}),
    sessionStep('/issues', 'enrolled', { category: 'OTHER', candidateId: 'c1' }, 201),
    sessionStep('/finalise', 'scored', { finalisedOn: '2025-03-21' }),
    sessionStep('/unfinalise', 'finalised', { reason: 'a forgotten abort reason' }),
    sessionStep('/candidates/c1/score', 'completed', { result: result() }),
    sessionStep('/candidates/c1/rescore', 'scored', {
      result: result(Array(16).fill(3)),
      reason: 'jury',
    }),
    sessionStep('/candidates/c1/cancel', 'scored', { reason: 'fraude' }),
    sessionStep('/publish', 'finalised', { publishedOn: '2025-04-01' }),
    sessionStep('/unpublish', 'published', { reason: 'erreur' }),
    sessionStep('/transmissions', 'published', { channel: 'Parcoursup' }),
    // 6e attestations of collège C (académie 19)
    {
      route: 'POST /attestations6e/:uai/:schoolYear/campaigns',
      allowed: ['academie19'],
      success: 201,
      call: () => ({
        method: 'POST',
        url: `/attestations6e/${COLLEGE_C}/${YEAR}/campaigns`,
        body: { campaignCode: unique('K'), parcours: 'Parcours 6e', openedOn: '2024-10-01' },
      }),
    },
    {
      route: 'POST /attestations6e/:uai/:schoolYear/completions',
      allowed: ['academie19'],
      success: 201,
      call: () => ({
        method: 'POST',
        url: `/attestations6e/${COLLEGE_C}/${YEAR}/completions`,
        body: {
          campaignCode: 'K6E',
          pupilId: unique('q'),
          ine: freshIne(),
          identity: { lastName: 'Six', firstName: 'Sam', birthDate: '2013-01-01' },
          completedOn: '2024-11-05',
        },
      }),
    },
    {
      route: 'POST /attestations6e/:uai/:schoolYear/outcomes',
      allowed: ['academie19'],
      success: 200,
      call: async () => {
        const pupilId = unique('o');
        await admin
          .post(`/attestations6e/${COLLEGE_C}/${YEAR}/completions`)
          .send({
            campaignCode: 'K6E',
            pupilId,
            ine: freshIne(),
            identity: { lastName: 'Six', firstName: 'Sam', birthDate: '2013-01-01' },
            completedOn: '2024-11-05',
          })
          .expect(201);
        return {
          method: 'POST',
          url: `/attestations6e/${COLLEGE_C}/${YEAR}/outcomes`,
          body: { pupilId, obtained: true, campaignCode: 'K6E', decidedOn: '2024-11-06' },
        };
      },
    },
    // The results import: académies and establishments, row by row within their scope
    {
      route: 'POST /imports/results',
      allowed: ['academie19', 'academie24', 'etablissementA', 'etablissementB'],
      success: 201,
      call: () => ({
        method: 'POST',
        url: '/imports/results',
        type: 'text/csv',
        body: resultsCsv([
          {
            sessionId: unique('I'),
            uai: LYCEE_A,
            candidateId: 'i1',
            ine: freshIne(),
            identity: { lastName: 'Import', firstName: 'Ida', birthDate: '2007-03-03' },
          },
        ]),
      }),
    },
    // Per-year views
    {
      route: 'GET /years/:schoolYear/establishments/:uai',
      allowed: ['academie19', 'etablissementA'],
      success: 200,
      call: () => ({ method: 'GET', url: `/years/${YEAR}/establishments/${LYCEE_A}` }),
    },
    {
      route: 'GET /years/:schoolYear/stats',
      allowed: ['dashboard', 'academie19', 'academie24'],
      success: 200,
      call: () => ({ method: 'GET', url: `/years/${YEAR}/stats` }),
    },
    {
      route: 'GET /years/:schoolYear/compliance',
      allowed: ['academie19', 'academie24'],
      success: 200,
      call: () => ({ method: 'GET', url: `/years/${YEAR}/compliance` }),
    },
    // The raw log and the feed: national, and integrations for their categories
    {
      route: 'GET /events',
      allowed: ['integrationRegulation', 'integrationSession'],
      success: 200,
      call: () => ({ method: 'GET', url: '/events?limit=1000' }),
    },
    {
      route: 'GET /streams/:streamId',
      allowed: ['integrationSession'],
      success: 200,
      call: () => ({ method: 'GET', url: '/streams/session-SA' }),
    },
    {
      route: 'GET /feed',
      allowed: ['integrationRegulation', 'integrationSession'],
      success: 200,
      call: () => ({ method: 'GET', url: '/feed?from=1' }),
    },
    {
      route: 'GET /feed/page',
      allowed: ['integrationRegulation', 'integrationSession'],
      success: 200,
      call: () => ({ method: 'GET', url: '/feed/page?from=1&limit=1000' }),
    },
    // Operations: national only
    {
      route: 'POST /subscriptions',
      allowed: [],
      success: 201,
      call: () => ({
        method: 'POST',
        url: '/subscriptions',
        body: {
          url: 'http://127.0.0.1:9/hook',
          secret: 'a-secret-of-16-chars-or-more',
          filter: { categories: ['session'] },
        },
      }),
    },
    {
      route: 'GET /subscriptions',
      allowed: [],
      success: 200,
      call: () => ({ method: 'GET', url: '/subscriptions' }),
    },
    {
      route: 'GET /subscriptions/:id',
      allowed: [],
      success: 200,
      call: () => ({ method: 'GET', url: `/subscriptions/${subscriptionId}` }),
    },
    {
      route: 'POST /subscriptions/:id/replay',
      allowed: [],
      success: 200,
      call: () => ({
        method: 'POST',
        url: `/subscriptions/${subscriptionId}/replay`,
        body: { fromPosition: 1 },
      }),
    },
    {
      route: 'DELETE /subscriptions/:id',
      allowed: [],
      success: 200,
      call: () => ({ method: 'DELETE', url: `/subscriptions/${subscriptionId}` }),
    },
    {
      route: 'GET /projections',
      allowed: [],
      success: 200,
      call: () => ({ method: 'GET', url: '/projections' }),
    },
    {
      route: 'POST /projections/:name/rebuilds',
      allowed: [],
      success: 202,
      call: () => ({
        method: 'POST',
        url: '/projections/certification/rebuilds',
        body: { schoolYear: YEAR },
      }),
    },
    {
      route: 'GET /metrics',
      allowed: [],
      success: 200,
      call: () => ({ method: 'GET', url: '/metrics' }),
    },
    {
      route: 'GET /years/:schoolYear/report',
      allowed: ['academie19', 'academie24'],
      success: 200,
      call: () => ({ method: 'GET', url: `/years/${YEAR}/report` }),
    },
    {
      route: 'GET /integrity',
      allowed: [],
      success: 200,
      call: () => ({ method: 'GET', url: '/integrity' }),
    },
    {
      route: 'GET /integrity/export',
      allowed: [],
      success: 200,
      call: () => ({ method: 'GET', url: '/integrity/export' }),
    },
    {
      route: 'POST /pupils/lookup',
      allowed: [],
      success: 200,
      call: () => ({ method: 'POST', url: '/pupils/lookup', body: { ine: PUPIL_A.ine } }),
    },
    {
      route: 'POST /pupils/:pupilRef/erasure',
      allowed: [],
      success: 200,
      call: () => ({
        method: 'POST',
        url: `/pupils/${erasablePupilRef}/erasure`,
        body: { reason: 'matrix' },
      }),
    },
  ];

  beforeAll(async () => {
    process.env.PIX_LEDGER_WEBHOOK_WORKER = 'off';
    t = await startSecureTestApp();
    store = t.app.get(EVENT_STORE);
    admin = t.http;
    await t.app.get(RegulationSeeding).seed();
    await registerWorld(admin);
    // Regulation fixtures for the write routes.
    const note = (textId: string) => ({
      textId,
      kind: 'note-de-service',
      title: 'Note matrice',
      issuer: 'DGESCO',
      scope: { level: 'national' },
      inForceFrom: '2030-09-01',
      source,
      confidence: 'C',
      rules: [{ key: 'certification.validityYears', value: 3 }],
    });
    await admin.post('/texts').send(note('note-matrix-1')).expect(201);
    await admin.post('/texts').send(note('note-matrix-2')).expect(201);
    await admin
      .post('/texts')
      .send({
        ...note('circ-19-2030'),
        kind: 'circulaire-academique',
        issuer: 'Rectorat',
        scope: { level: 'academie', academie: '19' },
        rules: [],
      })
      .expect(201);
    await admin
      .post(`/years/${NEXT_YEAR}/calendar`)
      .send({
        publishedOn: '2030-09-10',
        items: [
          {
            population: 'LYC',
            mandatory: true,
            window: { start: '2030-11-04', end: '2031-03-07' },
          },
          {
            population: 'COL',
            mandatory: true,
            window: { start: '2031-03-17', end: '2031-06-13' },
          },
        ],
        source,
        confidence: 'P',
      })
      .expect(201);
    const created = await admin
      .post('/subscriptions')
      .send({
        url: 'http://127.0.0.1:9/hook',
        secret: 'a-secret-of-16-chars-or-more',
        filter: { categories: ['session'] },
      })
      .expect(201);
    subscriptionId = created.body.id;
    const erasable = await sessionFor('enrolled');
    erasablePupilRef = (await admin.get(`/sessions/${erasable}`).expect(200)).body.candidates[0]
      .pupilRef;
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await t?.close();
    if (previousWorker === undefined) delete process.env.PIX_LEDGER_WEBHOOK_WORKER;
    else process.env.PIX_LEDGER_WEBHOOK_WORKER = previousWorker;
  });

  /** One call with one role's token: the status and the whole body as text. */
  async function perform(
    call: Call,
    role: Role | 'anonymous',
  ): Promise<{ status: number; text: string }> {
    if (call.url.startsWith('/feed?')) return openFeed(call.url, role);
    const agent = role === 'anonymous' ? t.anonymous : t.as(ROLES[role], `matrix-${role}`);
    let req =
      call.method === 'GET'
        ? agent.get(call.url)
        : call.method === 'DELETE'
          ? agent.delete(call.url)
          : agent.post(call.url);
    if (call.type) req = req.set('Content-Type', call.type);
    const res = call.body === undefined ? await req : await req.send(call.body);
    return { status: res.status, text: res.text ?? JSON.stringify(res.body) };
  }

  /** The SSE feed never ends: read what comes in 300 ms, then hang up. */
  function openFeed(
    url: string,
    role: Role | 'anonymous',
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> =
        role === 'anonymous'
          ? {}
          : { Authorization: `Bearer ${t.token(ROLES[role], `matrix-${role}`)}` };
      const req = httpRequest(`${base}${url}`, { headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        const done = () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, text });
        };
        res.on('end', done);
        setTimeout(done, 300);
      });
      req.on('error', (error) =>
        error.message.includes('socket hang up') ? undefined : reject(error),
      );
      req.end();
    });
  }

  it('covers every route of the app', () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const routes = router.stack
      .filter(
        (layer) =>
          (layer.route && !layer.route.path.startsWith('/docs')) ||
          layer.route?.path.startsWith('/docs/asyncapi'),
      )
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${layer.route!.path}`),
      );
    const covered = new Set(cases.map((c) => c.route));
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('answers each role as its scopes say: 2xx, 403 for writes, 404 for reads, 401 without a token; personal data only where the role has the right', async () => {
    const table: string[] = [];
    const wrong: string[] = [];
    for (const c of cases) {
      const row: string[] = [];
      for (const role of ['anonymous' as const, ...ALL]) {
        const call = await c.call(role === 'anonymous' ? 'dashboard' : role);
        const allowed =
          c.allowed === 'everyone'
            ? role !== 'anonymous' || c.public
            : role === 'national' || (role !== 'anonymous' && c.allowed.includes(role));
        const expected = allowed
          ? c.success
          : role === 'anonymous' && !c.public
            ? 401
            : call.method === 'GET'
              ? 404
              : 403;
        const head = await store.headPosition();
        const { status, text } = await perform(call, role);
        row.push(`${role}:${status}`);
        if (status !== expected)
          wrong.push(
            `${c.route} as ${role}: ${status} (expected ${expected}) ${text.slice(0, 200)}`,
          );
        if (!allowed && (await store.headPosition()) !== head)
          wrong.push(`${c.route} as ${role}: refused, yet something was recorded`);
        // Identity is readable in one place only: the session view, by those who may read the session.
        const mayReadIdentity = c.route === 'GET /sessions/:sessionId' && allowed;
        const leaked = personalDataIn(text);
        if (mayReadIdentity) {
          if (!leaked.includes(PUPIL_A.identity.lastName))
            wrong.push(`${c.route} as ${role}: the identity should be readable`);
        } else if (leaked.length > 0) {
          wrong.push(`${c.route} as ${role}: personal data in the answer: ${leaked.join(', ')}`);
        }
      }
      table.push(`${c.route.padEnd(58)} ${row.join(' ')}`);
    }
    console.log(
      `access matrix (${cases.length} routes × ${ALL.length + 1} callers):\n${table.join('\n')}`,
    );
    expect(wrong).toEqual([]);
  });

  it('an académie reading another académie’s statistics gets 404; its own, narrowed to it', async () => {
    await t.as(ROLES.academie19).get(`/years/${YEAR}/stats?academie=24`).expect(404);
    const own = await t.as(ROLES.academie19).get(`/years/${YEAR}/stats`).expect(200);
    expect(own.body.filters).toMatchObject({ academie: '19' });
    await t.as(ROLES.academie19).get(`/years/${YEAR}/compliance?academie=24`).expect(404);
  });

  it('an integration reads only its categories, even when it asks for more', async () => {
    const regulationOnly = t.as(ROLES.integrationRegulation);
    await regulationOnly.get('/events?categories=session').expect(404);
    await regulationOnly.get('/events?categories=yearCalendar&categories=session').expect(404);
    const page = await regulationOnly.get('/feed/page?from=1&limit=1000&categories=').expect(200);
    const subjects = new Set(
      page.body.events.map((e: { subject: string }) => e.subject.split('-')[0]),
    );
    expect([...subjects].sort()).toEqual(['regulationText', 'yearCalendar']);
    const events = await regulationOnly.get('/events?limit=1000').expect(200);
    expect(
      new Set(events.body.events.map((e: { streamId: string }) => e.streamId.split('-')[0])),
    ).toEqual(new Set(['regulationText', 'yearCalendar']));
  });

  it('a results file: rows outside the caller’s establishments are refused one by one', async () => {
    const csv = resultsCsv([
      {
        sessionId: 'IMPA',
        uai: LYCEE_A,
        candidateId: 'x1',
        ine: freshIne(),
        identity: { lastName: 'Un', firstName: 'Ana', birthDate: '2007-03-03' },
      },
      {
        sessionId: 'IMPB',
        uai: LYCEE_B,
        candidateId: 'x2',
        ine: freshIne(),
        identity: { lastName: 'Deux', firstName: 'Bob', birthDate: '2007-03-03' },
      },
    ]);
    const res = await t
      .as(ROLES.etablissementB)
      .post('/imports/results')
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(201);
    expect(res.body).toMatchObject({ rows: 2, recorded: 1, rejectedCount: 1 });
    expect(res.body.rejected).toEqual([
      { line: 2, column: 'UAI', reason: 'outside the scope of your token', sessionId: 'IMPA' },
    ]);
    await admin.get('/sessions/IMPA').expect(404);
    await admin.get('/sessions/IMPB').expect(200);
  });
});
