/**
 * What `npm run bench`, `npm run accuracy` and `npm run fuzz` share: a page of the repository opened in its own
 * headless browser (Chrome or Firefox) with WebGPU, page errors forwarded to stderr, and a progress line.
 */
import { type BrowserName, launchBrowser } from './browsers.js';
import { startPageServer } from './page-server.js';
import { type OpenedPage, openPage } from './page.js';
import { progressPrinter } from './progress.js';

export interface ToolPage extends OpenedPage {
  /** Closes the page, the browser and the server. */
  close(): Promise<void>;
}

/**
 * Opens `path` (e.g. '/bench/index.html') in `browserName`, exposes `progressName` to it as a function that prints
 * progress, and waits until `readyName` exists on `window`.
 */
export async function openToolPage<Progress>(
  path: string,
  readyName: string,
  progressName: string,
  describeProgress: (progress: Progress) => { percent: number; line: string },
  browserName: BrowserName = 'chrome',
): Promise<ToolPage> {
  const server = await startPageServer();
  const browser = await launchBrowser(browserName, { protocolTimeout: 0 });
  const closeAll = async (): Promise<void> => {
    await browser.close();
    await server.close();
  };
  try {
    const report = progressPrinter(describeProgress);
    const opened = await openPage(browser, `${server.url}${path}`, {
      ready: readyName,
      timeout: 120_000,
      beforeLoad: async (page) => {
        page.on('pageerror', (error) => console.error(`page error: ${String(error)}`));
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warn') console.error(`page: ${message.text()}`);
        });
        await page.exposeFunction(progressName, report);
      },
    });
    return { ...opened, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
