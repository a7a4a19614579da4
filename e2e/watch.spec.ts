import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ExplorerControls } from './explorer';
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
  // The status reads Finished before the click's answer arrives too: wait for the steps themselves.
  await expect
    .poll(() => training.steps(), { message: 'five more epochs planned and trained' })
    .toEqual({ done: 2 * first.planned, planned: 2 * first.planned });
  await training.expectStatus('Finished');
});

test('watch: the planned steps show before the first; Train more in slow motion plans its epochs at once and steps them', async ({
  playground,
  page,
}) => {
  const { model, training } = playground;
  await playground.open();
  await model.epochs.fill('3');
  // Before any step the bar already counts to what Train will plan.
  await expect.poll(async () => (await training.steps()).planned).toBeGreaterThan(0);
  // …for the epochs just typed (the plan follows the settings once they rest).
  await expect(page.locator('.training-panel .stats')).toContainText(/Epoch0 of 3(?!\d)/);
  const before = await training.steps();
  expect(before.done).toBe(0);
  await training.train();
  await training.expectStatus('Finished');
  const first = await training.steps();
  expect(first).toEqual({ done: before.planned, planned: before.planned });

  await page.getByRole('combobox', { name: 'Speed' }).selectOption('Slow motion');
  await page.getByRole('button', { name: 'Train more', exact: true }).click();
  await expect(training.status).toHaveText('Slow motion');
  // The new end shows before the first slow step is taken (three sub-steps come first).
  await expect
    .poll(() => training.steps(), { timeout: 2_000 })
    .toEqual({
      done: first.done,
      planned: 2 * first.planned,
    });
  await expect(page.getByRole('status', { name: 'Sub-step', exact: true })).toHaveText(/^[1-5] of 5: /);
  // One sub-step at a time: a discriminator step, then a generator step, 0.7 s apart, then three more
  // sub-steps (at full speed the new epochs would be done in a moment).
  await expect.poll(() => training.stepsDone(), { timeout: 10_000 }).toBeGreaterThan(first.done);
  expect(await training.stepsDone()).toBeLessThanOrEqual(first.done + 2);
  // Space pauses slow motion too (the key, not a focused button).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(training.status).toHaveText('Paused');
  const after = await training.steps();
  expect(after.done).toBeLessThanOrEqual(first.done + 4);
  expect(after.planned).toBe(2 * first.planned);
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

test("watch: a D-only or G-only step adds a point to that network's loss alone", async ({
  playground,
  page,
}) => {
  const { training } = playground;
  await playground.open();
  const seriesPoints = async () =>
    Object.fromEntries(
      ((await training.lossChart.getAttribute('data-series-points')) ?? '')
        .split(';')
        .map((entry) => entry.split(':'))
        .map(([name, count]) => [name, Number(count)]),
    ) as Record<string, number>;
  const stepAndWait = async (button: string, step: number) => {
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect.poll(() => training.stepsDone()).toBe(step);
    // The chart redraws at most every 250 ms.
    await expect.poll(async () => Number(await training.pointCount())).toBe(step);
  };

  await stepAndWait('Step', 1);
  expect(await seriesPoints()).toEqual({ discriminator: 1, generator: 1 });
  await stepAndWait('Step the discriminator only', 2);
  expect(await seriesPoints()).toEqual({ discriminator: 2, generator: 1 });
  await stepAndWait('Step the generator only', 3);
  await stepAndWait('Step the generator only', 4);
  expect(await seriesPoints()).toEqual({ discriminator: 2, generator: 3 });
});

test('watch: the loss chart names its axes', async ({ playground }) => {
  const { training } = playground;
  await playground.open();
  await training.trainBriefly(1);
  await expect(training.lossChart.getByText('Training step', { exact: true })).toBeVisible();
  await expect(training.lossChart.getByText('Loss', { exact: true })).toBeVisible();
});

test("watch: the quality chart's value axis is titled Quality, not Loss", async ({ playground, page }) => {
  const { training } = playground;
  await playground.open();
  const quality = page.getByRole('figure', { name: 'Quality', exact: true });
  await training.train();
  await expect.poll(async () => Number(await quality.getAttribute('data-point-count'))).toBeGreaterThan(1);
  await training.stopTraining();
  const titles = quality.locator('.axis-title');
  await expect(titles).toHaveText(['Training step', 'Quality']);
});

test("watch: hovering the loss chart reads out a point's step and exact values", async ({
  playground,
  page,
}) => {
  const { training } = playground;
  await playground.open();
  await training.trainBriefly(3);
  const curves = training.lossChart.getByRole('img', { name: 'Loss curves by step' });
  const box = (await curves.boundingBox())!;
  await curves.hover({ position: { x: box.width * 0.6, y: box.height / 2 } });
  await expect(training.lossChart.locator('.chart-readout text')).toHaveText(
    /^Step [\d,]+: discriminator -?\d+\.\d{4} · generator -?\d+\.\d{4}$/,
  );
  await page.mouse.move(0, 0);
  await expect(training.lossChart.locator('.chart-readout')).toHaveCount(0);
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
  // A fast machine may finish the demo's run by then (Pause is disabled): either way the stepper stops.
  await training.stopTraining();
  const named = latestSnapshotStep(await verdicts.snapshotText.textContent());
  await expect
    .poll(async () => Number(await verdicts.map.getAttribute('data-step')), { timeout: 60_000 })
    .toBe(named);
});

test('watch: the model picture lights the parts each step does, and shows their losses', async ({
  playground,
  page,
}) => {
  const { training } = playground;
  const picture = new ModelPicture(page);
  await playground.open();
  await expect(picture.figure).toHaveAttribute('data-lit', '');
  await page.getByRole('button', { name: 'Step the discriminator only', exact: true }).click();
  await expect(picture.figure).toHaveAttribute('data-lit', 'draw generate score update-d');
  await expect(picture.box('discriminator')).toHaveClass(/\blit\b/);
  await expect(picture.box('real')).toHaveClass(/\blit\b/);
  await expect(picture.arrow('discriminator>generator')).not.toHaveClass(/\blit\b/);
  // The discriminator's box shows its loss once the step is read back; the generator has none yet.
  await expect(picture.box('discriminator')).toContainText(/\d\.\d{3}/);
  await expect(picture.box('generator')).toContainText('MLP');

  await page.getByRole('button', { name: 'Step the generator only', exact: true }).click();
  await expect(picture.figure).toHaveAttribute('data-lit', 'update-g');
  await expect(picture.arrow('discriminator>generator')).toHaveClass(/\blit\b/);
  await expect(picture.box('real')).not.toHaveClass(/\blit\b/);
  await expect(picture.box('generator')).toContainText(/\d\.\d{3}/);

  await training.resumeButton.click();
  await training.expectStatus('Training');
  await expect(picture.figure).toHaveAttribute('data-lit', 'draw generate score update-d update-g');
  await training.pause();
});

test('watch: slow motion announces the sub-steps of each iteration in order, lighting each', async ({
  playground,
  page,
}) => {
  const { training } = playground;
  const picture = new ModelPicture(page);
  await playground.open();
  const subStep = page.getByRole('status', { name: 'Sub-step', exact: true });
  // Every announcement, in order, as the page makes it.
  await subStep.evaluate((element) => {
    const seen: string[] = [];
    (window as unknown as { announced: string[] }).announced = seen;
    new MutationObserver(() => {
      if (element.textContent) seen.push(element.textContent);
    }).observe(element, { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('Slow motion');
  await training.trainButton.click();
  await expect(training.status).toHaveText('Slow motion');
  // The first sub-step lights before the run has taken a step.
  await expect(picture.figure).toHaveAttribute('data-lit', 'draw');
  expect(await training.stepsDone()).toBe(0);
  const announced = () => page.evaluate(() => (window as unknown as { announced: string[] }).announced);
  await expect.poll(async () => (await announced()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
  await training.pauseButton.click();
  await expect(training.status).toHaveText('Paused');
  expect((await announced()).slice(0, 6).map((text) => text.split(':')[0])).toEqual([
    '1 of 5',
    '2 of 5',
    '3 of 5',
    '4 of 5',
    '5 of 5',
    '1 of 5',
  ]);
  expect((await announced())[3]).toBe('4 of 5: Update the discriminator');
  // One iteration: a discriminator step, then a generator step.
  await expect.poll(() => training.stepsDone()).toBeGreaterThanOrEqual(2);
  expect(await subStep.textContent()).toBe('');
});

/** The model as a picture, in the Training panel. */
class ModelPicture {
  readonly figure;

  constructor(private readonly page: Page) {
    this.figure = page.getByRole('figure', { name: 'The model', exact: true });
  }

  box(id: string) {
    return this.figure.locator(`[data-box="${id}"]`);
  }

  arrow(fromTo: string) {
    return this.figure.locator(`[data-arrow="${fromTo}"]`);
  }
}

/**
 * What is wrong with a chart's text, as drawn: an axis title or a tick label overlapping another one, or
 * a text cut by the chart's edge ("Training step" lost its bottom).
 */
function chartTextProblems(chart: Locator): Promise<string[]> {
  return chart.evaluate((svg: SVGSVGElement) => {
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter((t) => !t.closest('.chart-readout'));
    const boxes = texts.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
    const found: string[] = [];
    for (const { text, box } of boxes)
      if (box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5 || box.left < frame.left - 0.5)
        found.push(`"${text}" is cut by the chart's edge`);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!.box, boxes[j]!.box];
        const overlap =
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        if (overlap) found.push(`"${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`);
      }
    return found;
  });
}

/** 1200 of "Snapshot 13 of 13 · step 1,200". */
function latestSnapshotStep(text: string | null): number {
  return Number(/step ([\d,]+)/.exec(text ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
}

test.describe('the watching screen at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('shows the controls and the live views without scrolling; the forms are one click away', async ({
    playground,
    page,
  }) => {
    const { training, data } = playground;
    const live = new LiveViews(page);
    const picture = new ModelPicture(page);
    await playground.openToWatch();
    await expect(data.heading).toBeHidden();
    await training.trainBriefly(2);
    await expect(live.columns.first()).toBeVisible();
    for (const control of [
      training.trainButton,
      training.pauseButton,
      training.stepButton,
      training.lossChart,
      picture.figure,
      live.heading,
      live.columns.first(),
      live.columns.last(),
    ]) {
      await expect(control).toBeInViewport({ ratio: 1 });
    }
    await playground.showForms();
    await expect(data.schema).toBeVisible();
  });

  test("the header's tools keep one line and leave the title whole, in projector mode too", async ({
    playground,
    page,
  }) => {
    await playground.openToWatch();
    const title = page.getByRole('heading', { level: 1 });
    const backend = playground.header.backendText;
    await expect(backend).toBeVisible();
    const whole = () =>
      title.evaluate((h1: HTMLElement) => ({ text: h1.innerText, clipped: h1.scrollWidth > h1.clientWidth }));
    expect(await whole()).toEqual({ text: expect.stringMatching(/^GAN Playground/), clipped: false });
    // One line: the last tool sits beside the title, not under it.
    const [titleBox, backendBox] = [(await title.boundingBox())!, (await backend.boundingBox())!];
    expect(backendBox.y).toBeLessThan(titleBox.y + titleBox.height);

    await page.keyboard.press('f');
    await expect(page.getByRole('button', { name: 'Projector', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await whole()).toEqual({ text: expect.stringMatching(/^GAN Playground/), clipped: false });
    // Still one line at projector size (it took two, pushing the views below the fold).
    const [bigTitle, bigBackend] = [(await title.boundingBox())!, (await backend.boundingBox())!];
    expect(bigBackend.y).toBeLessThan(bigTitle.y + bigTitle.height);
  });

  test('projector mode: the picture, the live views and Train/Pause/Step fit the screen, at 14 px and more', async ({
    playground,
    page,
  }) => {
    const { training } = playground;
    const live = new LiveViews(page);
    const picture = new ModelPicture(page);
    await playground.openToWatch();
    await training.trainBriefly(2);
    await page.keyboard.press('f');
    await expect(page.getByRole('button', { name: 'Projector', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(live.columns.first()).toBeVisible();
    for (const part of [
      training.trainButton,
      training.pauseButton,
      training.stepButton,
      picture.figure,
      live.heading,
      live.columns.first(),
    ])
      await expect(part).toBeInViewport({ ratio: 1 });
    // The picture's labels and figures as drawn on screen (font size times the SVG's scale), each inside
    // its box: they read at 10 px before.
    const labels = await picture.figure.locator('[data-box]').evaluateAll((boxes) =>
      boxes.flatMap((box) => {
        const rect = box.querySelector('rect')!.getBoundingClientRect();
        return [...box.querySelectorAll('text')].map((t) => {
          const m = t.getScreenCTM()!;
          const drawn = t.getBoundingClientRect();
          return {
            text: t.textContent ?? '',
            size: Math.round(Math.hypot(m.a, m.b) * parseFloat(getComputedStyle(t).fontSize) * 10) / 10,
            inside: drawn.left >= rect.left - 0.5 && drawn.right <= rect.right + 0.5,
          };
        });
      }),
    );
    expect(labels.length).toBeGreaterThan(6);
    for (const label of labels) {
      expect(label.size, `"${label.text}" on screen`).toBeGreaterThanOrEqual(14);
      expect(label.inside, `"${label.text}" inside its box`).toBe(true);
    }
  });

  test("the loss and quality charts' axis titles stay clear of the ticks and inside the chart, in projector mode too", async ({
    playground,
    page,
  }) => {
    const { training } = playground;
    await playground.openToWatch();
    const quality = page.getByRole('figure', { name: 'Quality', exact: true });
    await training.train();
    // Two quality points: the chart is drawn (one every 100 steps).
    await expect.poll(async () => Number(await quality.getAttribute('data-point-count'))).toBeGreaterThan(1);
    await training.stopTraining();
    const charts = [
      training.lossChart.getByRole('img', { name: 'Loss curves by step' }),
      quality.getByRole('img', { name: 'Quality by step' }),
    ];
    for (const chart of charts) expect(await chartTextProblems(chart)).toEqual([]);
    await page.keyboard.press('f');
    await expect(page.getByRole('button', { name: 'Projector', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // Their 28-unit text is drawn once the charts have taken their projector size.
    for (const chart of charts) await expect.poll(() => chartTextProblems(chart)).toEqual([]);
  });

  test("a right axis's title stays inside the loss chart: the explorer's metrics on the watching screen", async ({
    playground,
    page,
  }) => {
    const explorer = new ExplorerControls(page);
    await playground.openToWatch();
    await playground.showForms();
    await explorer.choose();
    await explorer.realismWeight.fill('0.7');
    await page.getByRole('button', { name: 'Hide data and settings', exact: true }).click();
    await playground.training.trainBriefly(2);
    const chart = playground.training.lossChart.getByRole('img', { name: 'Loss curves by step' });
    expect(await chartTextProblems(chart)).toEqual([]);
  });

  test('each column names itself whole, in projector mode too (cut, capital-gain and capital-loss read the same)', async ({
    playground,
    page,
  }) => {
    const live = new LiveViews(page);
    await playground.openToWatch();
    await playground.training.trainBriefly(2);
    await expect(live.columns).toHaveCount(7);
    const cut = () =>
      live.columns
        .locator('.column-name')
        .evaluateAll((names) =>
          names.filter((n) => n.scrollWidth > n.clientWidth).map((n) => n.textContent ?? ''),
        );
    expect(await cut()).toEqual([]);
    // The charts of a grid row stay level however their names wrap.
    const tops = await live.columns
      .locator('svg')
      .evaluateAll((svgs) => svgs.slice(0, 4).map((s) => Math.round(s.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await page.keyboard.press('f');
    await expect(page.getByRole('button', { name: 'Projector', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await cut()).toEqual([]);
  });

  test("the loss chart's axis titles and ticks are drawn at their 13 px, not shrunk with the chart", async ({
    playground,
  }) => {
    const { training } = playground;
    await playground.openToWatch();
    await training.trainBriefly(2);
    const curves = training.lossChart.getByRole('img', { name: 'Loss curves by step' });
    await expect(curves).toBeInViewport({ ratio: 1 });
    // The size each text is drawn at on screen: its font size times the SVG's scale (rotated or not).
    const drawnSizes = await curves.locator('text').evaluateAll((texts) =>
      (texts as SVGTextElement[]).map((t) => {
        const m = t.getScreenCTM();
        return (m ? Math.hypot(m.a, m.b) : 0) * parseFloat(getComputedStyle(t).fontSize);
      }),
    );
    expect(drawnSizes.length).toBeGreaterThan(4);
    expect(Math.min(...drawnSizes)).toBeGreaterThanOrEqual(12.5);
    // It still spans the panel's width.
    const [chart, panel] = await Promise.all([
      curves.boundingBox(),
      playground.page.locator('section.training-panel').boundingBox(),
    ]);
    expect(chart!.width).toBeGreaterThan(panel!.width * 0.85);
  });

  test('the per-column views change between two snapshots', async ({ playground, page }) => {
    const { training } = playground;
    const live = new LiveViews(page);
    await playground.openToWatch();
    await training.trainBriefly(1);
    await expect(live.columns).toHaveCount(7);
    const first = await live.state();
    await training.resumeButton.click();
    await expect.poll(async () => (await live.state()).step, { timeout: 60_000 }).toBeGreaterThan(first.step);
    const later = await live.state();
    expect(later.bars, 'generated bars after more training').not.toEqual(first.bars);
    await expect(live.columns.first()).toHaveAttribute('aria-label', /: (KS|TV) (0|1)\.\d\d$/);
  });
});

test.describe("the discriminator's view at 1280×720", () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('its score over the plane and the generated points change between two snapshots; real points stay', async ({
    playground,
    page,
  }) => {
    const { training } = playground;
    await playground.openToWatch();
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await training.trainBriefly(1);
    const map = page.getByRole('figure', { name: "The discriminator's view", exact: true });
    await expect(map).toBeInViewport({ ratio: 1 });
    const state = () =>
      map.evaluate((figure) => ({
        step: Number(figure.getAttribute('data-step')),
        grid: figure.getAttribute('data-grid') ?? '',
        real: figure.getAttribute('data-real') ?? '',
        generated: figure.getAttribute('data-generated') ?? '',
      }));
    const canvas = map.locator('canvas');
    // Its frames are a worker's work, not the page's: the canvas's control went to an OffscreenCanvas.
    const drawnBy = () =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        try {
          c.getContext('2d');
          return 'the page';
        } catch {
          return 'a worker';
        }
      });
    expect(await drawnBy()).toBe('a worker');
    const first = await state();
    // The glide has come to rest.
    await page.waitForTimeout(1000);
    const firstPicture = await canvas.screenshot();
    expect(first.grid.split(' ')).toHaveLength(24 * 24);
    expect(first.generated.split(' ')).toHaveLength(2 * 300);
    await training.resumeButton.click();
    await expect.poll(async () => (await state()).step, { timeout: 60_000 }).toBeGreaterThan(first.step);
    await training.pause();
    const later = await state();
    expect(later.grid, 'the score over the plane').not.toEqual(first.grid);
    expect(await canvas.screenshot(), 'the map as drawn').not.toEqual(firstPicture);
    expect(later.generated, 'the generated points').not.toEqual(first.generated);
    expect(later.real, 'the real points, on fixed axes').toEqual(first.real);
  });

  test('hovering a point shows its row and score; clicking keeps the row below the map', async ({
    playground,
    page,
  }) => {
    const { training } = playground;
    await playground.openToWatch();
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await training.trainBriefly(1);
    const map = page.getByRole('figure', { name: "The discriminator's view", exact: true });
    await expect(map).toBeVisible();
    const canvas = map.locator('canvas');
    const tooltip = map.getByRole('tooltip');
    // The last generated point, where it rests (CSS pixels on the canvas; drawn on top of the rest).
    // Retried: a snapshot that lands meanwhile moves it.
    const last = async () =>
      ((await map.getAttribute('data-generated')) ?? '').split(' ').slice(-2).map(Number) as [number, number];
    await expect(async () => {
      const [x, y] = await last();
      await canvas.hover({ position: { x, y } });
      await expect(tooltip).toContainText(/Generated row \d+/, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(tooltip).toContainText(/Discriminator score [01]\.\d{3}/);
    // Its row's values, read from the worker: the penguins' columns.
    await expect(tooltip).toContainText('Species');
    await expect(tooltip).toContainText('Island');
    const [x, y] = await last();
    await canvas.click({ position: { x, y } });
    const row = map.getByRole('region', { name: 'The row behind the point' });
    await expect(row).toContainText(/Generated row \d+ at step [\d,]+: discriminator score [01]\.\d{3}/);
    await expect(row.getByRole('columnheader', { name: 'Species' })).toBeVisible();
    await expect(row.getByRole('cell')).toHaveCount(await row.getByRole('columnheader').count());
    // The keyboard reaches the same points: an arrow key picks one, Escape lets go.
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await expect(tooltip).toContainText(/(Real|Generated) row \d+/);
    await page.keyboard.press('Escape');
    await expect(row).toHaveCount(0);
  });
});

/** The "What the generator writes" panel: per-column views and fingerprints. */
class LiveViews {
  readonly heading;
  readonly panel;
  readonly columns;

  constructor(page: Page) {
    this.heading = page.getByRole('heading', { name: 'What the generator writes', exact: true });
    this.panel = page.locator('section.watch-panel');
    this.columns = page.getByRole('list', { name: 'Columns, real against generated' }).getByRole('figure');
  }

  /** The snapshot's step and every column's generated counts. */
  async state(): Promise<{ step: number; bars: string[] }> {
    const step = Number(await this.panel.getAttribute('data-step'));
    const bars = await this.columns.evaluateAll((figures) =>
      figures.map((f) => f.getAttribute('data-generated') ?? ''),
    );
    return { step, bars };
  }
}

test('watch: a model that trains its networks together offers no Step D or Step G, and D and G do nothing', async ({
  playground,
  page,
}) => {
  const { model, training } = playground;
  await playground.open();
  const partSteps = page.getByRole('button', { name: /^Step the (discriminator|generator) only$/ });
  await expect(partSteps).toHaveCount(2);
  const slowMotion = page
    .getByRole('combobox', { name: 'Speed' })
    .getByRole('option', { name: 'Slow motion' });
  await expect(slowMotion).toHaveCount(1);
  for (const label of ['PPO-GAN', 'Black-box explorer']) {
    await model.modelSelect.selectOption({ label });
    await expect(training.stepButton).toBeEnabled();
    // Pictured like the others, but neither one-player steps nor slow motion (made of them) is offered.
    await expect(new ModelPicture(page).figure).toBeVisible();
    await expect(partSteps).toHaveCount(0);
    await expect(slowMotion).toHaveCount(0);
  }
  await page.getByRole('heading', { name: 'Training', exact: true }).click();
  await page.keyboard.press('d');
  await page.keyboard.press('g');
  await page.waitForTimeout(500);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await training.stepsDone()).toBe(0);
});

test("watch: each model's picture is drawn whole: its bent arrows inside the view, its labels inside their boxes", async ({
  playground,
  page,
}) => {
  await playground.open();
  const picture = new ModelPicture(page);
  const fits = (texts: string) =>
    picture.figure.locator('svg').evaluate((svg: SVGSVGElement, texts) => {
      const view = svg.viewBox.baseVal;
      const drawn = svg.getBBox();
      const labels = [...svg.querySelectorAll<SVGGElement>('[data-box]')].filter((box) =>
        [...box.querySelectorAll<SVGTextElement>(texts)].some(
          (text) => text.getComputedTextLength() > box.querySelector('rect')!.width.baseVal.value,
        ),
      );
      return {
        inside: drawn.y >= view.y && drawn.y + drawn.height <= view.y + view.height,
        overflowing: labels.map((box) => box.dataset.box),
      };
    }, texts);
  // The explorer's picture grows a discriminator and real rows with a realism weight above 0.
  const cases = [
    ...['CGAN', 'CTGAN-style', 'DSF-GAN', 'table-GAN', 'Black-box explorer', 'PPO-GAN'].map((label) => ({
      label,
      realismWeight: null as string | null,
    })),
    { label: 'Black-box explorer', realismWeight: '1' },
  ];
  for (const { label, realismWeight } of cases) {
    await playground.model.modelSelect.selectOption({ label });
    if (realismWeight) await page.getByLabel('Realism weight', { exact: true }).fill(realismWeight);
    await expect(picture.figure).toBeVisible();
    if (realismWeight) await expect(picture.figure.locator('[data-box="discriminator"]')).toBeVisible();
    const name = `${label}${realismWeight ? ', realism' : ''}`;
    expect(await fits('.picture-label'), name).toEqual({ inside: true, overflowing: [] });
    // Projector mode draws the labels and the figures larger: they still fit their boxes.
    await page.keyboard.press('f');
    expect(await fits('.picture-label, .picture-figure'), `${name}, projector`).toEqual({
      inside: true,
      overflowing: [],
    });
    await page.keyboard.press('f');
    await playground.showForms();
  }
});

test.describe('a wide table at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("a map point's row stays within the map, however many columns it has", async ({
    playground,
    page,
  }) => {
    // Sixteen columns, as wide as Adult: one row's cells are taller than half the map.
    const names = Array.from({ length: 15 }, (_, c) => `measure ${c + 1}`);
    const lines = [[...names, 'Group'].join(',')];
    for (let i = 0; i < 300; i++)
      lines.push([...names.map((_, c) => ((i * (c + 3)) % 97) / 7), ['A', 'B', 'C'][i % 3]].join(','));
    await playground.open();
    await playground.data.upload({
      name: 'wide.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\n')}\n`),
    });
    await playground.data.expectLoaded('wide.csv', 300);
    await page.getByRole('button', { name: 'Hide data and settings' }).click();
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await playground.training.trainBriefly(1);
    const map = page.getByRole('figure', { name: "The discriminator's view", exact: true });
    const canvas = map.locator('canvas');
    await expect(canvas).toBeVisible();
    const area = (await canvas.boundingBox())!;
    // The points nearest the map's middle height, above and below it: the tallest room a row needs.
    const points = ((await map.getAttribute('data-generated')) ?? '')
      .split(' ')
      .map(Number)
      .reduce<[number, number][]>(
        (xy, v, k) => (k % 2 ? (xy.at(-1)!.push(v), xy) : [...xy, [v] as never]),
        [],
      );
    const middle = (above: boolean) =>
      points
        .filter(([, y]) => (above ? y < area.height / 2 : y >= area.height / 2))
        .sort((a, b) => Math.abs(a[1] - area.height / 2) - Math.abs(b[1] - area.height / 2))[0]!;
    for (const [x, y] of [middle(true), middle(false)]) {
      const tooltip = map.getByRole('tooltip');
      await expect(async () => {
        await canvas.hover({ position: { x, y } });
        await expect(tooltip).toContainText('measure 15', { timeout: 1000 });
      }).toPass({ timeout: 15_000 });
      const box = (await tooltip.boundingBox())!;
      expect(box.y, 'its top').toBeGreaterThanOrEqual(area.y - 1);
      expect(box.y + box.height, 'its bottom').toBeLessThanOrEqual(area.y + area.height + 1);
      await page.mouse.move(0, 0);
    }
  });
});

test('watch: a step by hand brings the live views and the map to that step', async ({ playground, page }) => {
  const { training } = playground;
  const live = new LiveViews(page);
  await playground.openToWatch();
  await training.stepButton.click();
  await expect(live.panel).toHaveAttribute('data-step', '1');
  await page.getByRole('button', { name: 'Step the discriminator only', exact: true }).click();
  await expect(live.panel).toHaveAttribute('data-step', '2');
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  const map = page.getByRole('figure', { name: "The discriminator's view", exact: true });
  await expect(map).toHaveAttribute('data-step', '2');
  await page.getByRole('button', { name: 'Step the generator only', exact: true }).click();
  await expect(map).toHaveAttribute('data-step', '3');
});

test("watch: a step by hand rings that step's real rows on the map and says how many; training clears them", async ({
  playground,
  page,
}) => {
  const { model, training } = playground;
  await playground.open();
  // Penguins: about 275 training rows, all of them on the map (it shows up to 300), so every row of a
  // batch is ringed; a batch of 32 is a few of them, and the epoch's next batch is other rows.
  await model.batchSize.fill('32');
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  const map = page.getByRole('figure', { name: "The discriminator's view", exact: true });
  const caption = map.locator('.map-step-rows');
  const marked = async () => ((await map.getAttribute('data-marked')) ?? '').split(' ').filter(Boolean);

  await training.stepButton.click();
  await expect(caption).toHaveText("Step 1: 32 of this step's 32 real rows are on the map, ringed.");
  await expect.poll(async () => new Set(await marked()).size).toBe(32);
  const first = await marked();
  // Each ringed point is one of the map's real points.
  const realPoints = ((await map.getAttribute('data-real')) ?? '').split(' ').length / 2;
  expect(first.every((i) => Number(i) >= 0 && Number(i) < realPoints)).toBe(true);

  await page.getByRole('button', { name: 'Step the discriminator only', exact: true }).click();
  await expect(caption).toHaveText(
    "Step 2, the discriminator's update: 32 of this step's 32 real rows are on the map, ringed.",
  );
  await expect.poll(async () => (await marked()).some((i) => first.includes(i))).toBe(false);

  // Training at full speed marks no batch: the rings and the sentence go.
  await training.resumeButton.click();
  await training.expectStatus('Training');
  await expect(caption).toHaveCount(0);
  expect(await marked()).toEqual([]);
  await training.pause();
});
