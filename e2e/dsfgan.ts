import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** DSF-GAN's controls in the Model panel and its "Downstream utility" panel. */
export class DsfganControls {
  readonly lambdaSlider: Locator;
  /** The value shown beside the slider. */
  readonly lambdaOutput: Locator;
  readonly lossChart: Locator;
  /** The latest live figures ("Precision", "Recall", "F1" or "RMSE", "R²"). */
  readonly liveUtility: Locator;
  readonly liveUtilityChart: Locator;
  readonly lambdaValues: Locator;
  readonly stepsPerRun: Locator;
  readonly runSweepButton: Locator;
  readonly cancelSweepButton: Locator;
  readonly sweepStatus: Locator;
  readonly frontier: Locator;
  readonly sweepTable: Locator;

  constructor(private readonly page: Page) {
    this.lambdaSlider = page.getByLabel('λ (downstream feedback)', { exact: true });
    this.lambdaOutput = this.lambdaSlider.locator('xpath=following-sibling::output');
    this.lossChart = page.getByRole('figure', { name: 'Losses', exact: true });
    this.liveUtility = page.getByLabel('Latest utility', { exact: true });
    this.liveUtilityChart = page.getByRole('figure', { name: 'Utility during training', exact: true });
    this.lambdaValues = page.getByLabel('λ values', { exact: true });
    this.stepsPerRun = page.getByLabel('Steps per run', { exact: true });
    this.runSweepButton = page.getByRole('button', { name: 'Run λ sweep', exact: true });
    this.cancelSweepButton = page.getByRole('button', { name: 'Cancel sweep', exact: true });
    this.sweepStatus = page.getByRole('status', { name: 'Sweep status', exact: true });
    this.frontier = page.getByRole('figure', { name: 'Realism/utility frontier', exact: true });
    this.sweepTable = page.getByRole('table', { name: 'Sweep results', exact: true });
  }

  /** Chooses DSF-GAN once the backend probe is over, so its timed steps do not slow the test's training. */
  async choose(): Promise<void> {
    await expect(this.page.getByText(/Backend:\s*(webgpu|webgl|wasm|cpu)\b/)).toBeVisible();
    await this.page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: 'DSF-GAN' });
    await expect(this.lambdaSlider).toBeVisible();
  }

  /** The λ the chart's last point was trained with (`data-lambda`), or null before any point. */
  async chartLambda(): Promise<number | null> {
    const value = await this.lossChart.getAttribute('data-lambda');
    return value === null ? null : Number(value);
  }

  async downstreamPoints(): Promise<number> {
    return Number((await this.lossChart.getAttribute('data-downstream-points')) ?? 0);
  }

  /** Drags the slider's thumb with the mouse to where `lambda` lies on the track; returns the value set. */
  async dragLambdaTo(lambda: number): Promise<number> {
    await this.lambdaSlider.scrollIntoViewIfNeeded();
    const box = await this.lambdaSlider.boundingBox();
    if (!box) throw new Error('the λ slider is not visible');
    const [min, max, value] = await this.lambdaSlider.evaluate((el) => {
      const input = el as HTMLInputElement;
      return [Number(input.min), Number(input.max), Number(input.value)];
    });
    const y = box.y + box.height / 2;
    const xOf = (v: number) => box.x + 8 + ((box.width - 16) * (v - min)) / (max - min);
    await this.page.mouse.move(xOf(value), y);
    await this.page.mouse.down();
    await this.page.mouse.move(xOf(lambda), y, { steps: 8 });
    await this.page.mouse.up();
    return Number(await this.lambdaSlider.inputValue());
  }
}
