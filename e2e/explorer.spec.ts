import { expect, test } from './fixtures';
import { ExplorerControls } from './explorer';

test('explorer: trains against a forest, shows asked against obtained confidence per class, and exports 1,000 rows', async ({
  playground,
  page,
}) => {
  const explorer = new ExplorerControls(page);
  await playground.open();
  await explorer.choose();
  await expect(explorer.realismWeight).toHaveValue('0');
  await playground.training.trainBriefly(3);

  // The black box, as the assignment shows it: held-out accuracy, and confidence per class.
  await expect(explorer.forestFigures).toContainText('Held-out accuracy');
  await expect(explorer.forestTable.getByRole('row')).toHaveCount(4);
  for (const species of ['Adelie', 'Gentoo', 'Chinstrap']) {
    await expect(explorer.forestTable.getByRole('rowheader', { name: species, exact: true })).toBeVisible();
    await expect(explorer.successTable.getByRole('rowheader', { name: species, exact: true })).toBeVisible();
  }
  await expect(explorer.scatter).toHaveAttribute('data-point-count', '1000');
  expect(Number(await explorer.scatter.getAttribute('data-step'))).toBeGreaterThan(0);
  await expect(explorer.scatter.locator('circle')).toHaveCount(1000);
  await expect(explorer.histograms).toHaveCount(3);
  await expect(explorer.readings).toContainText('misses the asked one by');
  await expect(explorer.readings).toContainText(/successful for/);

  // Without a realism term there is no discriminator, and the verdicts panel says so; the live views
  // say why they stay empty, not "Press Train".
  await expect(page.getByText(/has no discriminator to ask/)).toBeVisible();
  const watch = page.locator('section.watch-panel');
  await expect(watch).toContainText('has no fixed batch of generated rows to show');
  await expect(watch).not.toContainText('Press Train or Step');
  await watch.getByRole('button', { name: 'Map', exact: true }).click();
  await expect(watch).toContainText('has no discriminator to map');

  const { fileName, header, rows } = await explorer.downloadRows();
  expect(fileName).toBe('penguins-explorer-rows.csv');
  expect(header.slice(-2)).toEqual(['asked confidence', 'obtained confidence']);
  expect(header).toContain('Species');
  expect(rows).toHaveLength(1000);
  for (const row of rows) {
    const [asked, obtained] = row.slice(-2).map(Number) as [number, number];
    expect(asked).toBeGreaterThan(1 / 3);
    expect(asked).toBeLessThanOrEqual(1);
    expect(obtained).toBeGreaterThanOrEqual(0);
    expect(obtained).toBeLessThanOrEqual(1);
  }
  const statistics = JSON.parse((await explorer.download(explorer.downloadStatisticsButton)).text);
  expect(statistics.answers.perClass).toHaveLength(3);
  expect(statistics.forest.accuracy).toBeGreaterThan(0.8);
});
