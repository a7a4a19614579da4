import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { Playground } from './playground';

/*
 * Each model shows its idea in the watching screen (table-GAN's rows as images, CTGAN's modes, DSF-GAN's
 * downstream decisions), and the column bars give their exact figures and the rows behind them.
 */

test.use({ viewport: { width: 1280, height: 720 } });

/** Picks `model` in the long form, folds the forms away and trains a few steps. */
async function trainModel(playground: Playground, model: string): Promise<void> {
  await playground.open();
  await playground.model.modelSelect.selectOption({ label: model });
  await playground.page.getByRole('button', { name: 'Hide data and settings' }).click();
  await playground.training.trainBriefly(2);
}

const tab = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Show' }).getByRole('button', { name, exact: true });

const tabNames = (page: Page) =>
  page.getByRole('group', { name: 'Show' }).getByRole('button').allTextContents();

test('table-GAN shows generated rows as images beside real ones', async ({ playground, page }) => {
  await trainModel(playground, 'table-GAN');
  expect(await tabNames(page)).toEqual(['Columns', 'Map', 'Images']);
  await tab(page, 'Images').click();
  const figure = page.getByRole('figure', { name: 'Rows as images' });
  await expect(figure).toBeInViewport({ ratio: 1 });
  // Penguins: 4×4 images, six real and six generated.
  await expect(figure.getByRole('img', { name: /^Real row \d as a 4×4 image/ })).toHaveCount(6);
  await expect(figure.getByRole('img', { name: /^Generated row \d as a 4×4 image/ })).toHaveCount(6);
  await figure
    .getByRole('img', { name: /^Generated row 1 / })
    .locator('.image-cell')
    .first()
    .hover();
  await expect(figure.locator('.column-hover')).toHaveText(
    /^Generated row 1, cell 1 \(Island\): -?\d\.\d\d → \w+/,
  );
  await expect(figure.getByRole('list', { name: 'What each cell holds' })).toContainText('Species');
});

test("CTGAN-style shows each number's modes with real and generated shares", async ({ playground, page }) => {
  await trainModel(playground, 'CTGAN-style');
  expect(await tabNames(page)).toEqual(['Columns', 'Map', 'Modes']);
  await tab(page, 'Modes').click();
  const figure = page.getByRole('figure', { name: 'Modes of each number column' });
  await expect(figure).toBeInViewport({ ratio: 1 });
  const columns = figure.getByRole('figure', { name: /: \d+ modes?$/ });
  await expect(columns).toHaveCount(4);
  const strip = figure.getByRole('img', { name: 'Body Mass (g): generated values by mode' });
  const shares = await strip
    .locator('span')
    .evaluateAll((spans) => spans.map((s) => Number(s.getAttribute('data-share'))));
  expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 3);
  await strip.locator('span').first().hover({ force: true });
  await expect(figure.locator('figcaption.column-hover')).toHaveText(
    /^Body Mass \(g\), mode 1 \(.*\): \d+\.\d% of real values, \d+\.\d% of generated$/,
  );
});

test('DSF-GAN shows λ and how often its downstream model reads generated rows as the class asked for', async ({
  playground,
  page,
}) => {
  await trainModel(playground, 'DSF-GAN');
  expect(await tabNames(page)).toEqual(['Columns', 'Map', 'Downstream']);
  await tab(page, 'Downstream').click();
  const figure = page.getByRole('figure', { name: "The downstream model's decisions" });
  await expect(figure).toBeInViewport({ ratio: 1 });
  await expect(figure).toContainText(/λ = \d/);
  const rows = figure.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const asked = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-asked'))));
  expect(asked.reduce((s, n) => s + n, 0)).toBe(2048);
  // The view follows the snapshots: training on brings a later one.
  const first = Number(await figure.getAttribute('data-step'));
  await playground.training.resumeButton.click();
  await expect
    .poll(async () => Number(await figure.getAttribute('data-step')), { timeout: 60_000 })
    .toBeGreaterThan(first);
  await playground.training.pause();
});

test('the CGAN has no idea tab', async ({ playground, page }) => {
  await playground.openToWatch();
  await playground.training.trainBriefly(1);
  expect(await tabNames(page)).toEqual(['Columns', 'Map']);
});

test('a bar gives its exact figures, and a click or Enter shows the rows behind it', async ({
  playground,
  page,
}) => {
  await playground.openToWatch();
  await playground.training.trainBriefly(2);
  const readout = page.locator('section.watch-panel > .column-hover');
  const species = page.getByRole('figure', { name: /^Species: TV / });
  const bars = species.getByRole('button');
  await expect(bars).toHaveCount(3);
  await bars.first().hover();
  await expect(readout).toHaveText(
    /^Species \w+: real \d+\.\d% \(\d+ rows\), generated \d+\.\d% \(\d+ rows\)$/,
  );
  const level = /^Species (\w+):/.exec((await readout.textContent()) ?? '')![1]!;
  await bars.first().click();
  const table = page.getByRole('region', { name: `Rows in Species ${level}` });
  await expect(table).toBeVisible();
  const speciesCells = async () => {
    const column = (await table.locator('thead th').allTextContents()).indexOf('Species');
    return table
      .locator('tbody tr')
      .evaluateAll((trs, c) => trs.map((tr) => tr.children[c]!.textContent), column);
  };
  const cells = await speciesCells();
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.length).toBeLessThanOrEqual(40);
  expect(new Set(cells)).toEqual(new Set([level]));
  await expect(table.locator('tbody tr.real')).toHaveCount(20);

  // By keyboard: the chart's Tab stop, → to the next bar, Enter for its rows (← → move no snapshot).
  await bars.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(bars.nth(1)).toBeFocused();
  await expect(readout).not.toHaveText(new RegExp(`^Species ${level}:`));
  await page.keyboard.press('Enter');
  const next = /^Species (\w+):/.exec((await readout.textContent()) ?? '')![1]!;
  const nextTable = page.getByRole('region', { name: `Rows in Species ${next}` });
  await expect(nextTable).toBeVisible();
  await nextTable.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('region', { name: /^Rows in / })).toHaveCount(0);
});

test('projector mode: the idea tabs, the bar readout and the rows table are in 24 px type', async ({
  playground,
  page,
}) => {
  await trainModel(playground, 'DSF-GAN');
  await page.keyboard.press('f');
  const size = (locator: ReturnType<Page['locator']>) =>
    locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(await size(tab(page, 'Downstream'))).toBeGreaterThanOrEqual(24);
  await page
    .getByRole('figure', { name: /^Species: TV / })
    .getByRole('button')
    .first()
    .click();
  const table = page.getByRole('region', { name: /^Rows in Species / });
  expect(await size(table.locator('td').first())).toBeGreaterThanOrEqual(24);
  await tab(page, 'Downstream').click();
  const figure = page.getByRole('figure', { name: "The downstream model's decisions" });
  expect(await size(figure.locator('td').first())).toBeGreaterThanOrEqual(24);
  expect(await size(figure.locator('.watch-caption'))).toBeGreaterThanOrEqual(24);
});
