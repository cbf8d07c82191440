/**
 * Starts one Vite server and one headless Chrome for the whole browser suite, logs the WebGPU adapter, and hands
 * the browser's endpoint to the test files. With no adapter at all the suite skips, except in CI (CI=true),
 * where an adapter must exist and its absence fails the run.
 */
import type { TestProject } from 'vitest/node';
import { launchChrome, startPageServer } from '../../tools/chrome.js';
import type { AdapterDescription } from './gpu-harness.js';
import { HARNESS_PATH, waitForHarness } from './page.js';
import { readmeExamplePlugin } from './readme-example.js';

declare module 'vitest' {
  export interface ProvidedContext {
    chrome: { wsEndpoint: string; url: string; adapter: AdapterDescription | null };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPageServer({ plugins: [readmeExamplePlugin()] });
  const browser = await launchChrome();
  const page = await browser.newPage();
  await page.goto(`${server.url}${HARNESS_PATH}`);
  await waitForHarness(page);
  const adapter = await page.evaluate(() => window.harness?.describeAdapter() ?? null);
  await page.close();

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
