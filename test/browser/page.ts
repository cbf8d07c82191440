/** Node-side helpers: open the harness page in the suite's Chrome and call into it. */
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const HARNESS_PATH = '/test/browser/harness.html';
export const TFJS_HARNESS_PATH = '/test/browser/tfjs.html';

export async function waitForHarness(page: Page, ready = 'harness', failed = 'harnessError'): Promise<void> {
  await page.waitForFunction(
    (r, f) => (window as unknown as Record<string, unknown>)[r] !== undefined || (window as unknown as Record<string, unknown>)[f] !== undefined,
    { timeout: 60_000 },
    ready,
    failed,
  );
  const failure = await page.evaluate((f) => (window as unknown as Record<string, unknown>)[f], failed);
  if (failure !== undefined) throw new Error(`the test harness did not load: ${String(failure)}`);
}

export interface HarnessPage {
  readonly page: Page;
  /** Messages the page logged as errors, and uncaught exceptions: a test fails when there are any. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/** Opens `path` in the suite's Chrome and waits until the page has set `window[ready]` (or `window[failed]`). */
async function openPage(path: string, ready: string, failed: string): Promise<HarnessPage> {
  const { wsEndpoint, url } = inject('chrome');
  const browser: Browser = await puppeteer.connect({ browserWSEndpoint: wsEndpoint, protocolTimeout: 600_000 });
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${url}${path}`);
  await waitForHarness(page, ready, failed);
  return {
    page,
    pageErrors,
    close: async () => {
      await page.close();
      await browser.disconnect();
    },
  };
}

/** Opens the harness on the library's source ('src') or on the built bundle ('dist'). */
export function openHarness(lib: 'src' | 'dist'): Promise<HarnessPage> {
  return openPage(`${HARNESS_PATH}${lib === 'dist' ? '?lib=dist' : ''}`, 'harness', 'harnessError');
}

/** Opens the TF.js harness: dist/tfjs.js inside TF.js's WebGPU backend (`window.tfjsHarness`). */
export function openTfjsHarness(): Promise<HarnessPage> {
  return openPage(TFJS_HARNESS_PATH, 'tfjsHarness', 'tfjsHarnessError');
}

/**
 * Opens the harness before the tests of the enclosing describe block and closes it after them, failing if the
 * page logged an error. Returns a getter, since the page exists only once the hook has run.
 */
export function useHarness(lib: 'src' | 'dist'): () => HarnessPage {
  let harness: HarnessPage | undefined;
  beforeAll(async () => {
    harness = await openHarness(lib);
  });
  afterAll(async () => {
    expect(harness?.pageErrors, 'errors logged by the page').toEqual([]);
    await harness?.close();
  });
  return () => {
    if (harness === undefined) throw new Error('useHarness: the page is not open yet (use it inside a test)');
    return harness;
  };
}
