import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegulationSeeding } from '../../apps/api/src/regulation/seeding/regulation-seeding.service';
import { auditCommand } from '../../apps/cli/src/audit/audit.command';
import type { RecordedEvent } from '@pix-ledger/event-store';
import { type SecureTestApp, startSecureTestApp } from '../e2e/security-harness';
import { CRETEIL_LYCEE, recordYear2021 } from './support/certification-facts';
import {
  chromiumAvailable,
  pdfText,
  pdftotextAvailable,
  screenshotPath,
} from './support/console-harness';

/** An independent reading of "SHA-256 of the event's canonical JSON" (sorted keys, no spaces). */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const sha256 = (event: RecordedEvent) => {
  const { eventId, type, streamId, revision, position, data, metadata } = event;
  return createHash('sha256')
    .update(sortedJson({ eventId, type, streamId, revision, position, data, metadata }))
    .digest('hex');
};

/** The events table at the end of the report: position -> hash. */
function listedEvents(html: string): Map<number, string> {
  const section = html.slice(html.indexOf('<section id="events">'));
  const rows = [...section.matchAll(/<tr><td>(\d+)<\/td>.*?<code>([0-9a-f]{64})<\/code>/gs)];
  return new Map(rows.map((m) => [Number(m[1]), m[2]]));
}

const firstPage = (html: string) =>
  html.slice(html.indexOf('<section class="page" id="first-page">'), html.indexOf('</section>'));

