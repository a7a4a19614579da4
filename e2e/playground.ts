import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { demoColumns } from './tables';

/** A file handed to the "Upload table" input, as Playwright's `setInputFiles` takes it. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export type TrainingStatusText = 'Idle' | 'Training' | 'Paused' | 'Finished';

/** "1,234 of 5,000" (the Step stat) -> 1234: the UI groups thousands. */
const STEP_TEXT = /([\d,]+)\s+of\s+([\d,]+)/;
const parseCount = (text: string): number => Number(text.replace(/,/g, ''));

/** The header and its backend choice. */
export class Header {
  /** "Backend: webgl", once the worker has chosen. */
  readonly backendText: Locator;
  readonly backendSelect: Locator;

  constructor(page: Page) {
    this.backendText = page.getByText(/Backend:\s*(webgpu|webgl|wasm|cpu)\b/);
    this.backendSelect = page.getByLabel('Backend', { exact: true });
  }
}

/** The "Data" panel: choosing, uploading and typing a table. */
export class DataPanel {
  readonly heading: Locator;
  readonly demoSelect: Locator;
  readonly uploadInput: Locator;
  /** "penguins.csv · 344 rows · 7 columns". */
  readonly summary: Locator;
  readonly preview: Locator;
  readonly schema: Locator;
  readonly targetSelect: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Data', exact: true });
    this.demoSelect = page.getByLabel('Demo table', { exact: true });
    this.uploadInput = page.getByLabel('Upload table', { exact: true });
    this.summary = page.getByText(/·\s*[\d,]+\s+rows?\s*·\s*[\d,]+\s+columns?/);
    this.preview = page.getByRole('table', { name: 'Preview', exact: true });
    this.schema = page.getByRole('table', { name: 'Schema', exact: true });
    this.targetSelect = page.getByLabel('Target column', { exact: true });
  }

  /** The columns of `all` that the schema does not ignore: those a model generates. */
  async generatedColumns(all: readonly string[]): Promise<string[]> {
    const used: string[] = [];
    for (const column of all) {
      if ((await this.typeSelect(column).inputValue()) !== 'ignored') used.push(column);
    }
    return used;
  }

  /** The schema's type select of one column (numeric, categorical or ignored). */
  typeSelect(column: string): Locator {
    return this.page.getByLabel(`Type of ${column}`, { exact: true });
  }

  /** The column header cell of the preview table. */
  previewHeader(column: string): Locator {
    return this.preview.getByRole('columnheader', { name: column, exact: true });
  }

  /** Waits until the summary names this table and row count, e.g. ('penguins.csv', 344). */
  async expectLoaded(name: string, rows: number): Promise<void> {
    await expect(this.summary).toContainText(
      new RegExp(`${escapeRegExp(name)}\\s*·\\s*${groupThousands(rows)}\\s+rows`),
    );
  }

  async upload(file: UploadFile): Promise<void> {
    await this.uploadInput.setInputFiles(file);
  }

  /** The text of the selected option of a select. */
  selectedText(select: Locator): Locator {
    return select.locator('option:checked');
  }

  /** The value and label of every option of the demo table select. */
  async demoOptions(): Promise<string[]> {
    return this.demoSelect
      .locator('option')
      .evaluateAll((options) =>
        options.map((o) => `${(o as HTMLOptionElement).value} ${o.textContent ?? ''}`.trim()),
      );
  }
}

/** The "Model" panel: the model and its training settings. */
export class ModelPanel {
  readonly heading: Locator;
  readonly modelSelect: Locator;
  readonly epochs: Locator;
  readonly batchSize: Locator;
  readonly generatorLearningRate: Locator;
  readonly discriminatorLearningRate: Locator;
  readonly noiseSize: Locator;
  readonly hiddenSizes: Locator;
  readonly dropout: Locator;
  readonly seed: Locator;

