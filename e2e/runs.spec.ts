import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { Playground } from './playground';

/*
 * Saved runs (the header's Runs menu): a run saved in the browser survives a reload and reopens with its
 * steps, loss points and weights (training goes on from it); an exported .ganrun file imported again
 * restores the same; a run on the user's own table reopens from IndexedDB, and its exported file does
 * not carry the table's cells. A reopened run's quality curve goes on from its saved checks.
 */

const runs = (page: Page) => {
  const menu = page.locator('details.runs-menu');
  return {
    open: async () => {
      if (!(await menu.getAttribute('open'))) await menu.locator('summary').click();
    },
    name: menu.getByLabel('Run name', { exact: true }),
    save: menu.getByRole('button', { name: 'Save this run', exact: true }),
    status: page.getByRole('status', { name: 'Runs', exact: true }),
    list: menu.getByRole('table', { name: 'Saved runs' }),
    row: (name: string) => menu.getByRole('row').filter({ hasText: name }),
    import: menu.getByLabel('Import run file'),
  };
};

/** What the page shows of a run: its step, its loss points and the curves drawn from them. */
async function read(playground: Playground) {
  const { training } = playground;
  const curves = training.lossChart.getByRole('img', { name: 'Loss curves by step' }).locator('path');
  return {
    step: await training.stepsDone(),
    points: await training.pointCount(),
    curves: await curves.evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? '')),
  };
}

/** What the page shows once the chart has caught up (it redraws at most four times a second). */
async function shown(playground: Playground) {
  let last = JSON.stringify(await read(playground));
  for (;;) {
    await playground.page.waitForTimeout(400);
    const now = await read(playground);
    if (JSON.stringify(now) === last) return now;
    last = JSON.stringify(now);
  }
}

async function trainAndSave(playground: Playground, name: string) {
  const { page, training } = playground;
  await training.trainBriefly(5);
  const before = await shown(playground);
  const menu = runs(page);
  await menu.open();
  await menu.name.fill(name);
  await menu.save.click();
  await expect(menu.status).toHaveText(`Saved ${name}`);
  await expect(menu.row(name)).toContainText(before.step.toLocaleString('en'));
  return before;
}

async function expectOpened(playground: Playground, name: string, before: Awaited<ReturnType<typeof shown>>) {
  const { training } = playground;
  await expect(runs(playground.page).status).toHaveText(
    `Opened ${name} at step ${before.step.toLocaleString('en')}`,
  );
  await training.expectStatus('Paused');
  // The curves are drawn at their box's size: compared in the layout they were saved in (the long page;
  // a reload folds the forms away).
  await playground.showForms();
  expect(await shown(playground)).toEqual(before);
}

test('a saved run survives a reload: same steps and loss curves, and training goes on', async ({
  playground,
  page,
}) => {
  await playground.open();
  const before = await trainAndSave(playground, 'penguins before reload');

  await page.reload();
  await playground.data.expectLoaded('penguins.csv', 344);
  const menu = runs(page);
  await menu.open();
  await menu.row('penguins before reload').getByRole('button', { name: 'Open' }).click();
  await expectOpened(playground, 'penguins before reload', before);

  await playground.training.stepButton.click();
  await expect.poll(() => playground.training.stepsDone()).toBe(before.step + 1);

  await menu.open();
  await menu.row('penguins before reload').getByRole('button', { name: 'Rename' }).click();
  await menu.list.getByLabel('New name').fill('renamed run');
  await menu.list.getByRole('button', { name: 'Done' }).click();
  await expect(menu.row('renamed run')).toBeVisible();
  await menu.row('renamed run').getByRole('button', { name: 'Delete' }).click();
  await expect(menu.list).toHaveCount(0);
});

/** Steps between two health checks on penguins (20 epochs of 5 steps). */
const EVERY_STEPS = 100;

