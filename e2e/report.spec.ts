import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ReportPanel } from './report';

test('report: the held-out share is shown and can be changed before training', async ({
  playground,
  page,
}) => {
  const report = new ReportPanel(page);
  await playground.open();
  await report.expectHoldout(69, 344, 20);
  await report.holdoutShare.selectOption({ label: '30%' });
  await report.expectHoldout(103, 344, 30);
  await expect(report.evaluateButton).toBeDisabled();
});

test('report: evaluates a trained model, shows every section and exports JSON and HTML', async ({
  playground,
  page,
}) => {
  const report = new ReportPanel(page);
  await playground.open();
  await expect(report.heading).toBeVisible();
  await expect(report.evaluateButton).toBeDisabled();
  await playground.training.trainBriefly(3);

  await expect(report.evaluateButton).toBeEnabled();
  await report.evaluate();
  for (const section of ['Fidelity', 'Utility', 'Privacy'] as const) {
    await expect(report.section(section)).toBeVisible();
  }
  await expect(page.getByText(/Computed on all 275 training rows, all 69 held-out rows/)).toBeVisible();

  // Fidelity: scores, the first column's plot, another column on a click, the three correlation matrices.
  await expect(
    page
      .getByRole('definition')
      .filter({ hasText: /^\d\.\d{3}/ })
      .first(),
  ).toBeVisible();
  await expect(report.figure('Column plot: Island').locator('svg')).toBeVisible();
  await report.columnButton('Body Mass (g)').click();
  await expect(report.figure('Column plot: Body Mass (g)').locator('svg')).toBeVisible();
  for (const title of [
    'Correlation, real rows',
    'Correlation, synthetic rows',
    'Difference (synthetic − real)',
  ]) {
    await expect(report.figure(title).locator('svg')).toBeVisible();
  }
  // Utility: a row per model class, both rankings, the χ² estimate.
  const models = page.getByRole('table', { name: 'Utility per model class' });
  for (const name of [
    'Logistic regression',
    'Decision tree',
    'Random forest',
    'MLP',
    'k-nearest neighbours',
  ]) {
    await expect(models.getByRole('rowheader', { name, exact: true })).toBeVisible();
  }
  await expect(
    page.getByRole('list', { name: 'Ranked by training on real rows' }).getByRole('listitem'),
  ).toHaveCount(5);
  await expect(
    page.getByRole('list', { name: 'Ranked by training on synthetic rows' }).getByRole('listitem'),
  ).toHaveCount(5);
  await expect(report.figure('Held-out risk per model class').locator('svg')).toBeVisible();
  await expect(page.getByText('Kendall τ:')).toBeVisible();
  await expect(page.getByText(/χ² divergence between the real and synthetic/)).toBeVisible();
  // Privacy: the facts and the DCR distributions.
  await expect(page.getByText('Exact-copy rate', { exact: true })).toBeVisible();
  await expect(page.getByText('Membership inference AUC', { exact: true })).toBeVisible();
  await expect(page.getByText(/^\d\.\d{3} \(95% CI \d\.\d{3} to \d\.\d{3}\)$/)).toBeVisible();
  await expect(report.figure('Distance to closest record').locator('svg')).toBeVisible();

  const json = await report.download(report.exportJsonButton);
  expect(json.suggestedFilename()).toBe('penguins-report.json');
  const parsed = JSON.parse(await readFile(await json.path(), 'utf8')) as Record<string, unknown>;
  expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['fidelity', 'utility', 'privacy']));
  expect(parsed.sample).toMatchObject({ train: 275, holdout: 69, synthetic: 275 });

  const html = await report.download(report.exportHtmlButton);
  expect(html.suggestedFilename()).toBe('penguins-report.html');
  const text = await readFile(await html.path(), 'utf8');
  for (const heading of ['<h2>Fidelity</h2>', '<h2>Utility</h2>', '<h2>Privacy</h2>'])
    expect(text).toContain(heading);
  expect(text).toContain('<svg ');
  expect(text).toContain('Membership inference AUC');
  expect(text).not.toMatch(/<script|<link /);
});
