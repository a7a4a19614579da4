import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test } from './fixtures';
import { VerdictsPanel } from './verdicts';

test('verdicts: maps real, fooled and rejected rows, hovers and pins one, and counts passes', async ({
  playground,
  page,
}) => {
  const verdicts = new VerdictsPanel(page);
  await playground.open();
  await expect(verdicts.heading).toBeVisible();
  await playground.training.trainBriefly(2);

  await verdicts.computeMap();
  const counts = await verdicts.counts();
  expect(counts.real).toBe(200);
  expect(counts.fooled, 'fooled points').toBeGreaterThan(0);
  expect(counts.rejected, 'rejected points').toBeGreaterThan(0);
  expect(counts.fooled + counts.rejected).toBeLessThanOrEqual(40);
  await expect(verdicts.caution).toBeVisible();
  await expect(page.getByText(/Fooled the discriminator \(\d+\)/)).toBeVisible();

  // Both kinds of generated point are drawn in their colours; hovering one shows its row and score.
  expect(await verdicts.findPoint('rejected'), 'a rejected point drawn').not.toBeNull();
  await verdicts.hoverPoint('fooled');
  await expect(verdicts.tooltip).toBeVisible();
  await expect(verdicts.tooltip).toContainText('Fooled the discriminator');
  await expect(verdicts.tooltip).toContainText(/Discriminator score (0\.[5-9]\d*|1\.000)/);
  await expect(verdicts.tooltip).toContainText('Species');

  await verdicts.clickPoint('fooled');
  await expect(verdicts.pinnedTable).toBeVisible();
  await expect(verdicts.pinnedTable).toContainText('Nearest real');

  // The same from the keyboard: Escape clears, arrows walk between points, Enter pins.
  await verdicts.map.focus();
  await page.keyboard.press('Escape');
  await expect(verdicts.pinnedTable).toBeHidden();
  await page.mouse.move(0, 0);
  await expect(verdicts.tooltip).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(verdicts.tooltip).toBeVisible();
  await expect(verdicts.tooltip).toContainText(/Discriminator score \d/);
  await expect(verdicts.announcement).toContainText(/discriminator score \d\.\d{3}.*Species/);
  await page.keyboard.press('Enter');
  await expect(verdicts.pinnedTable).toBeVisible();

  const passed = await verdicts.passCount(100);
  expect(passed).toBeGreaterThanOrEqual(0);
  expect(passed).toBeLessThanOrEqual(100);
  await expect(verdicts.histogram).toHaveAttribute('data-total', '100');
  await expect(page.getByText(/Mean distance to the nearest real row, in encoded space/)).toBeVisible();

  const csv = await verdicts.download(verdicts.exportCsvButton);
  const [header, ...rows] = Papa.parse<string[]>(await readFile(await csv.path(), 'utf8'), {
    skipEmptyLines: true,
  }).data;
  expect(header!.slice(0, 4)).toEqual([
    'sample',
    'verdict',
    'discriminator_score',
    'distance_to_nearest_real',
  ]);
  expect(header).toContain('Species');
  expect(rows).toHaveLength(200 + counts.fooled + counts.rejected + 100);
  expect(rows.filter((r) => r[0]!.startsWith('count') && r[1] === 'fooled')).toHaveLength(passed);

  const png = await verdicts.download(verdicts.exportPngButton);
  const bytes = await readFile(await png.path());
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
});

test('verdicts: steps between snapshots of the same generated rows', async ({ playground, page }) => {
  const verdicts = new VerdictsPanel(page);
  await playground.open();
  await playground.training.trainBriefly(2);
  await verdicts.computeMap();
  const firstStep = Number(await verdicts.map.getAttribute('data-step'));

  // A few more single steps, then a snapshot of the model as it is now.
  const { training } = playground;
  for (let i = 0; i < 3; i++) {
    const done = await training.stepsDone();
    await training.stepButton.click();
    await expect.poll(() => training.stepsDone()).toBe(done + 1);
  }
  await verdicts.takeSnapshotButton.click();
  // A new snapshot is chosen and, since a map is showing, mapped and animated to.
  await expect
    .poll(async () => Number(await verdicts.map.getAttribute('data-step')))
    .toBeGreaterThan(firstStep);
  await expect(verdicts.progress).toBeHidden();
  const laterStep = Number(await verdicts.map.getAttribute('data-step'));

  await verdicts.previousSnapshot.click();
  await expect.poll(async () => Number(await verdicts.map.getAttribute('data-step'))).toBeLessThan(laterStep);
  await expect(verdicts.snapshotText).toContainText(/Snapshot \d+ of \d+/);
});

test('verdicts: a bad map request is explained and the map stays', async ({ playground, page }) => {
  const verdicts = new VerdictsPanel(page);
  await playground.open();
  await playground.training.trainBriefly(1);
  await verdicts.computeMap();
  const before = await verdicts.counts();

  await verdicts.field('Real rows').fill('6000');
  await verdicts.computeButton.click();
  await expect(playground.alert('at most 5,000 points')).toBeVisible();
  expect(await verdicts.counts()).toEqual(before);
});
