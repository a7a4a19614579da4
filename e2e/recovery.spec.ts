import { expect, test } from './fixtures';
import { mixedCsv } from './tables';

/*
 * A training worker that dies is replaced: the page notices (it stops answering), a new worker loads
 * the same table and resumes the run from its last checkpoint, and the step count carries on.
 */
test('recovery: a killed training worker is replaced and training resumes from its checkpoint', async ({
  playground,
  page,
}) => {
  test.setTimeout(180_000);
  const { data, training } = playground;
  await playground.open();
  // The user's own table, with a column retyped: the new worker must rebuild exactly this.
  await data.upload(mixedCsv(120));
  await data.expectLoaded('mixed.csv', 120);
  await data.typeSelect('Age').selectOption('categorical');
  await expect(data.typeSelect('Age')).toHaveValue('categorical');

  // Enough epochs that the run outlasts the test (120 rows make one step an epoch).
  await playground.model.epochs.fill('20000');
  await training.train();
  // Past the first checkpoint interval (200 steps), so the checkpoint is not the start.
  await expect.poll(() => training.stepsDone(), { timeout: 60_000 }).toBeGreaterThan(260);
  const points = await training.pointCount();
  const firstStep = await training.firstPointStep();
  expect(firstStep, 'the curves start at the first steps').toBeLessThan(20);
  const engine = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(engine, 'the training worker runs').toBeTruthy();
  // Closed from inside, as a crash would: nothing tells the page, which must notice by itself.
  await engine!.evaluate(() => setTimeout(() => self.close(), 0));
  // The page draws progress at most a few times a second, so the step it shows can trail the checkpoint
  // it already holds: read the step once what arrived before the kill is drawn (the count stops moving).
  let killedAt = await training.stepsDone();
  await expect
    .poll(
      async () => {
        const shown = await training.stepsDone();
        const settled = shown === killedAt;
        killedAt = shown;
        return settled;
      },
      { intervals: [500], timeout: 10_000 },
    )
    .toBe(true);

  const notice = playground.alert(/The training worker stopped responding; a new one took over from step/);
  await expect(notice).toBeVisible({ timeout: 60_000 });
  const from = Number(/from step ([\d,]+)/.exec((await notice.textContent()) ?? '')![1]!.replace(/,/g, ''));
  expect(from).toBeGreaterThanOrEqual(200);
  expect(from).toBeLessThanOrEqual(killedAt);
  // The curves kept what came before the checkpoint: they still start at the run's first steps.
  await expect.poll(() => training.firstPointStep(), { timeout: 10_000 }).toBe(firstStep);
  await training.expectStatus('Training');
  await expect.poll(() => training.stepsDone(), { timeout: 60_000 }).toBeGreaterThan(killedAt + 50);
  expect(await training.firstPointStep(), 'and go on from there').toBe(firstStep);
  expect(await training.pointCount()).toBeGreaterThan(Math.min(points, 5));
  await expect(data.typeSelect('Age')).toHaveValue('categorical');
  await data.expectLoaded('mixed.csv', 120);

  // The new worker is a working one: the rest of the page still reaches it.
  await training.pause();
  await playground.synthetic.generate(10);
});

test('recovery: slow motion goes on with the new worker, from the checkpoint', async ({
  playground,
  page,
}) => {
  test.setTimeout(180_000);
  const { training } = playground;
  await playground.open();
  await playground.model.epochs.fill('20000');
  await training.train();
  // Past the first checkpoint (200 steps); pausing takes one too.
  await expect.poll(() => training.stepsDone(), { timeout: 60_000 }).toBeGreaterThan(210);
  await training.pause();
  const paused = await training.stepsDone();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('Slow motion');
  await training.resumeButton.click();
  await expect(training.status).toHaveText('Slow motion');
  await expect.poll(() => training.stepsDone(), { timeout: 10_000 }).toBeGreaterThan(paused);

  const engine = page.workers().find((w) => w.url().includes('engine.worker'));
  await engine!.evaluate(() => setTimeout(() => self.close(), 0));
  const notice = playground.alert(/The training worker stopped responding; a new one took over from step/);
  await expect(notice).toBeVisible({ timeout: 60_000 });
  const from = Number(/from step ([\d,]+)/.exec((await notice.textContent()) ?? '')![1]!.replace(/,/g, ''));
  expect(from).toBeGreaterThanOrEqual(paused);
  // Still in slow motion, one sub-step at a time, on the resumed run.
  await expect(training.status).toHaveText('Slow motion');
  await expect.poll(() => training.stepsDone(), { timeout: 20_000 }).toBeGreaterThan(from);
  expect(await training.stepsDone()).toBeLessThan(from + 10);
  await expect(page.getByRole('status', { name: 'Sub-step', exact: true })).toHaveText(/^[1-5] of 5: /);
  await training.pauseButton.click();
  await expect(training.status).toHaveText('Paused');
});
