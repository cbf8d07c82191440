// A strided accuracy sweep over all of f32 (every 4096-th bit pattern, NaN and ±∞ included), as `npm run accuracy`
// runs it: the package's kernels never return NaN or ±∞ for a finite input, give the defined special values for
// NaN, ±∞ and ±0, Mish forward stays within 4 ulp in every region (subnormal results in units of 2⁻¹⁴⁹; a
// subnormal input may give a zero of its sign) and Mish backward with dy = 1 within 4 ulp + 2⁻²² absolute (the
// absolute term covers the zero of mish' near x ≈ −1.19). The exhaustive run is `npm run accuracy` (see README).
import puppeteer from 'puppeteer';
import { describe, expect, inject, it } from 'vitest';
import { formatSweep } from '../../accuracy/format.js';
import { REGIONS } from '../../accuracy/metrics.js';
import type { SweepReport } from '../../accuracy/sweep.js';

const STRIDE = 4096;

describe.skipIf(inject('chrome').adapter === null)('accuracy sweep (every 4096-th f32)', () => {
  it('finds no non-finite output, defines the special values and meets both Mish bounds in every region', async () => {
    const { wsEndpoint, url } = inject('chrome');
    const browser = await puppeteer.connect({ browserWSEndpoint: wsEndpoint, protocolTimeout: 600_000 });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      await page.goto(`${url}/accuracy/index.html`);
      await page.waitForFunction(() => window.runSweepFromNode !== undefined, { timeout: 60_000 });
      const report: SweepReport = await page.evaluate((s) => window.runSweepFromNode!({ stride: s }), STRIDE);
      console.log(formatSweep(report));
      expect(errors).toEqual([]);
      expect(report.inputs).toBe(2 ** 32 / STRIDE);
      for (const kernel of ['mish forward', 'mish backward', 'swish forward', 'swish backward'] as const) {
        report.kernels[kernel].forEach((stats, region) => {
          expect(stats.nonFinite, `${kernel}, ${REGIONS[region]}: non-finite outputs`).toBe(0);
          expect(stats.wrongSpecial, `${kernel}, ${REGIONS[region]}: wrong special values`).toBe(0);
          if (REGIONS[region] !== 'subnormal x') expect(stats.signedZero, `${kernel}, ${REGIONS[region]}`).toBe(0);
        });
      }
      const specials = report.kernels['mish forward'][REGIONS.indexOf('NaN, ±inf')];
      expect(specials?.count, 'NaN and ±inf inputs swept').toBeGreaterThan(0);
      report.kernels['mish forward'].forEach((stats, region) => {
        expect(stats.maxUlp, `mish forward, ${REGIONS[region]}`).toBeLessThanOrEqual(4);
      });
      report.kernels['mish backward'].forEach((stats, region) => {
        expect(stats.maxUlpBeyondAbsolute, `mish backward, ${REGIONS[region]}`).toBeLessThanOrEqual(4);
      });
    } finally {
      await page.close();
      await browser.disconnect();
    }
  });
});
