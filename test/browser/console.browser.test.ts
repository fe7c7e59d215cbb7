import type { Page } from 'playwright-core';
import { type HeadlessChromium, launchChromium } from '../../apps/cli/src/audit/chromium';
import { RegulationSeeding } from '../../apps/api/src/regulation/seeding/regulation-seeding.service';
import { type SecureTestApp, startSecureTestApp } from '../e2e/security-harness';
import { recordYear2021 } from './support/certification-facts';
import { buildConsole, chromiumAvailable, screenshotPath } from './support/console-harness';

const canRun = chromiumAvailable();
const describeInBrowser = canRun ? describe : describe.skip;

describeInBrowser('Audit console in headless Chromium (real app, seeded regulation)', () => {
  let t: SecureTestApp;
  let chromium: HeadlessChromium;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  const lycWindow = () => page.locator('[data-testid="national-window-LYC"]');

  beforeAll(async () => {
    process.env.PIX_LEDGER_CONSOLE_DIR = buildConsole();
    // The regulatory history as `npm start` seeds it; sessions are recorded each on its day.
    // The real app with access control on: the console sends the token it was opened with.
    t = await startSecureTestApp({ now: '2026-11-22T08:00:00.000Z' });
    await t.app.get(RegulationSeeding).seed();
    await recordYear2021(t.http, t.clock);
    t.clock.set('2026-11-22T08:00:00.000Z');
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await chromium?.close();
    await t?.close();
    delete process.env.PIX_LEDGER_CONSOLE_DIR;
  });

  it('asks for an access token, and opens with the one given', async () => {
    await page.goto(`${base}/`);
    await page.locator('#token').fill('not-a-token');
    // The API refuses it (401): the console forgets it and asks again.
    const refused = page.waitForResponse((r) => r.url().endsWith('/years') && r.status() === 401);
    await page.keyboard.press('Enter');
    await refused;
    await page.locator('#token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.locator('#token').fill(t.token('national', 'auditor'));
    await page.getByRole('button', { name: 'Ouvrir la console' }).click();
    await page.locator('#school-year').waitFor();
  });

  it('opened by the first-start link (#token=…), keeps the token out of the address', async () => {
    // In a new tab: the page loads with the token in its address.
    await page.evaluate('sessionStorage.clear()');
    await page.goto('about:blank');
    await page.goto(`${base}/#token=${t.token('national', 'auditor')}`);
    await page.locator('#school-year').waitFor();
    expect(page.url()).not.toContain('token');
    // In a tab already on the console's token form: only the fragment changes, no new load.
    await page.evaluate('sessionStorage.clear()');
    await page.goto(`${base}/`);
    await page.locator('#token').waitFor();
    await page.goto(`${base}/#token=${t.token('national', 'auditor')}`);
    await page.locator('#school-year').waitFor();
    expect(page.url()).not.toContain('token');
  });

  it('picks 2021-2022 and shows the LYC window 29/11/2021 → 07/04/2022 on the timeline', async () => {
    await page.goto(`${base}/`);
    const year = page.locator('#school-year');
    await year.waitFor();
    await year.selectOption('2021-2022');
    await lycWindow().filter({ hasText: '29/11/2021 → 07/04/2022' }).waitFor();
    expect(await page.locator('#calendrier canvas').count()).toBe(1);
    expect(await page.locator('[data-testid="national-window-COL"]').textContent()).toContain(
      '07/03/2022 → 27/05/2022',
    );
    expect(page.url()).toContain('year=2021-2022');
    await page.locator('#texts-table').getByText('note-de-service-2021-12-21').first().waitFor();
    await page.screenshot({ path: screenshotPath('console-2021-2022.png') });
    expect(pageErrors).toEqual([]);
  });

  it('known at 15/12/2021 (before the 28/12/2021 extension), shows the original end 04/03/2022, marked as changed since', async () => {
    await page.fill('#known-at', '2021-12-15');
    await lycWindow().filter({ hasText: '29/11/2021 → 04/03/2022' }).waitFor();
    expect(await lycWindow().locator('.badge').textContent()).toContain('29/11/2021 → 07/04/2022');
    expect(page.url()).toContain('knownAt=2021-12-15');
    // The note de service of 21/12/2021 was published on 20/01/2022: not known yet.
    await page.locator('#textes .later').getByText('note-de-service-2021-12-21').waitFor();
    await page.screenshot({ path: screenshotPath('console-known-at-2021-12-15.png') });

    await page.getByRole('button', { name: "Aujourd'hui" }).click();
    await lycWindow().filter({ hasText: '29/11/2021 → 07/04/2022' }).waitFor();
    expect(await lycWindow().locator('.badge').count()).toBe(0);
  });

  it('filters the compliance table to one académie', async () => {
    const rows = page.locator('#compliance-table tbody tr');
    await page.locator('#compliance-table').getByText('REIMS_APR').waitFor();
    const all = await rows.allTextContents();
    expect(all.some((row) => row.includes('CRETEIL_NOV'))).toBe(true);

    await page.selectOption('#compliance-academie', '24');
    await page.locator('#compliance-table caption').filter({ hasText: 'Créteil' }).waitFor();
    const creteil = await rows.allTextContents();
    expect(creteil.length).toBeGreaterThan(0);
    expect(creteil.every((row) => row.includes('Créteil (24)'))).toBe(true);
    expect(creteil.some((row) => row.includes('CRETEIL_NOV'))).toBe(true);
    expect(creteil.some((row) => row.includes('CRETEIL_JAN'))).toBe(false);
    expect(creteil.some((row) => row.includes('REIMS_APR'))).toBe(false);
    expect(await rows.first().textContent()).toContain('Séance hors fenêtre');
    expect(page.url()).toContain('academie=24');
    await page.locator('#conformite').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('console-compliance-creteil.png') });
  });

  it('works with the keyboard: a text history opens with Enter and closes with Escape', async () => {
    const link = page.locator('#texts-table button', { hasText: 'note-de-service-2021-12-21' });
    await link.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Note de service DGESCO-DGESIP du 21 décembre 2021').first().waitFor();
    expect(await dialog.textContent()).toContain('abrogé par note-de-service-2024-10-23');
    await page.screenshot({ path: screenshotPath('console-text-history.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('says so when the API refuses a view (a year without a calendar)', async () => {
    await page.goto(`${base}/?year=2015-2016`);
    const alert = page.locator('#calendrier [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('No calendar is recorded for 2015-2016');
    expect(await alert.getByRole('button', { name: 'Réessayer' }).count()).toBe(1);
  });
});
