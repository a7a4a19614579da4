import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { downloadCsv, downloadText, type DownloadedCsv } from './playground';

/** The black-box explorer's controls in the Model panel and its own panel. */
export class ExplorerControls {
  readonly heading: Locator;
  readonly realismWeight: Locator;
  readonly scatter: Locator;
  readonly forestTable: Locator;
  readonly forestFigures: Locator;
  readonly successTable: Locator;
  readonly readings: Locator;
  readonly histograms: Locator;
  readonly downloadRowsButton: Locator;
  readonly downloadStatisticsButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Black-box explorer', exact: true });
    this.realismWeight = page.getByLabel('Realism weight', { exact: true });
    this.scatter = page.getByRole('img', { name: 'Asked against obtained confidence', exact: true });
    this.forestTable = page.getByRole('table', { name: 'Forest per class', exact: true });
    this.forestFigures = page.getByLabel('Forest on held-out rows', { exact: true });
    this.successTable = page.getByRole('table', { name: 'Success per class', exact: true });
    this.readings = page.getByRole('list', { name: 'Readings', exact: true });
    this.histograms = page.getByRole('img', { name: /^Scores of rows asked for / });
    this.downloadRowsButton = page.getByRole('button', { name: 'Download 1,000 rows (CSV)', exact: true });
    this.downloadStatisticsButton = page.getByRole('button', {
      name: 'Download statistics (JSON)',
      exact: true,
    });
  }

  /** Chooses the explorer once the backend probe is over. */
  async choose(): Promise<void> {
    await expect(this.page.getByText(/Backend:\s*(webgpu|webgl|wasm|cpu)\b/)).toBeVisible();
    await this.page
      .getByRole('combobox', { name: 'Model', exact: true })
      .selectOption({ label: 'Black-box explorer' });
    await expect(this.heading).toBeVisible();
  }

  /** Clicks a download button and reads the file's text. */
  download(button: Locator): Promise<{ fileName: string; text: string }> {
    return downloadText(this.page, button);
  }

  downloadRows(): Promise<DownloadedCsv> {
    return downloadCsv(this.page, this.downloadRowsButton);
  }
}
