import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { imbalancedCsv, ReportPanel } from './report';

const VERDICTS = /hard to tell apart|a simple model tells them apart|easy to tell apart/;

test('report truth: on seattle-weather the date is read, detection is finite and below 1 with its verdict', async ({
  playground,
  page,
}) => {
  const report = new ReportPanel(page);
  await playground.open();
  await playground.data.demoSelect.selectOption('seattle-weather.csv');
  await playground.data.expectLoaded('seattle-weather.csv', 1461);
  await playground.training.trainBriefly(3);
  await report.evaluate();

  const detection = report.fact('Detection score');
  await expect(detection.locator('strong')).toHaveText(/^0\.\d{3}$/);
  const value = Number(await detection.locator('strong').textContent());
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThan(1);
  await expect(detection.locator('.verdict')).toHaveText(VERDICTS);
  await expect(detection).toContainText(/AUCs 0\.\d\d, 0\.\d\d, 0\.\d\d/);
  await expect(detection).not.toContainText('AUCs 0.00');
  await expect(report.fact('Quality score').locator('.verdict')).toBeVisible();
  await expect(report.fact('Utility gap').locator('.verdict')).toBeVisible();
  await expect(report.fact('Closer to training').locator('.verdict')).toBeVisible();

  // The date column's plot, shown first, has bars on an axis of dates.
  const plot = report.figure('Column plot: date').locator('svg');
  await expect(plot).toBeVisible();
  const bars = await plot
    .locator('rect')
    .evaluateAll(
      (rects) =>
        rects.filter(
          (r) =>
            r.querySelector('title')?.textContent?.startsWith('Real,') &&
            Number(r.getAttribute('height')) > 0,
        ).length,
    );
  expect(bars).toBeGreaterThan(10);
  await expect(
    plot
      .locator('text')
      .filter({ hasText: /^201[2-5]-\d\d-\d\d$/ })
      .first(),
  ).toBeVisible();

  // The bands and their sources are one click away.
  await page.getByText('How to read the verdicts and warnings').click();
  await expect(page.getByText(/Kleinbaum and Klein/)).toBeVisible();
});

test('report truth: an imbalanced target gets a warning and balanced accuracy beside F1', async ({
  playground,
  page,
}) => {
  const report = new ReportPanel(page);
  await playground.open();
  await playground.data.upload(imbalancedCsv());
  await playground.data.expectLoaded('imbalanced.csv', 300);
  await playground.training.trainBriefly(3);
  await report.evaluate();

  await expect(
    report
      .warnings()
      .filter({ hasText: /The target 'buys' is imbalanced: "yes" is 1\d\.\d% of the held-out rows/ }),
  ).toBeVisible();
  const models = page.getByRole('table', { name: 'Utility per model class' });
  await expect(models.getByRole('columnheader', { name: 'Balanced accuracy' })).toBeVisible();

  const json = await report.download(report.exportJsonButton);
  const parsed = JSON.parse(await readFile(await json.path(), 'utf8')) as {
    warnings: { kind: string }[];
    verdicts: Record<string, { words: string } | null>;
  };
  expect(parsed.warnings.map((w) => w.kind)).toContain('imbalance');
  expect(parsed.verdicts.detection?.words).toMatch(VERDICTS);
  const html = await (
    await import('node:fs/promises')
  ).readFile(await (await report.download(report.exportHtmlButton)).path(), 'utf8');
  expect(html).toContain('Read with care');
  expect(html).toContain('is imbalanced');
});
