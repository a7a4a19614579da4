import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { VerdictsPanel } from './verdicts';

/*
 * Projector mode and the keyboard shortcuts a teacher uses at the front of a class: F, Space, S, D, G,
 * R, ← →, and "?" for the sheet; none of them fires while typing in a field.
 */

/** The smallest font size, in px, of any visible text outside the charts' SVG. */
function smallestText(page: Page): Promise<{ size: number; text: string }> {
  return page.evaluate(() => {
    let smallest = { size: Infinity, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!element || text === '' || element.closest('svg, [hidden], dialog:not([open])')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < smallest.size) smallest = { size, text };
    }
    return smallest;
  });
}

test('projector mode: F makes the watching screen large and plain, and F returns', async ({
  playground,
  page,
}) => {
  await playground.openToWatch();
  const projector = page.getByRole('button', { name: 'Projector', exact: true });
  await expect(projector).toHaveAttribute('aria-pressed', 'false');
  expect((await smallestText(page)).size).toBeLessThan(24);

  await page.keyboard.press('f');
  await expect(projector).toHaveAttribute('aria-pressed', 'true');
  // Only the watching screen: the forms and the synthetic rows are gone, the controls and views stay.
  await expect(page.getByRole('button', { name: /data and settings$/ })).toHaveCount(0);
  await expect(playground.synthetic.heading).toHaveCount(0);
  await expect(playground.training.trainButton).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What the generator writes' })).toBeVisible();
  // Train a little so every view has its text, then measure.
  await playground.training.trainBriefly(2);
  const smallest = await smallestText(page);
  expect(smallest.size, `"${smallest.text}" is smaller than 24 px`).toBeGreaterThanOrEqual(24);
  const stepLabel = page.locator('.stats dt').first();
  expect(parseFloat(await stepLabel.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(
    24,
  );

  // The map and the charts go full screen.
  await page.getByRole('button', { name: 'Show the charts full screen' }).click();
  await expect
    .poll(() => page.evaluate(() => document.fullscreenElement?.className ?? ''))
    .toContain('charts');
  await page.evaluate(() => document.exitFullscreen());

  await page.keyboard.press('f');
  await expect(projector).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: 'Show data and settings' })).toBeVisible();
});

test('keys: Space trains and pauses, S, D and G step, R resets, ← → walk the snapshots', async ({
  playground,
  page,
}) => {
  const { training } = playground;
  await playground.openToWatch();
  const key = (name: string) => page.keyboard.press(name);
  // Space does what Train does: nothing until the run can start.
  await expect(training.trainButton).toBeEnabled();

  await key('Space');
  await training.expectStatus('Training');
  await key('Space');
  await training.expectStatus('Paused');
  await key('r');
  await training.expectStatus('Idle');
  await expect.poll(() => training.pointCount()).toBe(0);

  // Each step adds one point: both players, then the discriminator alone, then the generator alone.
  await key('s');
  await expect.poll(() => training.stepsDone()).toBe(1);
  const series = () => training.lossChart.getAttribute('data-series-points');
  const before = await series();
  await key('d');
  await expect.poll(() => training.pointCount()).toBe(2);
  await key('g');
  await expect.poll(() => training.pointCount()).toBe(3);
  expect(await series()).not.toBe(before);

  // Space with a button focused pauses once (the focused Pause button is not clicked as well).
  await training.resumeButton.click();
  await training.expectStatus('Training');
  await key('Space');
  await training.expectStatus('Paused');
  await page.waitForTimeout(300);
  await training.expectStatus('Paused');

  // Two snapshots, then ← and → between them.
  const verdicts = new VerdictsPanel(page);
  const snapshots = async () =>
    Number(/of (\d+)/.exec((await verdicts.snapshotText.textContent()) ?? '')?.[1]);
  await verdicts.takeSnapshotButton.click();
  await expect(verdicts.snapshotText).toContainText(/Snapshot (\d+) of \1 ·/);
  const first = await snapshots();
  const stepped = (await training.stepsDone()) + 1;
  await key('s');
  await expect.poll(() => training.stepsDone()).toBe(stepped);
  await verdicts.takeSnapshotButton.click();
  // Waits for the second snapshot's answer: reading the count at once raced it.
  await expect(verdicts.snapshotText).toContainText(`Snapshot ${first + 1} of ${first + 1} ·`);
  const count = first + 1;
  await key('ArrowLeft');
  await expect(verdicts.snapshotText).toContainText(`Snapshot ${count - 1} of ${count}`);
  await key('ArrowRight');
  await expect(verdicts.snapshotText).toContainText(`Snapshot ${count} of ${count}`);
});

test('keys: no shortcut fires while typing, and "?" shows the sheet', async ({ playground, page }) => {
  const { training, model } = playground;
  await playground.open();
  await model.hiddenSizes.fill('');
  await model.hiddenSizes.pressSequentially('sdg rfc');
  await expect(model.hiddenSizes).toHaveValue('sdg rfc');
  await expect(page.getByRole('region', { name: 'Comparing two runs' })).toHaveCount(0);
  await expect(training.status).toHaveText('Idle');
  expect(await training.pointCount()).toBe(0);
  await expect(page.getByRole('button', { name: 'Projector' })).toHaveAttribute('aria-pressed', 'false');

  await page.getByRole('heading', { name: 'Training', exact: true }).click();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Step the discriminator only');
  await expect(sheet.getByRole('row', { name: /^C\b/ })).toContainText('Compare two runs side by side');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('keys: C starts a comparison of two runs and C ends it, back to the single run', async ({
  playground,
  page,
}) => {
  await playground.openToWatch();
  const compare = page.getByRole('button', { name: 'Compare two runs' });
  const panel = page.getByRole('region', { name: 'Comparing two runs' });
  await page.keyboard.press('c');
  await expect(panel).toBeVisible();
  await expect(compare).toHaveAttribute('aria-pressed', 'true');
  await expect(playground.training.trainButton).toHaveCount(0);
  await page.keyboard.press('c');
  await expect(panel).toHaveCount(0);
  await expect(compare).toHaveAttribute('aria-pressed', 'false');
  await expect(playground.training.trainButton).toBeVisible();
});
