/**
 * What the training worker holds, read from outside as a test or benchmark sees it: its tfjs tensor
 * count (the worker's `engineDiagnostics()` hook) and its JS heap after a forced collection, through
 * the DevTools protocol. The heap is read there rather than in the worker because
 * `performance.measureUserAgentSpecificMemory()` exists only in a cross-origin-isolated page (this app
 * is not: docs/benchmarks.md, threads) and `performance.memory` is not exposed in workers, is rounded,
 * and counts garbage not yet collected.
 */
import type { Page, Worker } from '@playwright/test';

/** The worker's tensor count (its engineDiagnostics()) and JS heap after a GC (DevTools protocol). */
export async function workerDiagnostics(
  page: Page,
  worker: Worker,
): Promise<{ tensors: number; heapBytes: number | null }> {
  const { tensors } = await worker.evaluate(() => {
    const read = (globalThis as unknown as { engineDiagnostics?: () => { tensors: number } })
      .engineDiagnostics;
    if (!read) throw new Error('the worker exposes no engineDiagnostics()');
    return read();
  });
  return { tensors, heapBytes: await workerHeap(page, 'engine.worker') };
}

/** Used JS heap of a dedicated worker after a forced collection. */
export async function workerHeap(page: Page, urlPart: string): Promise<number | null> {
  const worker = await attachWorker(page, urlPart);
  if (!worker) return null;
  try {
    await worker.call('HeapProfiler.collectGarbage');
    const usage = (await worker.call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  } catch {
    return null;
  } finally {
    await worker.detach();
  }
}

/** DevTools commands to a dedicated worker, or null when it is not found. */
export interface WorkerSession {
  call(method: string): Promise<unknown>;
  detach(): Promise<void>;
}

/**
 * Playwright offers no DevTools session on a worker, so the page's session attaches to it and relays
 * the commands (Target.sendMessageToTarget).
 */
export async function attachWorker(page: Page, urlPart: string): Promise<WorkerSession | null> {
  const cdp = await page.context().newCDPSession(page);
  let session: string | null = null;
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker' && e.targetInfo.url.includes(urlPart)) session = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
  });
  const detach = () => cdp.detach().catch(() => undefined);
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  for (let i = 0; i < 20 && !session; i++) await page.waitForTimeout(50);
  if (!session) {
    await detach();
    return null;
  }
  const target = session;
  const call = (method: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      replies.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId: target,
        message: JSON.stringify({ id, method }),
      });
    });
  return { call, detach };
}
