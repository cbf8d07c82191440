/** Node side: pages of the repository in the suite's one headless Chrome (started by global-setup.ts). */
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { type OpenedPage, type OpenOptions, openPage } from '../../common/page.js';

/** The page-side harness (test/harness/): `window.harness`, on the source or on dist with `?lib=dist`. */
export const HARNESS_PATH = '/test/harness/index.html';
/** The TF.js harness (test/harness/tfjs/): `window.tfjsHarness`, on dist/tfjs.js. */
export const TFJS_HARNESS_PATH = '/test/harness/tfjs/index.html';

/** Opens `path` in the suite's Chrome; close() closes the page and lets go of the browser. */
export async function openSuitePage(path: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const { wsEndpoint, url } = inject('chrome');
  const browser = await puppeteer.connect({ browserWSEndpoint: wsEndpoint, protocolTimeout: 600_000 });
  try {
    const opened = await openPage(browser, `${url}${path}`, options);
    return {
      ...opened,
      close: async () => {
        await opened.close();
        await browser.disconnect();
      },
    };
  } catch (error) {
    await browser.disconnect();
    throw error;
  }
}

/** The harness on the library's source ('src') or on the built bundle ('dist'). */
export function openHarness(lib: 'src' | 'dist'): Promise<OpenedPage> {
  return openSuitePage(`${HARNESS_PATH}${lib === 'dist' ? '?lib=dist' : ''}`, { ready: 'harness', failed: 'harnessError' });
}

/** The TF.js harness: dist/tfjs.js inside TF.js's WebGPU backend. */
export function openTfjsHarness(): Promise<OpenedPage> {
  return openSuitePage(TFJS_HARNESS_PATH, { ready: 'tfjsHarness', failed: 'tfjsHarnessError' });
}

/**
 * Opens the harness before the tests of the enclosing describe block and closes it after them, failing if the page
 * logged an error. Returns a getter, since the page exists only once the hook has run.
 */
export function useHarness(lib: 'src' | 'dist'): () => OpenedPage {
  let harness: OpenedPage | undefined;
  beforeAll(async () => {
    harness = await openHarness(lib);
  });
  afterAll(async () => {
    expect(harness?.errors, 'errors logged by the page').toEqual([]);
    await harness?.close();
  });
  return () => {
    if (harness === undefined) throw new Error('useHarness: the page is not open yet (use it inside a test)');
    return harness;
  };
}
