/**
 * Node side: a page of the repository in headless Chrome, with its console errors and uncaught exceptions
 * collected (a test or a CLI fails on them), its logs kept apart, and a wait until the page says it is ready by
 * setting a global (or says why it is not, by setting another).
 */
import type { Browser, Page } from 'puppeteer';

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** console.log lines, without the Vite client's own. */
  readonly logs: string[];
  /** Closes the page (not the browser). */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Wait until `window[ready]` is defined… */
  ready?: string;
  /** …or `window[failed]` is, and then throw its value. */
  failed?: string;
  /** For the wait, ms (default 60 s). */
  timeout?: number;
  viewport?: { width: number; height: number };
  /** Runs on the new page before it loads (to expose functions to it, say). */
  beforeLoad?: (page: Page) => Promise<void>;
}

export async function openPage(browser: Browser, url: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const logs: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('[vite]')) return;
    if (message.type() === 'error') errors.push(message.text());
    else if (message.type() === 'log') logs.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    if (options.viewport) await page.setViewport(options.viewport);
    await options.beforeLoad?.(page);
    await page.goto(url);
    const { ready, failed = `${ready}Error` } = options;
    if (ready !== undefined) {
      await page.waitForFunction(
        (r, f) => {
          const globals = window as unknown as Record<string, unknown>;
          return globals[r] !== undefined || globals[f] !== undefined;
        },
        { timeout: options.timeout ?? 60_000 },
        ready,
        failed,
      );
      const failure = await page.evaluate((f) => (window as unknown as Record<string, unknown>)[f], failed);
      if (failure !== undefined) throw new Error(`${url}: the page did not start: ${String(failure)}`);
    }
  } catch (error) {
    await page.close();
    throw error;
  }
  return { page, errors, logs, close: () => page.close() };
}
