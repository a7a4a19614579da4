import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ReportPanel } from './report';

/** "(ε = 1.99, δ = 1e-3)-DP": penguins' 275 training rows give δ = 1e-3 by default. */
const LABEL = /\(ε = (\d\.\d\d), δ = 1e-3\)-DP/;

test('privacy: DP on, trained until the budget stops it, ε on screen, on the rows and on the exports', async ({
  playground,
  page,
}) => {
  await playground.open();
  const { model, training, synthetic } = playground;
  const dpSwitch = page.getByRole('checkbox', { name: 'Differential privacy' });
  await dpSwitch.check();
  await expect(page.getByLabel('δ', { exact: true })).toHaveValue('1e-3');
  await expect(page.getByText(/largest power of ten below 1 \/ 275 training rows/)).toBeVisible();
  const readFree = page.getByRole('list', { name: 'Read without a privacy cost' });
  await expect(readFree).toContainText('range');

  // CTGAN-style says what becomes of its gradient penalty, and that DP needs pac 1.
  await model.modelSelect.selectOption({ label: 'CTGAN-style' });
  await expect(dpSwitch).toBeChecked();
  await expect(
    page.getByText(/Gradient penalty \(Wasserstein critic\): kept, but taken at generated rows only/),
  ).toBeVisible();
  await expect(readFree).toContainText('Gaussian-mixture fit');
  // Said in the Model panel and beside Train, which it greys out.
  await expect(page.getByText(/Differential privacy needs Pac = 1 \(it is 10\)/)).toHaveCount(2);
  await expect(training.trainButton).toBeDisabled();
  // table-GAN offers no switch, and its δ sliders point to it.
  await model.modelSelect.selectOption({ label: 'table-GAN' });
  await expect(dpSwitch).toHaveCount(0);
  await expect(page.getByText(/the δ sliders are a heuristic/)).toBeVisible();

  await model.modelSelect.selectOption({ label: 'CGAN' });
  await expect(dpSwitch).not.toBeChecked();
  await dpSwitch.check();
  await page.getByLabel('Target ε', { exact: true }).fill('2');
  await model.epochs.fill('15');
  await training.train();
  await training.expectStatus('Finished');
  // 275 rows, batch 64: 4 Poisson-sampled steps an epoch.
  expect(await training.steps()).toEqual({ done: 60, planned: 60 });
  await expect(page.getByRole('note').filter({ hasText: 'Privacy budget spent' })).toContainText(LABEL);
  await expect(playground.alert(/The privacy budget is spent/)).toBeVisible();
  const spent = page.getByLabel('Privacy spent');
  await expect(spent).toHaveText(/^ε (\d\.\d\d) of \1 \(δ = 1e-3, σ = \d+\.\d\d, C = 1\)$/);
  expect(Number(await spent.getAttribute('data-epsilon'))).toBeLessThanOrEqual(2);
  expect(Number(await spent.getAttribute('data-epsilon'))).toBeGreaterThan(1.9);
  await expect(training.lossChart.getByText('ε spent', { exact: true })).toBeVisible();
  // Nothing trains past the budget.
  await expect(training.stepButton).toBeDisabled();

  await synthetic.generate(50);
  await expect(page.getByRole('note').filter({ hasText: 'Generated under' })).toContainText(LABEL);
  const csv = await synthetic.downloadCsv();
  expect(csv.fileName).toMatch(/^penguins-synthetic-dp-eps\d\.\d\d-delta1e-3\.csv$/);
  expect(csv.rows).toHaveLength(50);

  const report = new ReportPanel(page);
  await report.evaluate();
  await expect(page.getByText(/· model cgan after/)).toContainText(
    /trained under \(ε = \d\.\d\d, δ = 1e-3\)-DP/,
  );
  await expect(report.fact('Differential privacy')).toContainText(LABEL);
  const json = await report.download(report.exportJsonButton);
  const parsed = JSON.parse(await readFile(await json.path(), 'utf8')) as {
    model: { privacy: { epsilon: number; delta: number } };
  };
  expect(parsed.model.privacy.delta).toBe(1e-3);
  expect(parsed.model.privacy.epsilon).toBeLessThanOrEqual(2);
  expect(parsed.model.privacy.epsilon).toBeGreaterThan(1.9);
  const html = await readFile(await (await report.download(report.exportHtmlButton)).path(), 'utf8');
  expect(html).toMatch(/trained under \(ε = \d\.\d\d, δ = 1e-3\)-DP/);
});
