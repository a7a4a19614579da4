import { expect, test } from './fixtures';

/*
 * Collapse and early stopping as the page shows them: the health checks of the fixed verdict batch
 * (every 100 steps on penguins, 20 epochs of 5 steps) raise a banner, draw the quality curve beside the
 * losses, and can end the run on the best generator.
 */

test('a learning rate far too high raises the collapse banner, with its step and what to try', async ({
  playground,
  page,
}) => {
  const { model, training } = playground;
  await playground.open();
  await model.generatorLearningRate.fill('0.3');
  await model.discriminatorLearningRate.fill('0.3');
  await training.train();

  const banner = page.getByRole('alert', { name: 'Training problem' });
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect(banner).toContainText(/since step \d/);
  await expect(banner).toContainText(/Try a lower learning rate/);
  const quality = page.getByRole('figure', { name: 'Quality', exact: true });
  await expect
    .poll(async () => Number(await quality.getAttribute('data-point-count')))
    .toBeGreaterThanOrEqual(3);
  await training.pause();
});

test('early stopping ends the run when the quality stops improving, keeping the best generator', async ({
  playground,
  page,
}) => {
  const { model, training } = playground;
  await playground.open();
  await model.generatorLearningRate.fill('0.05');
  await model.discriminatorLearningRate.fill('0.05');
  await page.getByLabel('Early stopping (epochs)', { exact: true }).fill('5');
  await training.train();

  // 400 steps here (a check every 100 steps): seconds on an idle machine, much longer on a busy one.
  await expect(training.status).toHaveText('Finished', { timeout: 90_000 });
  const note = page.getByRole('status', { name: 'Early stopping' });
  await expect(note).toContainText(/Stopped early at step [\d,]+/);
  await expect(note).toContainText('The generator of that step is kept.');
  const { done, planned } = await training.steps();
  expect(done).toBeLessThan(planned);
  // No healthy run raised the banner.
  await expect(page.getByRole('alert', { name: 'Training problem' })).toHaveCount(0);
});