  constructor(page: Page) {
    const field = (label: string) => page.getByLabel(label, { exact: true });
    this.heading = page.getByRole('heading', { name: 'Model', exact: true });
    // By role: the panel itself is also labelled "Model" (aria-labelledby its heading).
    this.modelSelect = page.getByRole('combobox', { name: 'Model', exact: true });
    this.epochs = field('Epochs');
    this.batchSize = field('Batch size');
    this.generatorLearningRate = field('Generator learning rate');
    this.discriminatorLearningRate = field('Discriminator learning rate');
    this.noiseSize = field('Noise size');
    this.hiddenSizes = field('Hidden sizes');
    this.dropout = field('Dropout');
    this.seed = field('Seed');
  }

  /** Every settings field, by its label. */
  fields(): Record<string, Locator> {
    return {
      Epochs: this.epochs,
      'Batch size': this.batchSize,
      'Generator learning rate': this.generatorLearningRate,
      'Discriminator learning rate': this.discriminatorLearningRate,
      'Noise size': this.noiseSize,
      'Hidden sizes': this.hiddenSizes,
      Dropout: this.dropout,
      Seed: this.seed,
    };
  }
}

/** The "Training" panel: controls, progress, loss chart and status. */
export class TrainingPanel {
  readonly heading: Locator;
  readonly trainButton: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly stepButton: Locator;
  readonly resetButton: Locator;
  readonly progress: Locator;
  /** The Step stat: "N of M". */
  readonly stepText: Locator;
  /** The loss chart; `data-point-count` is the number of loss points drawn. */
  readonly lossChart: Locator;
  /** "Idle", "Training", "Paused" or "Finished". */
  readonly status: Locator;
  /** Beside the buttons: why Train cannot go, and what to know before it goes. */
  readonly readiness: Locator;

  constructor(page: Page) {
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    this.heading = page.getByRole('heading', { name: 'Training', exact: true });
    this.trainButton = button('Train');
    this.pauseButton = button('Pause');
    this.resumeButton = button('Resume');
    this.stepButton = button('Step');
    this.resetButton = button('Reset');
    this.progress = page.getByRole('progressbar', { name: 'Training progress', exact: true });
    this.stepText = page.getByLabel('Steps done', { exact: true });
    this.lossChart = page.getByRole('figure', { name: 'Losses', exact: true });
    this.status = page.getByRole('status', { name: 'Training status', exact: true });
    this.readiness = page.getByRole('list', { name: 'Before training', exact: true });
  }

  async pointCount(): Promise<number> {
    const value = await this.lossChart.getAttribute('data-point-count');
    if (value === null) throw new Error('the Losses chart has no data-point-count attribute');
    return Number(value);
  }

  /** The step of the first point the Losses chart draws; null when it draws none. */
  async firstPointStep(): Promise<number | null> {
    const value = await this.lossChart.getAttribute('data-first-step');
    return value ? Number(value) : null;
  }

  /** N and M of the Step stat's "N of M". */
  async steps(): Promise<{ done: number; planned: number }> {
    const text = (await this.stepText.textContent()) ?? '';
    const match = STEP_TEXT.exec(text);
    if (!match) throw new Error(`expected "N of M", found "${text}"`);
    return { done: parseCount(match[1] ?? ''), planned: parseCount(match[2] ?? '') };
  }

  async stepsDone(): Promise<number> {
    return (await this.steps()).done;
  }

  async expectStatus(status: TrainingStatusText): Promise<void> {
    await expect(this.status).toHaveText(status);
  }

  /** Waits until more than `count` loss points are drawn. */
  async waitForPoints(count: number): Promise<void> {
    await expect
      .poll(() => this.pointCount(), { message: `more than ${count} loss points` })
      .toBeGreaterThan(count);
  }

  async train(): Promise<void> {
    await this.trainButton.click();
    await this.expectStatus('Training');
  }

  async pause(): Promise<void> {
    await this.pauseButton.click();
    await this.expectStatus('Paused');
  }

  /**
   * Stops a run that may finish on its own first (the demo's 1,200 steps take a few seconds): Pause if
   * it is still offered; either way the run stands still, paused or finished.
   */
  async stopTraining(): Promise<void> {
    await this.pauseButton.click({ timeout: 1_000 }).catch(() => {});
    await expect(this.status).toHaveText(/^(Paused|Finished)$/);
  }

