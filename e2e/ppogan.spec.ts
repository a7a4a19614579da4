import { expect, test } from './fixtures';
import { expectPenguinRowsDownloaded } from './playground';

/*
 * PPO-GAN in the real app: both stages run briefly on a demo table (likelihood, then PPO rounds), each
 * with its own curves in the same loss chart; the vocabulary is shown; rows are generated, counted as
 * parsed or not, and downloaded like every model's.
 */

test('trains PPO-GAN through both stages on a demo table, shows both stages’ curves, and downloads rows', async ({
  playground,
  page,
}) => {
  test.setTimeout(240_000);
  const { model, training } = playground;
  await playground.open();

  await model.modelSelect.selectOption({ label: 'PPO-GAN' });
  // The page says what it is not: the paper's pretrained language model.
  await expect(page.getByText(/none can be fetched here/)).toBeVisible();
  await expect(page.getByText(/Each row is \d+ tokens/)).toBeVisible();
  // Penguins: ~275 training rows, 4 steps an epoch at batch 64: 8 likelihood steps, then 4 PPO rounds.
  await model.epochs.fill('3');
  await page.getByLabel('Likelihood epochs (stage 1)', { exact: true }).fill('2');
  await model.batchSize.fill('64');
  // A smaller transformer than the default: the test is about the stages, not the fit.
  await page.getByLabel('Width', { exact: true }).fill('16');
  await page.getByLabel('Layers', { exact: true }).fill('1');

  await training.train();
  await expect(training.status).toHaveText('Finished', { timeout: 180_000 });
  const stage1 = training.lossChart.locator('[data-stage="Stage 1 of 2: likelihood"]');
  const stage2 = training.lossChart.locator('[data-stage="Stage 2 of 2: PPO"]');
  await expect(stage1.getByText('likelihood', { exact: true })).toBeVisible();
  for (const series of ['reward', 'KL', 'clip fraction', 'entropy', 'D accuracy', 'discriminator']) {
    await expect(stage2.getByText(series, { exact: true })).toBeVisible();
  }
  // Each stage's curves hold only its own series.
  await expect(stage1.getByText('reward', { exact: true })).toHaveCount(0);
  await expect(stage2.getByText('likelihood', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Training stage')).toHaveText('2 of 2: PPO');

  await page.getByText(/^Vocabulary \(\d+\)$/).click();
  await expect(page.getByRole('table', { name: 'Vocabulary' }).getByText('Species = Adelie')).toBeVisible();

  await expectPenguinRowsDownloaded(playground, 40);
  await expect(page.getByLabel('About these rows')).toHaveText(
    /(of 40 rows the policy wrote did not parse|All 40 rows)/,
  );
});
