import { launchChromium } from './chromium';

/** Prints a page to an A4 PDF with headless Chromium; a non-2xx answer is an error. */
export async function renderPdf(url: string, out: string, token?: string): Promise<void> {
  const chromium = await launchChromium();
  try {
    const page = await chromium.context.newPage();
    if (token) await page.setExtraHTTPHeaders({ Authorization: `Bearer ${token}` });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response || !response.ok()) {
      const body = response ? await response.text() : '';
      throw new Error(`${url} answered ${response?.status() ?? 'nothing'}: ${body.slice(0, 500)}`);
    }
    await page.pdf({
      path: out,
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:7pt;width:100%;text-align:center;color:#555">page <span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
  } finally {
    await chromium.close();
  }
}
