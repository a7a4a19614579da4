import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page, Request } from '@playwright/test';
import Papa from 'papaparse';
import { MODEL_DESCRIPTIONS } from '../src/api';
import { expect, isSameOrigin, test } from './fixtures';
import { ReportPanel } from './report';
import { mixedCsv } from './tables';
import { VerdictsPanel } from './verdicts';

/*
 * What the README's "Privacy and safety" section promises, proven in the built app: nothing reaches past
 * the page's own origin (a Content-Security-Policy in the page and its workers, and every request of a
 * whole session on every model recorded), downloaded CSV cannot run as spreadsheet formulas, and the
 * table's text is shown as text, never as HTML.
 */

const ELSEWHERE = 'http://elsewhere.test';

/** Collects the page's CSP violations from its first script on, as "directive blocked-url". */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('safety: the page and its training worker may reach only their own origin (Content-Security-Policy)', async ({
  playground,
  page,
  context,
}) => {
  // Another host that would answer: only the policy stands between the page and it.
  let reached = 0;
  await context.route(`${ELSEWHERE}/**`, (route) => {
    reached++;
    return route.fulfill({ status: 200, headers: { 'access-control-allow-origin': '*' }, body: '' });
  });
  const violations = await watchViolations(page);
  await playground.open();

  await page.evaluate(async (elsewhere) => {
    const settle = (element: HTMLElement & { onload: unknown; onerror: unknown }) =>
      new Promise<void>((done) => {
        element.onload = () => done();
        element.onerror = () => done();
        document.head.append(element);
      });
    await fetch(`${elsewhere}/fetch`).catch(() => undefined);
    const image = new Image();
    const loaded = new Promise<void>((done) => (image.onload = image.onerror = () => done()));
    image.src = `${elsewhere}/image.png`;
    await loaded;
    const script = document.createElement('script');
    script.src = `${elsewhere}/script.js`;
    await settle(script);
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = `${elsewhere}/style.css`;
    await settle(style);
    await new FontFace('Elsewhere', `url(${elsewhere}/font.woff2)`).load().catch(() => undefined);
  }, ELSEWHERE);
  await expect
    .poll(violations)
    .toEqual(
      expect.arrayContaining([
        `connect-src ${ELSEWHERE}/fetch`,
        `img-src ${ELSEWHERE}/image.png`,
        `script-src-elem ${ELSEWHERE}/script.js`,
        `style-src-elem ${ELSEWHERE}/style.css`,
        `font-src ${ELSEWHERE}/font.woff2`,
      ]),
    );

  // A worker obeys the policy its own script was served with, not the page's.
  const worker = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(worker, 'the training worker runs').toBeTruthy();
  const inWorker = await worker!.evaluate(async (elsewhere) => {
    const seen: string[] = [];
    self.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
    const error = await fetch(`${elsewhere}/from-worker`).then(
      () => null,
      (e: unknown) => String(e),
    );
    await new Promise((r) => setTimeout(r, 100));
    return { seen, error };
  }, ELSEWHERE);
  expect(inWorker.error, 'the worker could fetch another origin').not.toBeNull();
  expect(inWorker.seen).toEqual(['connect-src']);
  expect(reached, 'requests that reached another host').toBe(0);

  // The policy travels in the HTML itself, so it holds on any static host.
  const html = readFileSync(resolve(import.meta.dirname, '../dist/index.html'), 'utf8');
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src &#39;self&#39;/);
});

/** Where the built app may fetch from: its page, its bundled assets, its demo tables and icon. */
const OWN_FILES = /^\/(|index\.html|favicon\.svg|assets\/[\w.-]+|demos\/[\w.-]+)$/;

for (const description of MODEL_DESCRIPTIONS) {
  test(`safety: ${description.label}: load, train, evaluate and export send nothing anywhere`, async ({
    playground,
    page,
    context,
  }) => {
    const { data, model, training, synthetic } = playground;
    const report = new ReportPanel(page);
    const seen: Request[] = [];
    context.on('request', (request) => seen.push(request));
    const violations = await watchViolations(page);

    await playground.open();
    await data.upload(mixedCsv(150));
    await data.expectLoaded('mixed.csv', 150);
    await model.modelSelect.selectOption({ label: description.label });
    await training.trainBriefly(2);
    await synthetic.generate(30);
    const csv = await synthetic.downloadCsv();
    expect(csv.rows).toHaveLength(30);
    await report.evaluate();
    await report.download(report.exportJsonButton);
    await report.download(report.exportHtmlButton);
    // A family may list the panel yet have no discriminator at its defaults (the explorer at realism 0).
    const canCount = (await page.getByLabel('Rows to count', { exact: true }).count()) > 0;
    if (description.panels.includes('verdicts') && canCount) {
      const verdicts = new VerdictsPanel(page);
      await verdicts.passCount(50);
      await verdicts.download(verdicts.exportCsvButton);
    }

    const origin = new URL(page.url()).origin;
    const described = seen.map((r) => `${r.method()} ${r.url()}`);
    // The recording does see the app's own traffic: its scripts, the training worker and the wasm.
    expect(described.some((r) => /engine\.worker-[\w-]+\.js$/.test(r))).toBe(true);
    for (const request of seen) {
      const url = request.url();
      const what = `${request.method()} ${url}`;
      expect(isSameOrigin(url, origin), what).toBe(true);
      expect(request.method(), what).toBe('GET');
      expect(request.postDataBuffer(), what).toBeNull();
      // Downloads are blob: URLs the page made; anything else is one of its own files.
      if (!url.startsWith('blob:')) expect(new URL(url).pathname, what).toMatch(OWN_FILES);
    }
    expect(await violations()).toEqual([]);
  });
}

