// The README's usage example, unchanged, against the built dist/index.js.
import puppeteer from 'puppeteer';
import { describe, expect, inject, it } from 'vitest';
import { mish } from '../../src/reference.js';
import { allowedError } from '../support/tolerances.js';
import type {} from './readme-entry.js';

describe.skipIf(inject('chrome').adapter === null)('README usage example', () => {
  it('runs against dist/index.js and logs mish of its inputs', async () => {
    const { wsEndpoint, url } = inject('chrome');
    const browser = await puppeteer.connect({ browserWSEndpoint: wsEndpoint });
    const page = await browser.newPage();
    const logs: string[] = [];
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.text().startsWith('[vite]')) return; // the dev server's client announcing itself
      (message.type() === 'error' ? errors : logs).push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      await page.goto(`${url}/test/browser/readme.html`);
      await page.waitForFunction(() => window.readmeExample?.done === true, { timeout: 60_000 });
      expect(await page.evaluate(() => window.readmeExample?.error)).toBeUndefined();
      expect(errors).toEqual([]);
      expect(logs).toHaveLength(1);
      const values = (logs[0] as string).split(' ').map(Number);
      [-2, -1, 0, 1].forEach((x, i) => {
        const error = Math.abs((values[i] as number) - mish(x));
        expect(error, `mish(${x})`).toBeLessThanOrEqual(allowedError('mish', 'forward', x, 1).bound);
      });
    } finally {
      await page.close();
      await browser.disconnect();
    }
  });
});