describe('Yearly audit report: GET /years/{schoolYear}/report and `cli audit` to PDF', () => {
  let t: SecureTestApp;
  const get = (path: string) => t.http.get(path);

  beforeAll(async () => {
    t = await startSecureTestApp({ now: '2026-11-22T08:00:00.000Z' });
    await t.app.get(RegulationSeeding).seed();
    await recordYear2021(t.http, t.clock);
    t.clock.set('2026-11-22T08:00:00.000Z');
  });
  afterAll(() => t.close());

  it('states on its first page the knownAt and the windows and rules in force as known then (before the 28/12/2021 extension)', async () => {
    const res = await get('/years/2021-2022/report?knownAt=2021-12-15').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const page = firstPage(res.text);
    expect(page).toContain('Connu au (knownAt)');
    expect(page).toContain('2021-12-15');
    expect(page).toContain('29/11/2021 → 04/03/2022');
    expect(page).not.toContain('07/04/2022');
    expect(page).toContain('Règles en vigueur');
    expect(page).toContain('certification.threshold.minCompetences');
    const now = firstPage((await get('/years/2021-2022/report').expect(200)).text);
    expect(now).toContain('29/11/2021 → 07/04/2022');
    // Without knownAt, the report names the instant it shows.
    expect(now).toContain('2026-11-22T08:00:00.000Z (instant de production');
  });

  it('ends with the events it was built from: positions and SHA-256 of each one, only those known at knownAt', async () => {
    const html = (await get('/years/2021-2022/report?knownAt=2021-12-15').expect(200)).text;
    const listed = listedEvents(html);
    const log: RecordedEvent[] = (await get('/events?limit=1000').expect(200)).body.events;
    const amendment = log.find(
      (e) => e.type === 'SchoolYearCalendarAmended' && e.metadata.knownFrom === '2021-12-28',
    )!;
    const reimsApril = log.find((e) => e.streamId === 'session-REIMS_APR')!;
    const creteilNov = log.find((e) => e.streamId === 'session-CRETEIL_NOV')!;
    expect(listed.size).toBeGreaterThan(10);
    for (const [position, hash] of listed) {
      expect(hash).toBe(sha256(log.find((e) => e.position === position)!));
    }
    expect(listed.has(amendment.position)).toBe(false); // known from 28/12/2021
    expect(listed.has(reimsApril.position)).toBe(false); // recorded on 20/04/2022
    expect(listed.has(creteilNov.position)).toBe(true); // recorded on 22/11/2021
    const later = listedEvents(
      (await get('/years/2021-2022/report?knownAt=2022-05-01').expect(200)).text,
    );
    expect(later.has(amendment.position)).toBe(true);
    expect(later.has(reimsApril.position)).toBe(true);
  });

  it('is produced again identically for the same knownAt, even after the registry learnt more', async () => {
    const query = `/years/2021-2022/report?knownAt=2022-05-01&academie=24`;
    const first = (await get(query).expect(200)).text;
    t.clock.set('2026-11-23T08:00:00.000Z');
    await t.http
      .post('/establishments')
      .send({
        uai: '0930002X',
        name: 'Lycée nouveau',
        type: 'LGT',
        sector: 'public',
        academie: '24',
      })
      .expect(201);
    const again = (await get(query).expect(200)).text;
    const withoutProduction = (html: string) =>
      html.replace(/Produit le<\/th><td>[^<]*/, '').replace(/jusqu'à la position \d+/, '');
    expect(withoutProduction(again)).toBe(withoutProduction(first));
    expect(again).toContain(CRETEIL_LYCEE);
  });

  it('refuses bad input with 400 naming the field, and an unknown year with 404', async () => {
    const bad = await get('/years/2021-2022/report?knownAt=yesterday').expect(400);
    expect(bad.body.message.join(' ')).toContain('knownAt');
    const academie = await get('/years/2021-2022/report?academie=99').expect(400);
    expect(academie.body.message.join(' ')).toContain('academie');
    await get('/years/2021-2023/report').expect(400);
    await get('/years/2012-2013/report').expect(404);
  });

  it('needs a token (401), and gives an académie only its own report', async () => {
    await t.anonymous.get('/years/2021-2022/report').expect(401);
    const creteil = await t.as('academie:24').get('/years/2021-2022/report').expect(200);
    expect(firstPage(creteil.text)).toContain('Académie Créteil (24)');
    expect(creteil.text).toContain('CRETEIL_NOV');
    expect(creteil.text).not.toContain('<td>REIMS_APR</td>');
  });

  const inBrowser = chromiumAvailable() && pdftotextAvailable() ? it : it.skip;

  inBrowser("`audit` renders the report to PDF whose text holds the year's windows", async () => {
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const dir = mkdtempSync(join(tmpdir(), 'pix-ledger-audit-'));
    try {
      const out = screenshotPath('audit-2021-2022-creteil.pdf');
      const code = await auditCommand([
        '--token',
        t.token('national', 'cli'),
        '--year',
        '2021-2022',
        '--academie',
        '24',
        '--known-at',
        '2022-05-01',
        '--out',
        out,
        '--api',
        base,
      ]);
      expect(code).toBe(0);
      expect(statSync(out).size).toBeGreaterThan(10_000);
      const text = pdfText(out).replace(/\s+/g, ' ');
      expect(text).toContain("Rapport d'audit Pix — année scolaire 2021-2022");
      expect(text).toContain('Académie Créteil (24)');
      expect(text).toContain('2022-05-01');
      expect(text).toContain('29/11/2021 → 07/04/2022'); // LYC
      expect(text).toContain('07/03/2022 → 27/05/2022'); // COL
      expect(text).toContain('Événements utilisés');
      expect(text).toMatch(/[0-9a-f]{64}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  inBrowser(
    '`audit` without --api starts the API itself on the configured store (seeded on first start)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pix-ledger-audit-store-'));
      const saved = { ...process.env };
      try {
        Object.assign(process.env, {
          PIX_LEDGER_DATA_DIR: dir,
          PIX_LEDGER_SEED_REGULATION: 'true',
        });
        delete process.env.PIX_LEDGER_SQLITE_PATH;
        const out = join(dir, 'report.pdf');
        expect(await auditCommand(['--year', '2024-2025', '--out', out])).toBe(0);
        expect(existsSync(join(dir, 'pix-ledger.db'))).toBe(true);
        const text = pdfText(out).replace(/\s+/g, ' ');
        expect(text).toContain('année scolaire 2024-2025');
        expect(text).toMatch(/\d{2}\/\d{2}\/2024 → \d{2}\/\d{2}\/2025/);
      } finally {
        process.env = saved;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
