import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Playground } from './playground';

/*
 * A link reproduces a run: the table, the model, every setting and the seed travel in the URL's hash;
 * opening it on the same backend gives the same losses. The losses are read as the chart draws them:
 * the curves of ten single steps, whose paths are a function of the ten losses of each series.
 */

/** Presses Step ten times and returns the drawn loss curves (one path per series). */
async function firstTenLosses(playground: Playground): Promise<string[]> {
  const { training } = playground;
  for (let step = 1; step <= 10; step += 1) {
    await training.stepButton.click();
    await expect.poll(() => training.pointCount()).toBe(step);
  }
  const curves = training.lossChart.getByRole('img', { name: 'Loss curves by step' }).locator('path');
  return curves.evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
}

async function openAt(page: Page, url: string, table = 'penguins.csv', rows = 344): Promise<Playground> {
  const playground = new Playground(page);
  await page.goto(url);
  await playground.data.expectLoaded(table, rows);
  return playground;
}

test('a link with a seed reproduces the same first ten losses', async ({ playground, page, context }) => {
  await playground.open();
  await playground.model.seed.fill('4242');
  await playground.model.generatorLearningRate.fill('0.003');
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Link' })).toHaveText(/Link copied|in the address bar/);
  const url = page.url();
  expect(url).toContain('seed=4242');
  expect(url).toContain('learningRates.generator=0.003');
  const original = await firstTenLosses(playground);
  expect(original.length).toBeGreaterThanOrEqual(2);
  await page.close();

  // The link, opened afresh: its settings are set, and the same steps draw the same curves.
  const linked = await openAt(await context.newPage(), url);
  await linked.showForms();
  await expect(linked.model.seed).toHaveValue('4242');
  await expect(linked.model.generatorLearningRate).toHaveValue('0.003');
  expect(await firstTenLosses(linked)).toEqual(original);
  await linked.page.close();

  // Without the link (the default seed), the same ten steps draw other curves: the seed made the match.
  const plain = await openAt(await context.newPage(), '/');
  expect(await firstTenLosses(plain)).not.toEqual(original);
});

test('a classroom link hides what it says, and names what it cannot use', async ({ page }) => {
  const playground = await openAt(
    page,
    '/#table=cars.csv&model=ctgan&hide=forms,report,samples&pac=oops',
    'cars.csv',
    406,
  );
  await expect(playground.data.heading).toBeHidden();
  await expect(page.getByRole('button', { name: /data and settings$/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Report', exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Synthetic rows', exact: true })).toHaveCount(0);
  await expect(playground.alert("The link's Pac cannot be read: 'oops'.")).toBeVisible();
  await expect(playground.training.trainButton).toBeVisible();
});
