import fc from 'fast-check';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { RegulationSeeding } from '../../apps/api/src/regulation/seeding/regulation-seeding.service';
import { HEADER } from '../fixtures/results-csv';
import { result } from '../fixtures/certification';
import { type Agent, type SecureTestApp, startSecureTestApp } from './security-harness';
import { COLLEGE_C, LYCEE_A, PUPIL_A, registerWorld, resultsCsv, YEAR } from './security-fixtures';

/**
 * Property-based hardening test: 10,000 malformed inputs to every command (each DTO) and to the
 * results import, with a national token (so that every one reaches validation). Each must be
 * answered 4xx with a message — never 5xx — and none may record anything.
 */
const TOTAL = 10_000;
const source = { reference: 'fuzz fixture' };
type Json = unknown;

interface Target {
  url: string;
  sample: Record<string, Json>;
  /** Top-level fields that may be absent (null is then valid too). */
  optional?: string[];
}

const TARGETS: Target[] = [
  {
    url: '/texts',
    sample: {
      textId: 'note-fuzz',
      kind: 'note-de-service',
      title: 'Note',
      issuer: 'DGESCO',
      scope: { level: 'national' },
      inForceFrom: '2030-09-01',
      source,
      confidence: 'C',
      rules: [{ key: 'certification.validityYears', value: 3 }],
    },
    optional: ['rules', 'signedOn', 'publishedOn', 'inForceUntil', 'nor', 'url'],
  },
  {
    url: '/texts/note-de-service-2021-12-21/amendments',
    sample: {
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
    optional: ['amendingTextId', 'reason'],
  },
  {
    url: '/texts/note-de-service-2021-12-21/abrogations',
    sample: { byTextId: 'note-de-service-2024-10-23', from: '2031-06-01', source, confidence: 'C' },
    optional: ['rules'],
  },
  {
    url: '/texts/note-de-service-2021-12-21/errata',
    sample: { field: 'title', asWritten: 'x', corrected: 'y', source, confidence: 'C' },
  },
  {
    url: '/years/2031-2032/calendar',
    sample: {
      publishedOn: '2031-09-10',
      items: [
        { population: 'LYC', mandatory: true, window: { start: '2031-11-03', end: '2032-03-05' } },
      ],
      source,
      confidence: 'P',
    },
  },
  {
    url: `/years/${YEAR}/calendar/amendments`,
    sample: {
      amendedOn: '2025-01-10',
      changes: [{ population: 'LYC', window: { start: '2024-11-04', end: '2025-04-04' } }],
      source,
      confidence: 'C',
    },
    optional: ['reason', 'amendingTextId'],
  },
  {
    url: `/years/${YEAR}/calendar/narrowings`,
    sample: {
      academie: '19',
      population: 'LYC',
      textId: 'circ',
      publishedOn: '2024-10-01',
      window: { start: '2024-11-10', end: '2025-02-01' },
      source,
      confidence: 'C',
    },
  },
  {
    url: `/years/${YEAR}/calendar/errata`,
    sample: {
      population: 'COL',
      field: 'window.end',
      asWritten: '2025-06-13',
      corrected: '2025-06-12',
      source,
      confidence: 'C',
    },
  },
  {
    url: '/establishments',
    sample: { uai: '0510003B', name: 'Lycée', type: 'LGT', sector: 'public', academie: '19' },
    optional: ['academieSince'],
  },
  { url: `/establishments/${LYCEE_A}/name`, sample: { name: 'Lycée renommé' } },
  {
    url: `/establishments/${LYCEE_A}/academie-changes`,
    sample: { academie: '19', since: '2026-09-01' },
  },
  {
    url: '/sessions',
    sample: {
      sessionId: 'FZ1',
      uai: LYCEE_A,
      population: 'LYC',
      date: '2025-03-20',
      time: '09:00',
    },
  },
  {
    url: '/sessions/SA/candidates',
    sample: {
      candidateId: 'fz',
      ine: '135792468AB',
      identity: { lastName: 'F', firstName: 'Z', birthDate: '2007-01-01' },
    },
  },
  {
    url: '/sessions/SA/candidates/ca/start',
    sample: { at: '2025-03-20T09:00:00+01:00' },
    optional: ['at'],
  },
  {
    url: '/sessions/SA/candidates/ca/complete',
    sample: { at: '2025-03-20T09:00:00+01:00' },
    optional: ['at'],
  },
  {
    url: '/sessions/SA/candidates/ca/abort',
    sample: { reason: 'technical', at: '2025-03-20T09:00:00+01:00' },
    optional: ['at'],
  },
  {
    url: '/sessions/SA/candidates/ca/end-by-invigilator',
    sample: { at: '2025-03-20T09:00:00+01:00' },
    optional: ['at'],
  },
  {
    url: '/sessions/SA/issues',
    sample: { category: 'OTHER', candidateId: 'ca', description: 'x' },
    optional: ['candidateId', 'description'],
  },
  {
    url: '/sessions/SA/finalise',
    sample: {
      finalisedOn: '2025-03-21',
      abortReasons: [{ candidateId: 'ca', reason: 'technical' }],
      examinerGlobalComment: 'ok',
      hasIncident: false,
      hasJoiningIssue: false,
    },
    optional: [
      'finalisedOn',
      'abortReasons',
      'examinerGlobalComment',
      'hasIncident',
      'hasJoiningIssue',
    ],
  },
  { url: '/sessions/SA/unfinalise', sample: { reason: 'x' } },
  { url: '/sessions/SA/candidates/ca/score', sample: { result: result() } },
  { url: '/sessions/SA/candidates/ca/rescore', sample: { result: result(), reason: 'jury' } },
  { url: '/sessions/SA/candidates/ca/cancel', sample: { reason: 'x' } },
  { url: '/sessions/SA/publish', sample: { publishedOn: '2025-04-01' }, optional: ['publishedOn'] },
  { url: '/sessions/SA/unpublish', sample: { reason: 'x' } },
  {
    url: '/sessions/SA/transmissions',
    sample: { channel: 'Parcoursup', transmittedOn: '2025-04-02' },
    optional: ['transmittedOn'],
  },
  {
    url: `/attestations6e/${COLLEGE_C}/${YEAR}/campaigns`,
    sample: { campaignCode: 'KF', parcours: 'P', openedOn: '2024-10-01' },
  },
  {
    url: `/attestations6e/${COLLEGE_C}/${YEAR}/completions`,
    sample: {
      campaignCode: 'K6E',
      pupilId: 'pf',
      ine: '135792468CD',
      identity: { lastName: 'F', firstName: 'Z', birthDate: '2013-01-01' },
      completedOn: '2024-11-05',
      score: 50,
    },
    optional: ['score'],
  },
  {
    url: `/attestations6e/${COLLEGE_C}/${YEAR}/outcomes`,
    sample: { pupilId: 'p6', obtained: true, campaignCode: 'K6E', decidedOn: '2024-11-06' },
  },
  {
    url: '/subscriptions',
    sample: {
      url: 'http://127.0.0.1:9/hook',
      secret: 'a-secret-of-16-chars',
      filter: { categories: ['session'] },
      fromPosition: 1,
      maxAttempts: 3,
    },
    optional: ['filter', 'fromPosition', 'maxAttempts'],
  },
  { url: '/pupils/lookup', sample: { ine: PUPIL_A.ine } },
  {
    url: '/pupils/0190d3c4-0000-7000-8000-000000000000/erasure',
    sample: { reason: 'x' },
    optional: ['reason'],
  },
];

/** GET routes with their query DTO (unknown parameters are refused) or a path parameter. */
const READS = [
  '/events',
  '/feed/page',
  '/texts',
  '/years',
  '/years/2021-2022/calendar',
  '/years/2021-2022/rules',
  `/years/${YEAR}/stats`,
  `/years/${YEAR}/compliance`,
  `/years/${YEAR}/establishments/${LYCEE_A}`,
  `/years/${YEAR}/report`,
];
const BAD_PATHS = [
  '/sessions/',
  '/establishments/',
  '/streams/',
  '/texts/',
  '/years/',
  '/subscriptions/',
];

// --- generators --------------------------------------------------------------------------------

const kindOf = (value: Json) =>
  Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : (typeof value as 'string' | 'number' | 'boolean' | 'object');

/** A JSON value of another kind than `sample` (never null: that means "absent" to optional fields). */
function wrongKind(sample: Json): fc.Arbitrary<Json> {
  const kinds: Record<string, fc.Arbitrary<Json>> = {
    string: fc.string({ maxLength: 40 }),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    array: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
    object: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 4,
    }),
  };
  return fc.oneof(
    ...Object.entries(kinds)
      .filter(([kind]) => kind !== kindOf(sample))
      .map(([, a]) => a),
  );
}

