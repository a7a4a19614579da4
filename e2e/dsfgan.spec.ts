import { expect, test } from './fixtures';
import { DsfganControls } from './dsfgan';

test('DSF-GAN: dragging λ during training changes the feedback at once, drawn on the loss chart', async ({
  playground,
  page,
}) => {
  const { training } = playground;
  const dsf = new DsfganControls(page);
  await playground.open();
  await dsf.choose();
  // Long enough that training is still going when the slider moves.
  await playground.model.epochs.fill('5000');

  await training.train();
  await training.waitForPoints(2);
  expect(await dsf.chartLambda(), 'the default λ on the chart').toBe(1);
  await expect.poll(() => dsf.downstreamPoints(), { message: 'a downstream curve' }).toBeGreaterThan(1);
  const before = { downstream: await dsf.downstreamPoints(), step: await training.stepsDone() };

  const lambda = await dsf.dragLambdaTo(3.5);
  expect(lambda, 'the slider moved up').toBeGreaterThan(2.5);
  await expect(dsf.lambdaOutput).toHaveText(lambda.toFixed(1));
  await expect.poll(() => dsf.chartLambda(), { message: 'the new λ on the chart' }).toBe(lambda);
  await expect
    .poll(() => dsf.downstreamPoints(), { message: 'the downstream curve grows' })
    .toBeGreaterThan(before.downstream);
  // Live: the same run goes on, nothing was reset.
  await training.expectStatus('Training');
  expect(await training.stepsDone()).toBeGreaterThan(before.step);

  // The live utility of the rows, from held-out real rows, follows training.
  await expect(dsf.liveUtility).toContainText('F1');
  await expect
    .poll(() => dsf.liveUtilityChart.getAttribute('data-point-count').then(Number))
    .toBeGreaterThan(1);

  await dsf.dragLambdaTo(0);
  await expect.poll(() => dsf.chartLambda(), { message: 'λ back to 0 on the chart' }).toBe(0);
  await training.pause();
});

test('DSF-GAN: a λ sweep plots one point per λ beside the real-data model, can be cancelled, and leaves the run alone', async ({
  playground,
  page,
}) => {
  const { training } = playground;
  const dsf = new DsfganControls(page);
  await playground.open();
  await dsf.choose();
  await training.trainBriefly(2);
  const step = await training.stepsDone();

  await dsf.lambdaValues.fill('0, 2');
  await dsf.stepsPerRun.fill('60');
  await dsf.runSweepButton.click();
  await expect(dsf.sweepStatus).toHaveText('Finished: 2 points.', { timeout: 60_000 });
  await expect(dsf.frontier).toHaveAttribute('data-point-count', '2');
  await expect(dsf.frontier).toHaveAttribute('data-has-reference', 'true');
  for (const row of ['Real data', 'λ = 0', 'λ = 2']) {
    await expect(dsf.sweepTable.getByRole('rowheader', { name: row, exact: true })).toBeVisible();
  }

  // Cancelled during its second run, a sweep keeps the point its first run finished.
  await dsf.lambdaValues.fill('0, 1');
  await dsf.stepsPerRun.fill('400');
  await dsf.runSweepButton.click();
  await expect(dsf.sweepStatus).toContainText('Run 2 of 2', { timeout: 60_000 });
  await dsf.cancelSweepButton.click();
  await expect(dsf.sweepStatus).toHaveText('Cancelled: 1 point kept.');
  await expect(dsf.frontier).toHaveAttribute('data-point-count', '1');

  // The user's run was never touched.
  await training.expectStatus('Paused');
  expect(await training.stepsDone()).toBe(step);
});
