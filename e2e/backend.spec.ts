import { expect, test } from './fixtures';

/* The backend choice is remembered per browser (IndexedDB in the worker) and checked again on return. */

test('remembers the probed backend and checks it with a training step on the next visit', async ({
  playground,
}) => {
  const { header, page } = playground;
  await playground.open();
  // Probed: the fastest here, or WebGPU on a machine with a real GPU.
  await expect(header.backendText).toHaveAttribute('title', /fastest in a timed probe|real GPU adapter/);
  const first = await header.backendSelect.inputValue();

  await page.reload();
  await expect(header.backendText).toHaveAttribute(
    'title',
    /(fastest in a timed probe|real GPU adapter).*remembered from an earlier visit and checked with a training step/,
  );
  await expect(header.backendSelect).toHaveValue(first);
});

test("remembers the user's own choice over the probe", async ({ playground }) => {
  const { header, page } = playground;
  await playground.open();
  await expect(header.backendText).toBeVisible();
  await header.backendSelect.selectOption('cpu');
  await expect(header.backendText).toHaveText(/Backend:\s*cpu/);

  await page.reload();
  await expect(header.backendText).toHaveText(/Backend:\s*cpu/);
  await expect(header.backendText).toHaveAttribute(
    'title',
    /chosen by you.*remembered from an earlier visit/,
  );
});
