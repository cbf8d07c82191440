// The README's usage examples, unchanged, against the built dist/index.js and dist/tfjs.js: each logs one line of
// values, checked against the float64 reference within the package's bounds.
import puppeteer from 'puppeteer';
import { describe, expect, inject, it } from 'vitest';
import { mish, mishGrad } from '../../src/reference.js';
import { promisedMishBound } from '../support/tolerances.js';
import type {} from './readme-entry.js';
import type { ReadmeExample } from './readme-example.js';

/** What each example logs: mish at these inputs, then (tfjs) mish' at these inputs. */
const EXPECTED: Record<ReadmeExample, { forward: number[]; backward: number[] }> = {
  core: { forward: [-2, -1, 0, 1], backward: [] },
  tfjs: { forward: [-1, 0, 1], backward: [-1, 0, 1] },
};

async function runExample(name: ReadmeExample): Promise<string[]> {
  const { wsEndpoint, url } = inject('chrome');
  const browser = await puppeteer.connect({ browserWSEndpoint: wsEndpoint, protocolTimeout: 300_000 });
  const page = await browser.newPage();
  const logs: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('[vite]')) return; // the dev server's client announcing itself
    if (message.type() === 'error') errors.push(message.text());
    else if (message.type() === 'log') logs.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.goto(`${url}/test/browser/readme.html?example=${name}`);
    await page.waitForFunction(() => window.readmeExample?.done === true, { timeout: 120_000 });
    expect(await page.evaluate(() => window.readmeExample?.error)).toBeUndefined();
    expect(errors).toEqual([]);
    return logs;
  } finally {
    await page.close();
    await browser.disconnect();
  }
}

describe.skipIf(inject('chrome').adapter === null)('README usage examples', () => {
  for (const name of ['core', 'tfjs'] as const) {
    it(`${name}: runs against dist/ and logs the values it says`, async () => {
      const logs = await runExample(name);
      expect(logs).toHaveLength(1);
      const values = (logs[0] as string).split(' ').map(Number);
      const { forward, backward } = EXPECTED[name];
      expect(values).toHaveLength(forward.length + backward.length);
      forward.forEach((x, i) => {
        const error = Math.abs((values[i] as number) - mish(x));
        expect(error, `mish(${x})`).toBeLessThanOrEqual(promisedMishBound('forward', x, 1).bound);
      });
      backward.forEach((x, i) => {
        const error = Math.abs((values[forward.length + i] as number) - mishGrad(x));
        expect(error, `mish'(${x})`).toBeLessThanOrEqual(promisedMishBound('backward', x, 1).bound);
      });
    });
  }
});
