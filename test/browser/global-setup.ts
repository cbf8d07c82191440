/**
 * Starts one Vite server and one headless browser for the whole browser suite of a Vitest project (Chrome for
 * `browser (Chrome)`, Firefox for `browser (Firefox)`: vitest.config.ts), logs the WebGPU adapter, and hands the
 * browser's endpoint to the test files. With no adapter at all the suite skips, except in CI (CI=true), where an
 * adapter must exist and its absence fails the run.
 */
import type { TestProject } from 'vitest/node';
import type { AdapterDescription } from '../../common/adapter.js';
import { BROWSER_LABELS, type BrowserName, launchBrowser } from '../../common/browsers.js';
import { startPageServer } from '../../common/page-server.js';
import { openPage } from '../../common/page.js';
import type {} from '../harness/entry.js';
import { HARNESS_PATH } from './page.js';
import { readmeExamplePlugin } from './readme-example.js';

declare module 'vitest' {
  export interface ProvidedContext {
    browser: { name: BrowserName; wsEndpoint: string; url: string; adapter: AdapterDescription | null };
  }
}

/** The browser of a project named `browser (Chrome)` or `browser (Firefox)`. */
function browserOf(project: TestProject): BrowserName {
  const name = (Object.keys(BROWSER_LABELS) as BrowserName[]).find((b) => project.name === `browser (${BROWSER_LABELS[b]})`);
  if (name === undefined) throw new Error(`global-setup: project "${project.name}" names no browser we run`);
  return name;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = browserOf(project);
  const server = await startPageServer({ plugins: [readmeExamplePlugin()] });
  const browser = await launchBrowser(name);
  const { page, close } = await openPage(browser, `${server.url}${HARNESS_PATH}`, { ready: 'harness', failed: 'harnessError' });
  const adapter = await page.evaluate(() => window.harness?.describeAdapter() ?? null);
  await close();

  if (adapter === null) {
    const message = `browser suite: ${BROWSER_LABELS[name]} offers no WebGPU adapter (navigator.gpu.requestAdapter() is null)`;
    if (process.env.CI) {
      await browser.close();
      await server.close();
      throw new Error(
        `${message}; CI needs one (Chromium with --enable-unsafe-webgpu provides SwiftShader; Firefox ESR with ` +
          'dom.webgpu.enabled provides llvmpipe from mesa-vulkan-drivers)',
      );
    }
    console.warn(`${message}; the GPU tests are skipped`);
  } else {
    console.log(
      `WebGPU adapter (${await browser.version()}): vendor=${adapter.vendor || '-'} architecture=${adapter.architecture || '-'} ` +
        `device=${adapter.device || '-'} description=${adapter.description || '-'} ` +
        `fallback=${adapter.isFallbackAdapter} features=[${adapter.features.join(', ')}]`,
    );
  }
  const wsEndpoint = browser.wsEndpoint();
  const child = browser.process();
  // The test files connect on their own; Firefox's WebDriver BiDi takes one session at a time.
  await browser.disconnect();
  project.provide('browser', { name, wsEndpoint, url: server.url, adapter });
  return async () => {
    child?.kill();
    await server.close();
  };
}
