import { expect, test } from './fixtures';

/*
 * A lost GPU device is survived as a dead worker is: the page moves the run to a new worker on the
 * next backend (never the lost one), reloads the table and resumes from the last checkpoint. The device
 * is destroyed for real, through the worker's `loseGpuDevice` hook. Chromium runs WebGPU here on
 * SwiftShader (--enable-unsafe-webgpu, playwright.config.ts); where it cannot, the test says so and skips.
 */
test('gpu loss: training moves to the next backend and resumes from its checkpoint', async ({
  playground,
  page,
}) => {
  test.setTimeout(240_000);
  const { header, training } = playground;
  await playground.open();
  await expect(header.backendText).toBeVisible({ timeout: 60_000 });
  // A small model: a step on SwiftShader's WebGPU takes seconds at the defaults.
  await playground.model.batchSize.fill('16');
  await playground.model.epochs.fill('2000');

  await header.backendSelect.selectOption('webgpu');
  const refused = playground.alert(/Backend webgpu/);
  const switched = header.backendText.filter({ hasText: /Backend:\s*webgpu/ });
  await expect(switched.or(refused)).toBeVisible({ timeout: 90_000 });
  if (await refused.isVisible()) {
    const why = await refused.textContent();
    console.warn(`GPU-loss test skipped: this Chromium cannot train on WebGPU (${why})`);
    test.skip(true, `WebGPU cannot train here: ${why}`);
  }

  // A checkpoint past the start: train a step or two (seconds each here), pause (every pause
  // checkpoints), train on.
  await training.train();
  await expect.poll(() => training.stepsDone(), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  await training.pause();
  const checkpointed = await training.stepsDone();
  await training.resumeButton.click();
  await training.expectStatus('Training');

  const engine = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(engine, 'the training worker runs').toBeTruthy();
  await engine!.evaluate(() => (self as unknown as { loseGpuDevice: () => void }).loseGpuDevice());

  const notice = playground.alert(
    /The training worker left webgpu: WebGPU lost its GPU device \(destroyed.*a new one took over from step [\d,]+ on (webgl|wasm|cpu)\./,
  );
  await expect(notice).toBeVisible({ timeout: 60_000 });
  const text = (await notice.textContent()) ?? '';
  console.log(`gpu loss: ${text}`);
  expect(Number(/from step ([\d,]+)/.exec(text)![1]!.replace(/,/g, ''))).toBe(checkpointed);
  const next = /on (webgl|wasm|cpu)\./.exec(text)![1]!;
  await expect(header.backendText).toHaveText(new RegExp(`Backend:\\s*${next}`));
  await expect(header.backendText).toHaveAttribute('title', /webgpu left out, having failed on this page/);
  await training.expectStatus('Training');
  await expect.poll(() => training.stepsDone(), { timeout: 60_000 }).toBeGreaterThan(checkpointed + 20);
});