/** Every path to a value inside the sample (fields, nested fields, array items). */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      [...prefix, k],
      ...pathsOf(v, [...prefix, k]),
    ]);
  return [];
}
const getAt = (value: Json, path: (string | number)[]): Json =>
  path.reduce<Json>((v, key) => (v as Record<string | number, Json>)[key], value);
function setAt(value: Json, path: (string | number)[], replacement: Json | typeof REMOVE): Json {
  const copy = structuredClone(value) as Record<string | number, Json>;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1];
  if (replacement === REMOVE) delete parent[key];
  else parent[key] = replacement;
  return copy;
}
const REMOVE = Symbol('remove');

type BadBody = { body: Json; raw?: string; why: string };

/** One guaranteed-bad body for a target, sometimes with a second random change elsewhere. */
function badBody(target: Target): fc.Arbitrary<BadBody> {
  const required = Object.keys(target.sample).filter((k) => !target.optional?.includes(k));
  const paths = pathsOf(target.sample);
  const mutations: fc.Arbitrary<BadBody>[] = [
    // A field (at any depth) of the wrong kind.
    fc.constantFrom(...paths).chain((path) =>
      wrongKind(getAt(target.sample, path)).map((v) => ({
        body: setAt(target.sample, path, v),
        why: `${path.join('.')} of another kind`,
      })),
    ),
    // An unknown field, at the top or inside an object.
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }))
      .map(([k, v]) => ({
        body: { ...target.sample, [`zz${k}`]: v },
        why: 'an unknown field',
      })),
    // Not an object at all.
    fc
      .oneof(
        fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
        fc.string(),
        fc.integer(),
        fc.boolean(),
      )
      .map((body) => ({
        body,
        why: 'a body that is not an object',
      })),
    // Not JSON at all, announced as JSON.
    fc
      .oneof(
        fc.string({ maxLength: 30 }),
        fc.constant('{"a":'),
        fc.constant('{'),
        fc.constant('[1,2'),
        fc.constant('{"__proto__":{"x":1}, "a":}'),
      )
      .filter((raw) => {
        // An empty body is no body (body-parser reads it as {}), not a malformed one.
        if (raw.trim() === '') return false;
        try {
          JSON.parse(raw);
          return false;
        } catch {
          return true;
        }
      })
      .map((raw) => ({ body: undefined, raw, why: 'malformed JSON' })),
    // Far too big (seldom: each one is a few hundred kilobytes).
    fc.integer({ min: 300, max: 600 }).map((kb) => ({
      body: { ...target.sample, name: 'x'.repeat(kb * 1024) },
      why: 'a body over the limit',
    })),
  ];
  if (required.length > 0) {
    mutations.push(
      fc
        .constantFrom(...required)
        .map((field) => ({ body: setAt(target.sample, [field], REMOVE), why: `${field} missing` })),
      fc
        .constantFrom(...required)
        .map((field) => ({ body: setAt(target.sample, [field], null), why: `${field} null` })),
    );
  }
  const tooBig = mutations.splice(4, 1)[0];
  return fc.oneof(...mutations.map((arbitrary) => ({ arbitrary, weight: 6 })), {
    arbitrary: tooBig,
    weight: 1,
  });
}

