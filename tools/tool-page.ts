/**
 * What `npm run bench` and `npm run accuracy` share: a page of the repository opened in headless Chrome with
 * WebGPU, page errors forwarded to stderr, and a progress line.
 */
import type { Page } from 'puppeteer';
import { launchChrome, startPageServer } from './chrome.js';

export interface ToolPage {
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Opens `path` (e.g. '/bench/index.html'), exposes `progressName` to it as a function that prints progress, and
 * waits until `readyName` exists on `window`.
 */
export async function openToolPage<Progress>(
  path: string,
  readyName: string,
  progressName: string,
  describeProgress: (progress: Progress) => { percent: number; line: string },
): Promise<ToolPage> {
  const server = await startPageServer();
  const browser = await launchChrome({ protocolTimeout: 0 });
  const close = async (): Promise<void> => {
    await browser.close();
    await server.close();
  };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') console.error(`page: ${message.text()}`);
    });
    const interactive = process.stderr.isTTY;
    const started = Date.now();
    let lastPercent = -10;
    await page.exposeFunction(progressName, (progress: Progress) => {
      const { percent, line } = describeProgress(progress);
      const text = `[${String(percent).padStart(3)}%  ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`;
      // A line that rewrites itself on a terminal; one line every 10 % in a log.
      if (interactive) process.stderr.write(`\r\x1b[K${text}${percent >= 100 ? '\n' : ''}`);
      else if (percent >= lastPercent + 10 || percent >= 100) {
        process.stderr.write(`${text}\n`);
        lastPercent = percent;
      }
    });
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction((name) => name in window, { timeout: 120_000 }, readyName);
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
