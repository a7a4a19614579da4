import { expect, isSameOrigin, test } from './fixtures';
import { badFiles, demoColumns, gardenArff, mixedCsv } from './tables';

test('a. loads the default demo table', async ({ playground }) => {
  const { header, data } = playground;
  await playground.open();

  await expect(data.summary).toContainText(/penguins\.csv\s*·\s*344 rows\s*·\s*7 columns/);
  await expect(data.previewHeader('Species')).toBeVisible();
  await expect(data.typeSelect('Island')).toHaveValue('categorical');
  await expect(data.selectedText(data.targetSelect)).toHaveText('Species');
  await expect(header.backendText).toBeVisible();

  const demos = await data.demoOptions();
  for (const file of ['penguins.csv', 'cars.csv', 'seattle-weather.csv']) {
    expect(
      demos.some((option) => option.includes(file)),
      `a "Demo table" option for ${file}`,
    ).toBe(true);
  }
});

test('a2. shows the four panels and the CGAN settings', async ({ playground }) => {
  const { data, model, training, synthetic } = playground;
  await playground.open();

  for (const heading of [data.heading, model.heading, training.heading, synthetic.heading]) {
    await expect(heading).toBeVisible();
  }
  await expect(model.modelSelect.locator('option', { hasText: 'CGAN' })).toHaveCount(1);
  for (const [label, field] of Object.entries(model.fields())) {
    await expect(field, label).toBeEditable();
  }
  await expect(playground.header.backendSelect).toBeVisible();
  await expect(data.schema).toBeVisible();
  await training.expectStatus('Idle');
});

test('b. trains, pauses, steps once and resets', async ({ playground, page }) => {
  const { training } = playground;
  await playground.open();
  await training.expectStatus('Idle');

  await training.train();
  await training.waitForPoints(0);

  await training.pause();
  // The chart redraws at most every 250 ms: let it draw the last chunk before Pause, then watch.
  await page.waitForTimeout(500);
  const points = await training.pointCount();
  const { done, planned } = await training.steps();
  await page.waitForTimeout(1_000);
  expect(await training.pointCount(), 'loss points while paused').toBe(points);
  expect(await training.stepsDone(), 'steps while paused').toBe(done);
  await expect(training.progress).toHaveAttribute('aria-valuenow', String(done));
  await expect(training.progress).toHaveAttribute('aria-valuemax', String(planned));

  await training.stepButton.click();
  await expect.poll(() => training.stepsDone(), { message: 'one step after "Step"' }).toBe(done + 1);
  await training.expectStatus('Paused');
  await page.waitForTimeout(500);
  expect(await training.stepsDone(), 'exactly one step').toBe(done + 1);
  await expect(training.progress).toHaveAttribute('aria-valuenow', String(done + 1));

  await training.resetButton.click();
  await training.expectStatus('Idle');
  await expect(training.lossChart).toHaveAttribute('data-point-count', '0');
  await expect.poll(() => training.stepsDone(), { message: 'steps after "Reset"' }).toBe(0);
  await expect(training.progress).toHaveAttribute('aria-valuenow', '0');
});

test('c. uploads a CSV and an ARFF', async ({ playground }) => {
  const { data } = playground;
  await playground.open();

  await data.upload(mixedCsv(60));
  await data.expectLoaded('mixed.csv', 60);
  await expect(data.previewHeader('Height (cm)')).toBeVisible();
  await expect(data.typeSelect('City')).toHaveValue('categorical');
  await expect(data.selectedText(data.targetSelect)).toHaveText('Group');

  await data.upload(gardenArff());
  await data.expectLoaded('garden.arff', 24);
  await expect(data.summary).toContainText(/4 columns/);
  await expect(data.previewHeader('colour')).toBeVisible();
  await expect(data.typeSelect('height')).toHaveValue('numeric');
  await expect(data.typeSelect('colour')).toHaveValue('categorical');
  await expect(data.selectedText(data.targetSelect)).toHaveText('kind');
});

for (const bad of badFiles) {
  test(`d. rejects ${bad.title}`, async ({ playground }) => {
    const { data } = playground;
    await playground.open();

    await data.upload(bad.file);
    const alert = playground.alert(bad.file.name);
    await expect(alert).toBeVisible();
    if (bad.mentions) await expect(alert).toContainText(bad.mentions);
    await data.expectLoaded('penguins.csv', 344);
  });
}

test('d2. says beside Train why it cannot go, and what to know before it goes', async ({ playground }) => {
  const { data, model, training } = playground;
  await playground.open();

  const words = ['alpha beta', 'gamma delta', 'epsilon zeta'];
  const text = ['note,label', ...words.map((w, i) => `${w},class ${i}`)].join('\n');
  await data.upload({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await data.expectLoaded('tiny.csv', 3);
  await expect(training.trainButton).toBeDisabled();
  await expect(training.readiness).toContainText('tiny.csv has 3 training rows');
  await expect(training.readiness).toContainText('at least 20');
  await expect(training.readiness).toContainText('No row can be held out');

  await data.demoSelect.selectOption('penguins.csv');
  await data.expectLoaded('penguins.csv', 344);
  await expect(training.trainButton).toBeEnabled();
  await model.batchSize.fill('0');
  await expect(training.trainButton).toBeDisabled();
  await expect(training.readiness).toContainText('Batch size must be');

  // The derived batch fits the table; one set larger is said before training, and Train still goes.
  await model.modelSelect.selectOption('ctgan');
  await model.batchSize.fill('500');
  await expect(training.trainButton).toBeEnabled();
  await expect(training.readiness).toContainText(/Batch size 500 is larger than the 275 training rows/);
});

test('e. generates rows and downloads them as CSV', async ({ playground }) => {
  const { data, training, synthetic } = playground;
  await playground.open();
  await training.trainBriefly(3);

  await synthetic.generate(50);
  await expect(synthetic.realTable).toBeVisible();

  const { fileName, header, rows } = await synthetic.downloadCsv();
  expect(fileName).toMatch(/^penguins(\.csv)?-synthetic\.csv$/);
  expect(header).toEqual(await data.generatedColumns(demoColumns('penguins.csv')));
  expect(rows).toHaveLength(50);
});

test('f. pauses training when the losses diverge, and rolls back', async ({ playground, page }) => {
  const { model, training } = playground;
  await playground.open();

  await model.generatorLearningRate.fill('1e30');
  await model.discriminatorLearningRate.fill('1e30');
  await training.trainButton.click();

  await expect(playground.alert('Training paused')).toBeVisible();
  await expect(playground.alert('press Roll back to return to step 0')).toBeVisible();
  await training.expectStatus('Paused');

  // Back to the checkpoint taken when training started, with calmer learning rates: it trains again.
  await page.getByRole('button', { name: 'Roll back to step 0', exact: true }).click();
  await expect.poll(() => training.stepsDone()).toBe(0);
  await expect(training.lossChart).toHaveAttribute('data-point-count', '0');
  await model.generatorLearningRate.fill('0.001');
  await model.discriminatorLearningRate.fill('0.001');
  await training.resumeButton.click();
  await expect.poll(() => training.stepsDone()).toBeGreaterThan(0);
  await expect(playground.alert('Training paused')).toHaveCount(0);
});

test('g. makes no request outside the page origin', async ({ playground, page, requests }) => {
  await playground.open();
  await playground.training.trainBriefly(1);

  const origin = new URL(page.url()).origin;
  // The recording sees the demo table's fetch, so it does see the app's own traffic.
  expect(requests.some((url) => url.includes('penguins.csv'))).toBe(true);
  expect(requests.filter((url) => !isSameOrigin(url, origin))).toEqual([]);
});
