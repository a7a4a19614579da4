import { expect, test } from './fixtures';
import { VerdictsPanel } from './verdicts';

test('watch: Train more continues a finished run past its planned end', async ({ playground }) => {
  const { model, training } = playground;
  await playground.open();
  await model.epochs.fill('5');
  await training.train();
  await training.expectStatus('Finished');
  const first = await training.steps();
  expect(first.done).toBe(first.planned);

  const more = playground.page.getByRole('button', { name: 'Train more', exact: true });
  await more.click();
  await training.expectStatus('Finished');
  const after = await training.steps();
  expect(after.planned, 'five more epochs planned').toBe(2 * first.planned);
  expect(after.done, 'steps past the first plan').toBe(after.planned);
});

test('watch: the keyboard stays on the controls after Train, so Pause and Resume follow', async ({
  playground,
  page,
}) => {
  const { training } = playground;
  await playground.open();
  await training.trainButton.focus();
  await page.keyboard.press('Enter');
  await training.expectStatus('Training');
  await expect(training.pauseButton).toBeFocused();
  await page.keyboard.press('Enter');
  await training.expectStatus('Paused');
  await expect(training.resumeButton).toBeFocused();
  await page.keyboard.press('Space');
  await training.expectStatus('Training');
  await expect(training.pauseButton).toBeFocused();
});

test('watch: the loss chart names its axes', async ({ playground }) => {
  const { training } = playground;
  await playground.open();
  await training.trainBriefly(1);
  await expect(training.lossChart.getByText('Training step', { exact: true })).toBeVisible();
  await expect(training.lossChart.getByText('Loss', { exact: true })).toBeVisible();
});

test('watch: the t-SNE map follows the snapshot the stepper names while training', async ({ playground }) => {
  const { training } = playground;
  const verdicts = new VerdictsPanel(playground.page);
  await playground.open();
  await training.trainBriefly(1);
  await verdicts.computeMap();
  const mappedAt = Number(await verdicts.map.getAttribute('data-step'));

  // Training on takes new snapshots; the map must catch up with the latest one, not keep the first.
  await training.resumeButton.click();
  await expect
    .poll(async () => latestSnapshotStep(await verdicts.snapshotText.textContent()), { timeout: 60_000 })
    .toBeGreaterThan(mappedAt + 200);
  await training.pause();
  const named = latestSnapshotStep(await verdicts.snapshotText.textContent());
  await expect
    .poll(async () => Number(await verdicts.map.getAttribute('data-step')), { timeout: 60_000 })
    .toBe(named);
});

/** 1200 of "Snapshot 13 of 13 · step 1,200". */
function latestSnapshotStep(text: string | null): number {
  return Number(/step ([\d,]+)/.exec(text ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
}
