import { expect, test } from './fixtures';

test('trains the CTGAN-style model on a table with dates, generates rows and downloads them', async ({
  playground,
  page,
}) => {
  const { data, model, training, synthetic } = playground;
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await playground.open();
  await data.demoSelect.selectOption('seattle-weather.csv');
  await data.expectLoaded('seattle-weather.csv', 1461);
  // The date column trains as a number and is written back as a date.
  await expect(data.typeSelect('date')).toHaveValue('numeric');
  await expect(data.schema).toContainText('dates 2012-01-01 to 2015-12-31');

  await model.modelSelect.selectOption({ label: 'CTGAN-style' });
  for (const label of ['Numeric encoding', 'Critic', 'Pac', 'Gumbel τ', 'Generator sizes', 'Critic sizes']) {
    await expect(field(label), label).toBeEditable();
  }
  await expect(model.hiddenSizes).toHaveCount(0);
  await expect(field('Critic')).toHaveValue('wgan-gp');

  // A batch that pac does not divide is explained, and training waits for a fix.
  await model.batchSize.fill('64');
  // Said in the Model panel, where it is fixed, and beside Train, which it greys out.
  const pacRule = page.getByText('Batch size (64) must be a multiple of pac (10)', { exact: false });
  await expect(pacRule).toHaveCount(2);
  await expect(training.readiness.getByText(/must be a multiple of pac/)).toBeVisible();
  await expect(training.trainButton).toBeDisabled();
  // Small networks, so a short run shows progress within seconds on two cores.
  await model.batchSize.fill('100');
  await field('Generator sizes').fill('64, 64');
  await field('Critic sizes').fill('64, 64');
  await model.epochs.fill('30');
  await expect(training.trainButton).toBeEnabled();

  await training.trainBriefly(2);
  const { done } = await training.steps();
  await training.stepButton.click();
  await expect.poll(() => training.stepsDone(), { message: 'one step after "Step"' }).toBe(done + 1);

  await synthetic.generate(40);
  const { header, rows } = await synthetic.downloadCsv();
  expect(header).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather']);
  expect(rows).toHaveLength(40);
  const weathers = new Set(['drizzle', 'rain', 'sun', 'snow', 'fog']);
  for (const row of rows) {
    expect(row[0]).toMatch(/^201[2-5]-\d\d-\d\d$/);
    expect(Number.isFinite(Number(row[1]))).toBe(true);
    expect(weathers.has(row[5]!)).toBe(true);
  }

  await training.resetButton.click();
  await training.expectStatus('Idle');
});