test('a reopened run keeps its quality curve: training on adds checks to it', async ({
  playground,
  page,
}) => {
  const { training } = playground;
  await playground.open();
  const quality = page.getByRole('figure', { name: 'Quality', exact: true });
  const checks = async () => Number(await quality.getAttribute('data-point-count'));
  await training.train();
  // Seconds on an idle machine, longer on a busy one.
  await expect.poll(checks, { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  await training.pause();
  expect(await checks()).toBe(Math.floor((await training.stepsDone()) / EVERY_STEPS));
  const menu = runs(page);
  await menu.open();
  await menu.name.fill('checked run');
  await menu.save.click();
  await expect(menu.status).toHaveText('Saved checked run');
  const saved = await checks();

  await page.reload();
  await playground.data.expectLoaded('penguins.csv', 344);
  await menu.open();
  await menu.row('checked run').getByRole('button', { name: 'Open' }).click();
  await expect(menu.status).toHaveText(/^Opened checked run/);
  await expect.poll(checks).toBe(saved);
  await training.resumeButton.click();
  await training.expectStatus('Training');
  await expect.poll(checks, { timeout: 90_000 }).toBeGreaterThan(saved);
  await training.pause();
  // Every check since step 0 is drawn, not only those since reopening.
  const { done, planned } = await training.steps();
  expect(done).toBeLessThan(planned);
  await expect.poll(checks).toBe(Math.floor(done / EVERY_STEPS));
});

test('export then import restores the same step count and loss points', async ({ playground, page }) => {
  await playground.open();
  const before = await trainAndSave(playground, 'exported run');
  const menu = runs(page);
  const downloading = page.waitForEvent('download');
  await menu.row('exported run').getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('exported_run.ganrun');
  const bytes = await readFile((await download.path())!);
  await menu.row('exported run').getByRole('button', { name: 'Delete' }).click();
  await playground.training.resetButton.click();
  await playground.training.expectStatus('Idle');

  await menu.import.setInputFiles({
    name: 'exported run.ganrun',
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  await expectOpened(playground, 'exported run', before);
  await menu.open();
  await expect(menu.row('exported run')).toBeVisible();

  // A damaged file is refused, saying why.
  const damaged = Buffer.from(bytes);
  damaged[Math.floor(damaged.length / 2)]! ^= 1;
  await menu.import.setInputFiles({
    name: 'damaged.ganrun',
    mimeType: 'application/octet-stream',
    buffer: damaged,
  });
  await expect(playground.alert(/damaged.*CRC-32/)).toBeVisible();
});

test("a run on the user's own table reopens after a reload; its file carries the table's hash, not its cells", async ({
  playground,
  page,
}) => {
  await playground.open();
  const rows = Array.from({ length: 60 }, (_, i) => `${(i * 7.3) % 50},${i % 3 === 0 ? 'zebra' : 'okapi'}`);
  const csv = `girth,animal\n${rows.join('\n')}\n`;
  await playground.data.upload({ name: 'zoo.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await playground.data.expectLoaded('zoo.csv', 60);
  const before = await trainAndSave(playground, 'zoo run');
  const menu = runs(page);
  const downloading = page.waitForEvent('download');
  await menu.row('zoo run').getByRole('button', { name: 'Export' }).click();
  const file = await readFile((await (await downloading).path())!);
  expect(file.toString('latin1')).toContain('zoo.csv');
  expect(file.toString('latin1')).not.toContain('okapi');

  await page.reload();
  await playground.data.expectLoaded('penguins.csv', 344);
  await menu.open();
  await menu.row('zoo run').getByRole('button', { name: 'Open' }).click();
  await expectOpened(playground, 'zoo run', before);
  await playground.data.expectLoaded('zoo.csv', 60);

  // Imported on a page that never saw the table, the run asks for it, and opens once it is given.
  await menu.open();
  await menu.row('zoo run').getByRole('button', { name: 'Delete' }).click();
  await expect(menu.list).toHaveCount(0);
  await page.reload();
  await playground.data.expectLoaded('penguins.csv', 344);
  await menu.open();
  await menu.import.setInputFiles({
    name: 'zoo run.ganrun',
    mimeType: 'application/octet-stream',
    buffer: file,
  });
  await expect(menu.status).toHaveText('zoo run was trained on your own table: choose zoo.csv below.');
  await page
    .getByLabel('Table for the imported run')
    .setInputFiles({ name: 'zoo.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expectOpened(playground, 'zoo run', before);
  await playground.data.expectLoaded('zoo.csv', 60);
});
