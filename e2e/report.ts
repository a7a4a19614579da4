import { expect } from '@playwright/test';
import type { Download, Locator, Page } from '@playwright/test';
import type { UploadFile } from './playground';

/** The "Report" panel (fidelity, utility and privacy) and the held-out split in the "Data" panel. */
export class ReportPanel {
  readonly heading: Locator;
  readonly evaluateButton: Locator;
  readonly exportJsonButton: Locator;
  readonly exportHtmlButton: Locator;
  readonly progress: Locator;
  readonly holdoutShare: Locator;
  /** "Held out: 69 of 344 rows (20%)". */
  readonly holdoutText: Locator;

  constructor(private readonly page: Page) {
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    this.heading = page.getByRole('heading', { name: 'Report', exact: true });
    this.evaluateButton = button('Evaluate');
    this.exportJsonButton = button('Export JSON');
    this.exportHtmlButton = button('Export HTML');
    this.progress = page.getByRole('progressbar', { name: 'Report progress', exact: true });
    this.holdoutShare = page.getByLabel('Held-out share', { exact: true });
    this.holdoutText = page.getByText(/Held out: [\d,]+ of [\d,]+ rows \(\d+%\)/);
  }

  /** A section heading of the report: "Fidelity", "Utility" or "Privacy". */
  section(name: 'Fidelity' | 'Utility' | 'Privacy'): Locator {
    return this.page.getByRole('heading', { name, exact: true });
  }

  figure(label: string | RegExp): Locator {
    return this.page.getByRole('figure', { name: label, exact: typeof label === 'string' });
  }

  /** The button that shows a column's plot. */
  columnButton(column: string): Locator {
    return this.page
      .getByRole('table', { name: 'Column shapes' })
      .getByRole('button', { name: column, exact: true });
  }

  /** The value shown for a headline figure ("Detection score"), with its verdict and hint. */
  fact(label: string): Locator {
    return this.page
      .locator('.report-facts > div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) })
      .getByRole('definition');
  }

  /** The "Read with care" list of warnings. */
  warnings(): Locator {
    return this.page.getByRole('region', { name: 'Read with care' }).getByRole('listitem');
  }

  async expectHoldout(rows: number, total: number, percent: number): Promise<void> {
    await expect(this.holdoutText).toHaveText(
      new RegExp(`Held out: ${rows} of ${total} rows \\(${percent}%\\)`),
    );
  }

  /** Presses Evaluate and waits until the three sections are drawn. */
  async evaluate(): Promise<void> {
    await this.evaluateButton.click();
    await expect(this.section('Privacy')).toBeVisible({ timeout: 60_000 });
  }

  async download(button: Locator): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await button.click();
    return download;
  }
}

/**
 * A table whose target is imbalanced: "yes" in 11% of 300 rows (every ninth), features that barely tell it
 * apart. Deterministic.
 */
export function imbalancedCsv(): UploadFile {
  const lines = ['age,colour,buys'];
  for (let i = 0; i < 300; i++) {
    lines.push(
      [20 + ((i * 37) % 50), ['red', 'green', 'blue'][(i * 7) % 3], i % 9 === 0 ? 'yes' : 'no'].join(','),
    );
  }
  return {
    name: 'imbalanced.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
  };
}
