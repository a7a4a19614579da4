import { expect, test } from './fixtures';
import { expectPenguinRowsDownloaded } from './playground';

/*
 * table-GAN in the real app: the same chooser, training panel, loss chart and download as every model.
 * Only its settings are its own: the privacy sliders, locked while a model exists.
 */

test('trains table-GAN on a demo table with a privacy knob moved, and downloads its rows', async ({
  playground,
  page,
}) => {
  const { model, training } = playground;
  await playground.open();

  await model.modelSelect.selectOption({ label: 'table-GAN' });
  const deltaMean = page.getByLabel('δ mean (privacy)', { exact: true });
  const deltaSd = page.getByLabel('δ sd (privacy)', { exact: true });
  await expect(deltaMean).toHaveValue('0');
  await expect(deltaSd).toBeVisible();
  // The knobs say what was measured and where a guarantee is.
  await expect(page.getByText(/meant as more privacy; measured on Adult, it had no effect/)).toBeVisible();
  await expect(page.getByText(/the δ sliders are a heuristic\. For a guarantee/)).toBeVisible();
  // Penguins: 7 columns and a missing-value flag for each of the 4 numeric columns with gaps.
  await expect(page.getByText(/Each row is a 4×4 image \(11 of 16 cells used\)/)).toBeVisible();
  // Settings only the CGAN has are gone.
  await expect(model.hiddenSizes).toHaveCount(0);
  await expect(model.dropout).toHaveCount(0);

  await deltaMean.fill('0.3');
  await expect(deltaMean).toHaveValue('0.3');
  await expect(page.locator('output', { hasText: '0.30' })).toBeVisible();

  await training.trainBriefly(1);
  await expect(training.lossChart.getByText('classifier', { exact: true })).toBeVisible();
  await expect(training.lossChart.getByText('information', { exact: true })).toBeVisible();
  // Its climb is explained under the chart.
  await expect(
    page.getByText(/^information: .* It climbs while training and that is expected/),
  ).toBeVisible();
  // A model exists: the knob applies to the next run, not this one.
  await expect(deltaMean).toBeDisabled();

  await expectPenguinRowsDownloaded(playground, 40);

  await training.resetButton.click();
  await training.expectStatus('Idle');
  await expect(deltaMean).toBeEnabled();
  await expect(deltaMean).toHaveValue('0.3');
});
