import { expect } from '@playwright/test';
import type { Download, Locator, Page } from '@playwright/test';

export type PointRole = 'real' | 'fooled' | 'rejected';

/** The colours the map draws each kind of point in (app/components/verdicts/mapModel.ts). */
const ROLE_RGB: Record<PointRole, [number, number, number]> = {
  real: [0x00, 0x72, 0xb2],
  fooled: [0xe6, 0x9f, 0x00],
  rejected: [0xcc, 0x79, 0xa7],
};

/** The "Discriminator verdicts" panel: snapshots, the t-SNE map and "Generate N and count". */
export class VerdictsPanel {
  readonly heading: Locator;
  readonly map: Locator;
  readonly computeButton: Locator;
  readonly takeSnapshotButton: Locator;
  readonly previousSnapshot: Locator;
  readonly nextSnapshot: Locator;
  readonly snapshotText: Locator;
  readonly progress: Locator;
  readonly tooltip: Locator;
  /** What a screen reader is told about the point the keyboard is on. */
  readonly announcement: Locator;
  readonly pinnedTable: Locator;
  readonly caution: Locator;
  readonly rowsToCount: Locator;
  readonly countButton: Locator;
  readonly passResult: Locator;
  readonly histogram: Locator;
  readonly exportCsvButton: Locator;
  readonly exportPngButton: Locator;

  constructor(private readonly page: Page) {
    const button = (name: string | RegExp) =>
      page.getByRole('button', { name, exact: typeof name === 'string' });
    this.heading = page.getByRole('heading', { name: 'Discriminator verdicts', exact: true });
    this.map = page.getByRole('img', { name: 't-SNE map', exact: true });
    this.computeButton = button(/^(Compute|Recompute) map$/);
    this.takeSnapshotButton = button('Take snapshot');
    this.previousSnapshot = button('Previous snapshot');
    this.nextSnapshot = button('Next snapshot');
    this.snapshotText = page.getByText(/^Snapshot \d+ of \d+ · step [\d,]+$/);
    this.progress = page.getByRole('progressbar', { name: 't-SNE progress', exact: true });
    this.tooltip = page.getByRole('tooltip');
    this.announcement = page.locator('.verdict-map [aria-live]');
    this.pinnedTable = page.getByRole('table', { name: 'Pinned row', exact: true });
    this.caution = page.getByText(/sizes of clusters and the distances between them mean little/);
    this.rowsToCount = page.getByLabel('Rows to count', { exact: true });
    this.countButton = button(/^Generate \d+ and count$/);
    this.passResult = page.getByRole('status', { name: 'Pass count', exact: true });
    this.histogram = page.getByRole('img', { name: 'Discriminator scores', exact: true });
    this.exportCsvButton = button('Export scored rows (CSV)');
    this.exportPngButton = button('Export map (PNG)');
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** How many points of each kind the map draws (its data-*-count attributes). */
  async counts(): Promise<Record<PointRole, number>> {
    const read = async (role: PointRole) => Number(await this.map.getAttribute(`data-${role}-count`));
    return { real: await read('real'), fooled: await read('fooled'), rejected: await read('rejected') };
  }

  /** Computes the map of the selected snapshot and waits until it is drawn. */
  async computeMap(): Promise<void> {
    await expect(this.snapshotText).toBeVisible();
    await this.computeButton.click();
    await expect
      .poll(async () => (await this.counts()).real, { message: 'real points on the map' })
      .toBeGreaterThan(0);
    await expect(this.progress).toBeHidden();
  }

  /**
   * Where on the canvas (CSS pixels from its top left) a point of this kind is drawn, found from the
   * pixels themselves; null when no pixel has that colour. Generated points are drawn opaque, so their
   * centres have exactly their colour.
   */
  async findPoint(role: PointRole): Promise<{ x: number; y: number } | null> {
    return this.map.evaluate((element, rgb) => {
      const canvas = element as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) return null;
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const at = 4 * (y * width + x);
          const close = [0, 1, 2].every((c) => Math.abs(data[at + c]! - rgb[c]!) <= 2);
          // The centre of a dot: the pixels around it have the same colour.
          const right = 4 * (y * width + Math.min(width - 1, x + 1));
          const below = 4 * (Math.min(height - 1, y + 1) * width + x);
          const same = (i: number) => [0, 1, 2].every((c) => Math.abs(data[i + c]! - rgb[c]!) <= 2);
          if (close && same(right) && same(below)) return { x: (x + 1) / ratio, y: (y + 1) / ratio };
        }
      }
      return null;
    }, ROLE_RGB[role]);
  }

  /** Moves the mouse onto a drawn point of this kind; fails when there is none. */
  async hoverPoint(role: PointRole): Promise<void> {
    const point = await this.findPoint(role);
    expect(point, `a ${role} point drawn on the map`).not.toBeNull();
    await this.map.hover({ position: point! });
  }

  async clickPoint(role: PointRole): Promise<void> {
    const point = await this.findPoint(role);
    expect(point, `a ${role} point drawn on the map`).not.toBeNull();
    await this.map.click({ position: point! });
  }

  /** Runs "Generate N and count" and returns k of "k of N passed". */
  async passCount(rows: number): Promise<number> {
    await this.rowsToCount.fill(String(rows));
    await this.page.getByRole('button', { name: `Generate ${rows} and count`, exact: true }).click();
    await expect(this.passResult).toContainText(new RegExp(`\\d+ of ${rows} passed`));
    const match = /(\d+) of \d+ passed/.exec((await this.passResult.textContent()) ?? '');
    return Number(match?.[1]);
  }

  async download(button: Locator): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await button.click();
    return download;
  }
}
