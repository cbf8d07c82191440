/** Node side: pages of the repository in the project's one headless browser (started by global-setup.ts). */
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { type OpenedPage, type OpenOptions, openPage } from '../../common/page.js';

/** The page-side harness (test/harness/): `window.harness`, on the source or on dist with `?lib=dist`. */
export const HARNESS_PATH = '/test/harness/index.html';
/** The TF.js harness (test/harness/tfjs/): `window.tfjsHarness`, on dist/tfjs.js. */
const TFJS_HARNESS_PATH = '/test/harness/tfjs/index.html';

/**
 * One connection to the project's browser per test file, shared by the pages it has open and closed with the last
 * of them: Firefox's WebDriver BiDi allows one session at a time (the suite's files run one after another).
 */
let connection: { browser: Promise<Browser>; pages: number } | undefined;

function connect(): { browser: Promise<Browser>; release(): Promise<void> } {
  const { name, wsEndpoint } = inject('browser');
  connection ??= {
    browser: puppeteer.connect({
      browserWSEndpoint: wsEndpoint,
      protocolTimeout: 600_000,
      // Puppeteer drives Firefox over WebDriver BiDi, Chrome over the DevTools protocol.
      ...(name === 'firefox' ? { protocol: 'webDriverBiDi' as const } : {}),
    }),
    pages: 0,
  };
  const held = connection;
  held.pages++;
  return {
    browser: held.browser,
    async release() {
      held.pages--;
      if (held.pages > 0) return;
      if (connection === held) connection = undefined;
      await (await held.browser).disconnect();
    },
  };
}

/** Opens `path` in the project's browser; close() closes the page (and the connection with the last page). */
export async function openSuitePage(path: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const { url } = inject('browser');
  const { browser, release } = connect();
  try {
    const opened = await openPage(await browser, `${url}${path}`, options);
    return {
      ...opened,
      close: async () => {
        await opened.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The harness on the library's source ('src') or on the built bundle ('dist'). */
export function openHarness(lib: 'src' | 'dist'): Promise<OpenedPage> {
  return openSuitePage(`${HARNESS_PATH}${lib === 'dist' ? '?lib=dist' : ''}`, { ready: 'harness', failed: 'harnessError' });
}

/** The TF.js harness: dist/tfjs.js inside TF.js's WebGPU backend. */
function openTfjsHarness(): Promise<OpenedPage> {
  return openSuitePage(TFJS_HARNESS_PATH, { ready: 'tfjsHarness', failed: 'tfjsHarnessError' });
}

/**
 * A fresh TF.js harness page for every test of the enclosing describe block (registerMish() and the backend state are
 * global to a page), failing a test whose page logged an error. Returns a getter of the page.
 */
export function useFreshTfjsHarness(): () => OpenedPage['page'] {
  let harness: OpenedPage | undefined;
  beforeEach(async () => {
    harness = await openTfjsHarness();
  });
  afterEach(async () => {
    expect(harness?.errors, 'errors logged by the page').toEqual([]);
    await harness?.close();
  });
  return () => {
    if (harness === undefined) throw new Error('useFreshTfjsHarness: the page is not open yet (use it inside a test)');
    return harness.page;
  };
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
