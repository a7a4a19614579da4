import { test as base, expect } from '@playwright/test';
import type { Request } from '@playwright/test';
import { Playground } from './playground';

export { expect };

interface Fixtures {
  /** The page object, not yet opened: call `playground.open()`. */
  playground: Playground;
  /** Every URL the browser context requested during the test (page and workers), in order. */
  requests: string[];
}

/** True when `url` stays on `origin`: the same origin, or a data: URL (blob: URLs carry their creator's origin). */
export function isSameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

export const test = base.extend<Fixtures>({
  // Automatic: every test fails if anything reached past the page's own origin (the machine is offline,
  // and the app promises that nothing is uploaded).
  requests: [
    async ({ context, baseURL }, use) => {
      const urls: string[] = [];
      const record = (request: Request) => urls.push(request.url());
      // A request the Content-Security-Policy refused never left the browser (e2e/safety.spec.ts).
      const refused = (request: Request) => {
        const at = urls.indexOf(request.url());
        if (request.failure()?.errorText === 'csp' && at >= 0) urls.splice(at, 1);
      };
      context.on('request', record);
      context.on('requestfailed', refused);
      await use(urls);
      context.off('request', record);
      context.off('requestfailed', refused);
      const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
      const foreign = urls.filter((url) => !isSameOrigin(url, origin));
      expect(foreign, `requests outside ${origin}`).toEqual([]);
    },
    { auto: true },
  ],
  playground: async ({ page }, use) => {
    await use(new Playground(page));
  },
});
