import { expect } from '@playwright/test';
import type { Download, Locator, Page } from '@playwright/test';
import { ROLE_LABELS } from '../app/components/verdicts/mapModel';

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
   * Where on the canvas (CSS pixels from its top left) the points of this kind are drawn, found from the
   * pixels themselves: the centres of the blobs of exactly their colour, fullest first (a blob half hidden
   * under another point is a poor place to hover). Generated points are drawn opaque, so their pixels have
   * exactly their colour. Empty when no pixel has it.
   */
  async findPoints(role: PointRole): Promise<{ x: number; y: number }[]> {
    return this.map.evaluate((element, rgb) => {
      const canvas = element as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) return [];
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const coloured = (p: number) => [0, 1, 2].every((c) => Math.abs(data[4 * p + c]! - rgb[c]!) <= 2);
      const seen = new Uint8Array(width * height);
      const blobs: { x: number; y: number; size: number }[] = [];
      for (let start = 0; start < width * height; start++) {
        if (seen[start] || !coloured(start)) continue;
        // Flood fill one blob and take its centroid.
        let sumX = 0;
        let sumY = 0;
        let size = 0;
        const stack = [start];
        seen[start] = 1;
        while (stack.length > 0) {
          const p = stack.pop()!;
          const x = p % width;
          const y = (p - x) / width;
          sumX += x;
          sumY += y;
          size++;
          const next = [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width];
          for (const q of next) {
            if (q < 0 || q >= width * height || seen[q] || !coloured(q)) continue;
            seen[q] = 1;
            stack.push(q);
          }
        }
        blobs.push({ x: (sumX / size + 0.5) / ratio, y: (sumY / size + 0.5) / ratio, size });
      }
      return blobs.sort((a, b) => b.size - a.size).map(({ x, y }) => ({ x, y }));
    }, ROLE_RGB[role]);
  }

  /** The first of findPoints, or null. */
  async findPoint(role: PointRole): Promise<{ x: number; y: number } | null> {
    return (await this.findPoints(role))[0] ?? null;
  }

  /**
   * Moves the mouse onto a drawn point of this kind and returns where; fails when there is none. Points
   * overlap, and the map picks the nearest to the mouse, so each blob is tried until the tooltip names
   * this kind.
   */
  async hoverPoint(role: PointRole): Promise<{ x: number; y: number }> {
    const points = await this.findPoints(role);
    expect(points.length, `a ${role} point drawn on the map`).toBeGreaterThan(0);
    for (const point of points.slice(0, 20)) {
      await this.map.hover({ position: point });
      const names = new RegExp(`^${ROLE_LABELS[role]}`);
      const named = await expect(this.tooltip)
        .toHaveText(names, { timeout: 1000 })
        .then(() => true)
        .catch(() => false);
      if (named) return point;
    }
    // None of them answered: hover the fullest so the caller's assertion shows what the map says.
    await this.map.hover({ position: points[0]! });
    return points[0]!;
  }

  async clickPoint(role: PointRole): Promise<void> {
    await this.map.click({ position: await this.hoverPoint(role) });
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
