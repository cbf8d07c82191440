/**
 * Starts one Vite server and one headless Chrome for the whole browser suite, logs the WebGPU adapter, and hands
 * the browser's endpoint to the test files. With no adapter at all the suite skips, except in CI (CI=true),
 * where an adapter must exist and its absence fails the run.
 */
import type { TestProject } from 'vitest/node';
import type { AdapterDescription } from '../../common/adapter.js';
import { launchChrome, startPageServer } from '../../common/chrome.js';
import { openPage } from '../../common/page.js';
import type {} from '../harness/entry.js';
import { HARNESS_PATH } from './page.js';
import { readmeExamplePlugin } from './readme-example.js';

declare module 'vitest' {
  export interface ProvidedContext {
    chrome: { wsEndpoint: string; url: string; adapter: AdapterDescription | null };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPageServer({ plugins: [readmeExamplePlugin()] });
  const browser = await launchChrome();
  const { page, close } = await openPage(browser, `${server.url}${HARNESS_PATH}`, { ready: 'harness', failed: 'harnessError' });
  const adapter = await page.evaluate(() => window.harness?.describeAdapter() ?? null);
  await close();

  if (adapter === null) {
    const message = 'browser suite: this browser offers no WebGPU adapter (navigator.gpu.requestAdapter() is null)';
    if (process.env.CI) {
      await browser.close();
      await server.close();
      throw new Error(`${message}; CI needs one (Chromium with --enable-unsafe-webgpu provides SwiftShader)`);
    }
    console.warn(`${message}; the GPU tests are skipped`);
  } else {
    console.log(
      `WebGPU adapter (${await browser.version()}): vendor=${adapter.vendor} architecture=${adapter.architecture} ` +
        `device=${adapter.device || '-'} description=${adapter.description || '-'} ` +
        `fallback=${adapter.isFallbackAdapter} features=[${adapter.features.join(', ')}]`,
    );
  }
  project.provide('chrome', { wsEndpoint: browser.wsEndpoint(), url: server.url, adapter });
  return async () => {
    await browser.close();
    await server.close();
  };
}
