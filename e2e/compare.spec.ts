import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { mixedCsv } from './tables';

/*
 * Two runs side by side: "Compare two runs" starts two engine workers on the loaded table (built there
 * by replaying the page's table calls), same seed, CGAN against CTGAN-style on the penguins; one button
 * trains and pauses both, their curves share one chart, and "End comparison" returns to the single run.
 */

/** Points of each series of an overlay chart, by label ("CGAN generator" → 12). */
async function seriesPoints(chart: Locator): Promise<Record<string, number>> {
  const text = (await chart.getAttribute('data-series-points')) ?? '';
  return Object.fromEntries(
    text
      .split(';')
      .filter(Boolean)
      .map((entry) => {
        const at = entry.lastIndexOf(':');
        return [entry.slice(0, at), Number(entry.slice(at + 1))];
      }),
  );
}

function comparison(page: Page) {
  const panel = page.getByRole('region', { name: 'Comparing two runs' });
  return {
    panel,
    losses: panel.getByRole('figure', { name: 'Losses of both runs' }),
    quality: panel.getByRole('figure', { name: 'Quality of both runs' }),
    side: (label: string) => panel.getByRole('region', { name: `Run ${label}`, exact: true }),
    button: (name: string) => panel.getByRole('button', { name, exact: true }),
  };
}