/** A table whose text is written to be run: formulas in cells and a column name, HTML in names and values. */
function hostileCsv(): { name: string; mimeType: string; buffer: Buffer } {
  const formulas = ['=1+2', '@SUM(A1)', '+cmd', '-rm'];
  const lines = ['"=HYPERLINK(""http://x"")",amount,<img src=x onerror=alert(1)>,<b>group</b>'];
  for (let i = 0; i < 120; i++) {
    const amount = (((i * 37) % 41) - 20) / 4;
    const html = i % 2 === 0 ? '<script>alert(2)</script>' : '<img src=y onerror=alert(3)>';
    lines.push([formulas[i % 4], amount, html, ['a', 'b'][(i * 7) % 2]].join(','));
  }
  return { name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) };
}

test('safety: downloaded CSV cells cannot run as spreadsheet formulas; numbers stay numbers', async ({
  playground,
  page,
}) => {
  const { data, training, synthetic } = playground;
  await playground.open();
  await data.upload(hostileCsv());
  await data.expectLoaded('hostile.csv', 120);
  await training.trainBriefly(2);
  await synthetic.generate(200);

  const { header, rows } = await synthetic.downloadCsv();
  expect(header[0]).toBe('\'=HYPERLINK("http://x")');
  expect(header[1]).toBe('amount');
  const formulas = rows.map((r) => r[0]!);
  expect(new Set(formulas).size, 'the levels generated').toBeGreaterThan(1);
  for (const cell of formulas)
    expect(['=1+2', '@SUM(A1)', '+cmd', '-rm'].map((f) => `'${f}`)).toContain(cell);
  const amounts = rows.map((r) => r[1]!);
  expect(
    amounts.some((a) => a.startsWith('-')),
    'negative amounts generated',
  ).toBe(true);
  for (const amount of amounts) expect(Number.isFinite(Number(amount)), amount).toBe(true);

  // The verdicts' scored rows go through the same writer.
  const verdicts = new VerdictsPanel(page);
  await verdicts.passCount(20);
  const scored = await verdicts.download(verdicts.exportCsvButton);
  const [scoredHeader = [], ...scoredRows] = Papa.parse<string[]>(
    await readFile(await scored.path(), 'utf8'),
    {
      skipEmptyLines: true,
    },
  ).data;
  const column = scoredHeader.indexOf('\'=HYPERLINK("http://x")');
  expect(column, 'the neutralised column name').toBeGreaterThan(0);
  for (const row of scoredRows) expect(row[column]).toMatch(/^'[=@+-]/);
});

test('safety: column names and values are shown as text, never run as HTML', async ({
  playground,
  page,
  requests,
}) => {
  const { data, training, synthetic } = playground;
  const report = new ReportPanel(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await playground.open();
  await data.upload(hostileCsv());
  await data.expectLoaded('hostile.csv', 120);

  const imgName = '<img src=x onerror=alert(1)>';
  await expect(data.previewHeader(imgName)).toBeVisible();
  await expect(data.typeSelect(imgName)).toHaveValue('categorical');
  await expect(data.preview).toContainText('<script>alert(2)</script>');
  await expect(data.selectedText(data.targetSelect)).toHaveText('<b>group</b>');
  await training.trainBriefly(2);
  await synthetic.generate(20);
  await expect(synthetic.syntheticTable.getByRole('columnheader', { name: imgName })).toBeVisible();
  await report.evaluate();
  await report.columnButton(imgName).click();
  await expect(report.figure(`Column plot: ${imgName}`).locator('svg')).toBeVisible();
  const exported = await readFile(await (await report.download(report.exportHtmlButton)).path(), 'utf8');

  // Nothing in the page became an element, and nothing ran or fetched the bogus image sources.
  await expect(page.locator('img, script:not([src]), b')).toHaveCount(0);
  // The exported report, opened as a page of its own, holds the names as text too.
  const opened = await page.context().newPage();
  opened.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await opened.setContent(exported);
  await expect(opened.getByText(imgName).first()).toBeAttached();
  await expect(opened.locator('img, script, b')).toHaveCount(0);
  await opened.close();
  expect(dialogs).toEqual([]);
  expect(requests.filter((url) => /\/(x|y)$/.test(url))).toEqual([]);
});