/** A results file none of whose rows may be recorded: an unknown establishment, garbage cells, or no file at all. */
const badCsv: fc.Arbitrary<{ csv: string; why: string }> = fc.oneof(
  fc.string({ maxLength: 200 }).map((csv) => ({ csv, why: 'random text' })),
  fc
    .subarray(HEADER, { minLength: 1 })
    .filter((h) => h.length < HEADER.length)
    .map((h) => ({ csv: `${h.join(';')}\n1;2;3\n`, why: 'missing columns' })),
  fc
    .array(
      fc.array(fc.string({ maxLength: 12 }), {
        minLength: HEADER.length,
        maxLength: HEADER.length,
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((rows) => ({
      // Garbage cells, and an establishment that is not registered: no row can be recorded.
      csv: [
        HEADER.join(';'),
        ...rows.map((r) =>
          r.map((c, i) => (HEADER[i] === 'UAI' ? '9999999Z' : c.replace(/[\r\n]/g, ''))).join(';'),
        ),
      ].join('\n'),
      why: 'garbage rows',
    })),
  fc
    .constantFrom(
      '"unterminated;quote\n',
      `${HEADER.join(';')}\n"a;b`,
      '\u0000\u0001\u0002',
      '\uFEFF',
    )
    .map((csv) => ({ csv, why: 'broken CSV' })),
  fc
    .record({
      column: fc.constantFrom(
        'INE',
        'Date de naissance',
        'Nombre de Pix',
        '1.1',
        'Statut',
        'Population',
        'Format',
        'Session',
      ),
      value: fc.string({ maxLength: 20 }),
    })
    .map(({ column, value }) => {
      // A valid row with one cell replaced, for an establishment that is not registered.
      const csv = resultsCsv([
        {
          sessionId: 'FZCSV',
          uai: '0510003B',
          candidateId: 'f1',
          ine: '135792468EF',
          identity: { lastName: 'F', firstName: 'Z', birthDate: '2007-01-01' },
        },
      ]);
      const [head, row] = csv.trim().split('\n');
      const cells = row.split(';');
      cells[HEADER.indexOf(column)] = value.replace(/[;\r\n"]/g, '');
      return { csv: `${head}\n${cells.join(';')}\n`, why: `${column} changed` };
    }),
);

describe('Fuzz: malformed input never gets a 5xx, nor records anything', () => {
  let t: SecureTestApp;
  let store: EventStore;
  let admin: Agent;
  let head: number;
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  const previousWorker = process.env.PIX_LEDGER_WEBHOOK_WORKER;

  beforeAll(async () => {
    process.env.PIX_LEDGER_WEBHOOK_WORKER = 'off';
    t = await startSecureTestApp();
    store = t.app.get(EVENT_STORE);
    await t.app.get(RegulationSeeding).seed();
    await registerWorld(t.http);
    // One listening server for the 10,000 requests (no ephemeral server per request).
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = request.agent(base).set('Authorization', `Bearer ${t.token('national', 'fuzz')}`);
    head = await store.headPosition();
  });
  afterAll(async () => {
    await t?.close();
    if (previousWorker === undefined) delete process.env.PIX_LEDGER_WEBHOOK_WORKER;
    else process.env.PIX_LEDGER_WEBHOOK_WORKER = previousWorker;
  });

  async function judge(
    what: string,
    res: { status: number; body: unknown; text: string },
    acceptedReport = false,
  ) {
    sent++;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const message = (res.body as { message?: unknown } | null)?.message;
    const clear = Array.isArray(message)
      ? message.length > 0 && message.every((m) => typeof m === 'string' && m.length > 0)
      : typeof message === 'string' && message.length > 0;
    if (res.status >= 500) failures.push(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
    else if (acceptedReport && res.status === 201) {
      const report = res.body as { recorded?: number; rows?: number; rejectedCount?: number };
      if (report.recorded !== 0 || report.rejectedCount !== report.rows)
        failures.push(`${what}: rows recorded ${res.text.slice(0, 300)}`);
    } else if (res.status < 400)
      failures.push(`${what}: accepted (${res.status}) ${res.text.slice(0, 200)}`);
    else if (!clear)
      failures.push(`${what}: ${res.status} without a clear message: ${res.text.slice(0, 200)}`);
    const now = await store.headPosition();
    if (now !== head) {
      failures.push(`${what}: something was recorded (head ${head} -> ${now})`);
      head = now;
    }
    return failures.length === 0;
  }

  /** A property's failure shows what was wrong, not only the generated value. */
  async function run(property: Parameters<typeof fc.assert>[0], numRuns: number, seed: number) {
    try {
      await fc.assert(property, { numRuns, seed, endOnFailure: true });
    } catch (error) {
      throw new Error(`${failures.join('\n')}\n\n${(error as Error).message.slice(0, 600)}`);
    }
  }

  it(`${TOTAL} malformed inputs to every command, query and the results import: zero 5xx, nothing recorded`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const perCommand = Math.floor((TOTAL * 0.7) / TARGETS.length);
    const reads = Math.floor(TOTAL * 0.15);
    const csvs = TOTAL - perCommand * TARGETS.length - reads;

    for (const target of TARGETS) {
      await run(
        fc.asyncProperty(badBody(target), async ({ body, raw, why }) => {
          const req = admin.post(target.url).set('Content-Type', 'application/json');
          const res = await (raw !== undefined ? req.send(raw) : req.send(JSON.stringify(body)));
          return judge(`POST ${target.url} (${why})`, res);
        }),
        perCommand,
        seed,
      );
    }
    await run(
      fc.asyncProperty(
        fc.oneof(
          fc
            .record({
              path: fc.constantFrom(...READS),
              key: fc.string({ minLength: 1, maxLength: 8 }),
              value: fc.string({ maxLength: 20 }),
            })
            .map(
              ({ path, key, value }) =>
                `${path}?zz${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
            ),
          fc
            .record({
              path: fc.constantFrom(...BAD_PATHS),
              id: fc.string({ minLength: 1, maxLength: 80 }),
            })
            .map(({ path, id }) => `${path}${encodeURIComponent(`~${id}`)}`),
          fc
            .record({
              path: fc.constantFrom('/events', '/feed/page'),
              limit: fc.oneof(
                fc.integer({ max: 0 }),
                fc.integer({ min: 1001 }),
                fc.string({ minLength: 1, maxLength: 6 }).map((s) => `x${s}`),
              ),
            })
            .map(({ path, limit }) => `${path}?limit=${encodeURIComponent(String(limit))}`),
          fc
            .record({
              year: fc.string({ minLength: 1, maxLength: 12 }).map((s) => `y${s}`),
              q: fc.constantFrom('stats', 'compliance', 'calendar', 'rules'),
            })
            .map(({ year, q }) => `/years/${encodeURIComponent(year)}/${q}`),
          fc
            .record({
              q: fc.constantFrom('asOf', 'knownAt', 'academie', 'population'),
              v: fc.string({ minLength: 1, maxLength: 12 }).map((s) => `~${s}`),
            })
            .map(({ q, v }) => `/years/${YEAR}/stats?${q}=${encodeURIComponent(v)}`),
        ),
        async (url) => judge(`GET ${url}`, await admin.get(url)),
      ),
      reads,
      seed,
    );
    await run(
      fc.asyncProperty(badCsv, async ({ csv, why }) =>
        judge(
          `POST /imports/results (${why})`,
          await admin.post('/imports/results').set('Content-Type', 'text/csv').send(csv),
          true,
        ),
      ),
      csvs,
      seed,
    );

    const fiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    console.log(
      `fuzz (seed ${seed}): ${sent} malformed inputs, ${fiveHundreds} answered 5xx; by status ${JSON.stringify(Object.fromEntries([...statuses].sort()))} (201: a results file taken with every row refused in its report); log head unchanged at ${head}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBe(TOTAL);
    expect(await store.headPosition()).toBe(head);
  }, 600_000);
});