  /** Trains until more than `points` loss points are drawn, then pauses. */
  async trainBriefly(points = 3): Promise<void> {
    await this.train();
    await this.waitForPoints(points);
    await this.pause();
  }
}

/** The "Synthetic rows" panel: sampling the generator and downloading its rows. */
export class SyntheticPanel {
  readonly heading: Locator;
  readonly rowsToGenerate: Locator;
  readonly generateButton: Locator;
  readonly syntheticTable: Locator;
  readonly realTable: Locator;
  readonly downloadButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Synthetic rows', exact: true });
    this.rowsToGenerate = page.getByLabel('Rows to generate', { exact: true });
    this.generateButton = page.getByRole('button', { name: 'Generate', exact: true });
    this.syntheticTable = page.getByRole('table', { name: 'Synthetic rows', exact: true });
    this.realTable = page.getByRole('table', { name: 'Real rows', exact: true });
    this.downloadButton = page.getByRole('button', { name: 'Download CSV', exact: true });
  }

  async generate(rows: number): Promise<void> {
    await this.rowsToGenerate.fill(String(rows));
    await this.generateButton.click();
    await expect(this.syntheticTable).toBeVisible();
  }

  /** Clicks "Download CSV" and reads the file: its suggested name, header and rows. */
  async downloadCsv(): Promise<DownloadedCsv> {
    return downloadCsv(this.page, this.downloadButton);
  }
}

/** Clicks a button that downloads a file and reads it: its suggested name and its text. */
export async function downloadText(page: Page, button: Locator): Promise<{ fileName: string; text: string }> {
  const waiting = page.waitForEvent('download');
  await button.click();
  const download = await waiting;
  return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

export interface DownloadedCsv {
  fileName: string;
  header: string[];
  rows: string[][];
}

/** Clicks a button that downloads a CSV file and parses it: its suggested name, header and rows. */
export async function downloadCsv(page: Page, button: Locator): Promise<DownloadedCsv> {
  const { fileName, text } = await downloadText(page, button);
  const [header = [], ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  return { fileName, header, rows };
}

/**
 * Generates `count` rows of the penguins demo, downloads them and checks the file: the columns the
 * schema uses, `count` rows, and a species in every row.
 */
export async function expectPenguinRowsDownloaded(playground: Playground, count: number): Promise<void> {
  await playground.synthetic.generate(count);
  const { header, rows } = await playground.synthetic.downloadCsv();
  const used = await playground.data.generatedColumns(demoColumns('penguins.csv'));
  expect(header).toEqual(used);
  expect(rows).toHaveLength(count);
  const species = used.indexOf('Species');
  for (const row of rows) expect(['Adelie', 'Gentoo', 'Chinstrap']).toContain(row[species]);
}

/** The whole GAN playground page. */
export class Playground {
  readonly header: Header;
  readonly data: DataPanel;
  readonly model: ModelPanel;
  readonly training: TrainingPanel;
  readonly synthetic: SyntheticPanel;

  constructor(readonly page: Page) {
    this.header = new Header(page);
    this.data = new DataPanel(page);
    this.model = new ModelPanel(page);
    this.training = new TrainingPanel(page);
    this.synthetic = new SyntheticPanel(page);
  }

  /**
   * Opens the page and waits for the default demo table (penguins.csv, 344 rows), with the data and
   * model forms unfolded (the long page), as an analyst uses it.
   */
  async open(): Promise<void> {
    await this.openToWatch();
    await this.showForms();
  }

  /** Opens the page as a class sees it: the forms folded once the demo table is loaded. */
  async openToWatch(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page).toHaveTitle(/GAN Playground/);
    await this.data.expectLoaded('penguins.csv', 344);
  }

  /** Unfolds the data and model forms, which fold away once a table is loaded (unless they are shown). */
  async showForms(): Promise<void> {
    const toggle = this.page.getByRole('button', { name: /^(Show|Hide) data and settings$/ });
    if ((await toggle.textContent())?.startsWith('Show')) await toggle.click();
    await expect(this.data.heading).toBeVisible();
  }

  /** An element with role="alert" whose text contains `text`. */
  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 1461 -> "1,?461": the UI may or may not group thousands. */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',?');
}