test('compare two runs: both train from one button, their curves grow in one chart, and it ends', async ({
  playground,
  page,
}) => {
  test.setTimeout(180_000);
  await playground.openToWatch();
  await page.getByRole('button', { name: 'Compare two runs' }).click();
  const view = comparison(page);
  await expect(view.panel).toBeVisible();
  await expect(view.panel.getByRole('combobox', { name: 'Compare' })).toHaveValue('family');
  await expect(view.panel).toContainText('Same table, same seed (42)');
  const [cgan, ctgan] = [view.side('CGAN'), view.side('CTGAN-style')];
  await expect(view.panel.getByRole('list', { name: 'Legend' })).toContainText('CGAN: generator loss');
  await expect(view.panel.getByRole('list', { name: 'Legend' })).toContainText('CTGAN-style: generator loss');

  // Both workers have the table (no second file pick): Train both is enabled once they do.
  await view.button('Train both').click({ timeout: 60_000 });
  await expect(cgan).toHaveAttribute('data-status', 'training');
  await expect(ctgan).toHaveAttribute('data-status', 'training');
  const grown = async (at: number) => {
    const points = await seriesPoints(view.losses);
    return Math.min(points['CGAN generator'] ?? 0, points['CTGAN-style generator'] ?? 0) >= at;
  };
  await expect.poll(() => grown(3), { timeout: 90_000 }).toBe(true);
  const first = await seriesPoints(view.losses);
  await expect
    .poll(
      async () => {
        const now = await seriesPoints(view.losses);
        return (
          now['CGAN generator']! > first['CGAN generator']! &&
          now['CTGAN-style generator']! > first['CTGAN-style generator']!
        );
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  // Each side's column view follows its own run.
  await expect(cgan.locator('[data-snapshot-step]')).toBeVisible({ timeout: 60_000 });
  await expect(ctgan.locator('[data-snapshot-step]')).toBeVisible({ timeout: 60_000 });
  await expect(cgan.getByRole('list', { name: 'Columns, real against generated' })).toBeVisible();

  await view.button('Pause both').click();
  await expect(cgan).toHaveAttribute('data-status', 'paused');
  await expect(ctgan).toHaveAttribute('data-status', 'paused');
  const steps = [await cgan.getAttribute('data-step'), await ctgan.getAttribute('data-step')];
  await page.waitForTimeout(500);
  expect([await cgan.getAttribute('data-step'), await ctgan.getAttribute('data-step')]).toEqual(steps);

  await view.button('End comparison').click();
  await expect(view.panel).toHaveCount(0);
  // The single run is back, untouched by the comparison.
  await playground.training.expectStatus('Idle');
  await expect(page.getByRole('heading', { name: 'What the generator writes' })).toBeVisible();
});

test('compare λ = 0 against λ = 1 on DSF-GAN, in projector mode at 1280×720 without overlapping text', async ({
  playground,
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await playground.openToWatch();
  await page.keyboard.press('f');
  await page.keyboard.press('c');
  const view = comparison(page);
  await view.panel.getByRole('combobox', { name: 'Compare' }).selectOption('lambda');
  const [zero, one] = [view.side('λ = 0'), view.side('λ = 1')];
  await view.button('Train both').click({ timeout: 60_000 });
  await expect(zero.locator('[data-snapshot-step]')).toBeVisible({ timeout: 90_000 });
  await expect(one.locator('[data-snapshot-step]')).toBeVisible({ timeout: 90_000 });
  await expect
    .poll(async () => Object.values(await seriesPoints(view.quality)).every((n) => n >= 1), {
      timeout: 90_000,
    })
    .toBe(true);
  await page.keyboard.press('Space');
  await expect(zero).toHaveAttribute('data-status', 'paused');
  await expect(one).toHaveAttribute('data-status', 'paused');

  const problems = await page.evaluate(() => {
    // Every visible text box, at least 24 px, none overlapping another (outside the SVG drawings).
    const boxes: { text: string; box: DOMRect; size: number; node: Node }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      const unseen = 'svg, [hidden], dialog:not([open]), option, details:not([open]) > :not(summary)';
      if (!element || text === '' || element.closest(unseen)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      // A name cut short with an ellipsis shows only its element's box: clip the text's to it.
      const clip = getComputedStyle(element).overflow === 'visible' ? null : element.getBoundingClientRect();
      for (const rect of range.getClientRects()) {
        const box = clip
          ? new DOMRect(
              Math.max(rect.left, clip.left),
              Math.max(rect.top, clip.top),
              Math.min(rect.right, clip.right) - Math.max(rect.left, clip.left),
              Math.min(rect.bottom, clip.bottom) - Math.max(rect.top, clip.top),
            )
          : rect;
        if (box.width > 0 && box.height > 0)
          boxes.push({ text, box, size: parseFloat(getComputedStyle(element).fontSize), node });
      }
    }
    const found: string[] = [];
    for (const b of boxes) if (b.size < 24) found.push(`"${b.text}" is ${b.size} px`);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        // One text's own boxes (an ellipsis splits it into the shown text and the cut part) are one text.
        if (boxes[i]!.node === boxes[j]!.node) continue;
        const [a, c] = [boxes[i]!.box, boxes[j]!.box];
        const overlap =
          Math.min(a.right, c.right) - Math.max(a.left, c.left) > 2 &&
          Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top) > 2;
        if (overlap) found.push(`"${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`);
      }
    return found;
  });
  await page.screenshot({ path: 'test-results/compare-projector.png', fullPage: true });
  expect(problems).toEqual([]);
  await page.keyboard.press('c');
  await expect(view.panel).toHaveCount(0);
});

test('an uploaded table, with a column ignored, reaches both workers by replay: no second file pick', async ({
  playground,
  page,
}) => {
  test.setTimeout(180_000);
  await playground.open();
  await playground.data.upload(mixedCsv(200, 'mixed.csv'));
  await playground.data.expectLoaded('mixed.csv', 200);
  await playground.data.typeSelect('Member').selectOption('ignored');
  await expect(playground.data.typeSelect('Member')).toHaveValue('ignored');
  await page.getByRole('button', { name: 'Compare two runs' }).click();
  const view = comparison(page);
  await view.button('Train both').click({ timeout: 60_000 });
  for (const label of ['CGAN', 'CTGAN-style']) {
    const side = view.side(label);
    await expect(side.locator('[data-snapshot-step]')).toBeVisible({ timeout: 90_000 });
    // The replayed table: the upload's columns, less the one ignored after it.
    await expect(side.getByRole('figure', { name: /^Age:/ })).toBeVisible();
    await expect(side.getByRole('figure', { name: /^Member:/ })).toHaveCount(0);
  }
  await view.button('Pause both').click();
  await view.button('End comparison').click();
  await expect(view.panel).toHaveCount(0);
});
