import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { gardenArff, mixedCsv, raggedCsv } from './tables';
import { Playground, type UploadFile } from './playground';

/** Drops `file` on the Data panel as a user dragging it from their desktop would. */
async function dropFile(page: Page, file: UploadFile): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, type, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type }));
      return data;
    },
    { name: file.name, type: file.mimeType, text: file.buffer.toString('utf8') },
  );
  await page.locator('section.data-panel').dispatchEvent('drop', { dataTransfer: transfer });
}

/** The Data panel keeps showing `name` for a while, in the page and in the worker. */
async function expectStays(page: Page, name: string, rows: number): Promise<void> {
  const summary = page.getByText(/·\s*[\d,]+\s+rows?\s*·/);
  // Longer than the default demo takes to load on a slow machine.
  await page.waitForTimeout(3000);
  await expect(summary).toContainText(name);
  // A round trip through the worker: its reply describes the table it holds (the forms fold once a
  // table is loaded: unfolded first).
  await new Playground(page).showForms();
  await page.getByLabel('Held-out share', { exact: true }).selectOption('0.3');
  await expect(page.getByText(/Held out: \d+ of [\d,]+ rows \(30/)).toContainText(`of ${rows} rows`);
  await expect(summary).toContainText(name);
}

test('loading: a file chosen at once after the page opens is shown within 10 s and stays', async ({
  playground,
  page,
}) => {
  await page.goto('/');
  await playground.data.upload(mixedCsv(60, 'early.csv'));
  await expect(playground.data.summary).toContainText(/early\.csv\s*·\s*60 rows/, { timeout: 10_000 });
  await expectStays(page, 'early.csv', 60);
});

test('loading: a file dropped at once after the page opens is shown within 10 s and stays', async ({
  playground,
  page,
}) => {
  await page.goto('/');
  await dropFile(page, gardenArff('dropped.arff'));
  await expect(playground.data.summary).toContainText(/dropped\.arff\s*·\s*24 rows/, { timeout: 10_000 });
  await expectStays(page, 'dropped.arff', 24);
});

test('loading: the newer of two files chosen in a row wins', async ({ playground, page }) => {
  await page.goto('/');
  await playground.data.upload(mixedCsv(400, 'older.csv'));
  await playground.data.upload(mixedCsv(60, 'newer.csv'));
  await expect(playground.data.summary).toContainText(/newer\.csv\s*·\s*60 rows/, { timeout: 10_000 });
  await expectStays(page, 'newer.csv', 60);
});

for (const rows of [1, 3, 40_000]) {
  test(`loading: after a file that cannot be read (${rows} rows), the status line ends in a message`, async ({
    playground,
    page,
  }) => {
    await playground.open();
    const name = `ragged-${rows}.csv`;
    await playground.data.upload(raggedCsv(rows, name));
    await expect(playground.alert(name)).toContainText(`line ${rows + 2}`);
    // Progress travels on its own channel and can land after the reply: wait for stragglers.
    await page.waitForTimeout(1000);
    await expect(page.getByText(/^Reading /)).toHaveCount(0);
    await playground.data.expectLoaded('penguins.csv', 344);
  });
}

test('loading: a table over the cell budget shows a progress bar, then a seeded sample and a note', async ({
  playground,
  page,
}) => {
  // 30,000 rows of 81 short columns: 2.4 million cells, over the 2 million the worker keeps.
  const columns = [...Array.from({ length: 80 }, (_, c) => `c${c}`), 'label'];
  const rows = Array.from({ length: 30_000 }, (_, r) =>
    [...Array.from({ length: 80 }, (_, c) => (r * 7 + c) % 10), r % 3 ? 'a' : 'b'].join(','),
  );
  const text = [columns.join(','), ...rows].join('\n');
  await playground.open();
  const progress = page.getByLabel('Reading file');
  await playground.data.upload({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(progress).toBeVisible();
  // floor(2,000,000 / 81) rows are kept, sampled with the Seed setting.
  const seed = await playground.model.seed.inputValue();
  await expect(playground.data.summary).toContainText(/wide\.csv\s*·\s*24,691 rows/, { timeout: 60_000 });
  await expect(page.getByText('30,000 rows read')).toContainText(
    `wide.csv: 30,000 rows read; a seeded sample of 24,691 (seed ${seed}) is used, to keep memory bounded.`,
  );
  await expect(progress).toBeHidden();
});

test('loading: a 12 MB file chosen with the forms folded shows its progress bar there, then loads', async ({
  playground,
  page,
}) => {
  test.setTimeout(120_000);
  // 8 columns, numbers and levels, about 80 bytes a row: 12 MB, under the cell budget (every row kept).
  const levels = ['north', 'south', 'east', 'west', 'centre'];
  const lines = ['id,age,height,weight,region,score,visits,label'];
  let bytes = lines[0]!.length;
  for (let r = 0; bytes < 12 * 1024 * 1024; r++) {
    const line = [
      r,
      18 + ((r * 37) % 60),
      (150 + ((r * 7919) % 500) / 10).toFixed(1),
      (45 + ((r * 104_729) % 700) / 10).toFixed(1),
      levels[(r * 13) % 5],
      ((r * 2_654_435_761) % 1_000_003) / 1_000_003,
      (r * 31) % 17,
      r % 3 === 0 ? 'yes' : 'no',
    ].join(',');
    lines.push(line);
    bytes += line.length + 1;
  }
  const rows = lines.length - 1;
  await playground.openToWatch();
  await expect(page.getByRole('button', { name: 'Show data and settings' })).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Reading file' });
  await playground.data.upload({
    name: 'big.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n')),
  });
  // The Data panel is folded away: its bar shows on the folded line.
  await expect(bar).toBeVisible();
  await expect(page.locator('.forms-bar')).toContainText(
    `Data big.csv, ${rows.toLocaleString('en')} rows, target label`,
    { timeout: 90_000 },
  );
  await expect(bar).toBeHidden();
});
