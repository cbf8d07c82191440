// The demo page in headless Chrome: a quick measurement fills the table and the charts, a small training-step
// comparison runs in TF.js, the paper's figures are drawn from the kernels, nothing is logged as an error, and a
// screenshot is saved for people to look at.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../common/chrome.js';
import { FIGURE_DIFFERENCE } from '../support/tolerances.js';
import { openSuitePage } from './page.js';

export const DEMO_SCREENSHOT = resolve(repoRoot, 'test-results/demo.png');

describe.skipIf(inject('chrome').adapter === null)('demo page', () => {
  it('runs a quick measurement and a small training-step comparison, and draws the tables, the charts and the figures', async () => {
    const { page, errors, close } = await openSuitePage('/demo/index.html?quick&autorun', { viewport: { width: 1280, height: 900 } });
    try {
      await page.waitForFunction(() => ['done', 'failed'].includes(document.body.dataset.trainState ?? '') || document.body.dataset.state === 'failed', {
        timeout: 300_000,
        polling: 500,
      });
      const state = await page.evaluate(() => ({
        state: document.body.dataset.state,
        banner: document.getElementById('adapter')?.textContent ?? '',
        bannerIsError: document.getElementById('adapter')?.classList.contains('error') ?? true,
        rows: document.querySelectorAll('#results tbody tr').length,
        kernels: [...document.querySelectorAll('#results tbody tr td:first-child')].map((cell) => cell.textContent),
        figuresDiff: document.getElementById('figures-diff')?.textContent ?? '',
        trainState: document.body.dataset.trainState,
        trainRows: [...document.querySelectorAll('#train-results tbody tr')].map((row) =>
          [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
        ),
        trainTargets: document.getElementById('train-targets')?.textContent ?? '',
        // A drawn chart has opaque pixels; a blank canvas has none.
        drawn: [...document.querySelectorAll('canvas')].map((canvas) => {
          const context = canvas.getContext('2d');
          if (context === null) return 0;
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let opaque = 0;
          for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) opaque++;
          return opaque;
        }),
      }));
      mkdirSync(resolve(repoRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: DEMO_SCREENSHOT as `${string}.png`, fullPage: true });

      expect(state.state).toBe('done');
      expect(state.bannerIsError, state.banner).toBe(false);
      expect(state.banner).toMatch(/^Adapter: /);
      // 13 package-path rows (11 f32, Mish forward on f16 and bf16) and 2 TF.js rows at one size.
      expect(state.rows).toBe(15);
      expect(new Set(state.kernels)).toEqual(
        new Set(['mish', 'relu', 'swish', 'copy', 'mish-builtin', 'mish-unfused', 'tfjs-mish', 'tfjs-relu', 'mish-f16', 'mish-bf16']),
      );
      expect(state.drawn).toHaveLength(7);
      for (const opaque of state.drawn) expect(opaque).toBeGreaterThan(1000);
      const worst = Number(/\|GPU − CPU\| over all curves: ([0-9.e+-]+)/.exec(state.figuresDiff)?.[1]);
      expect(worst).toBeLessThan(FIGURE_DIFFERENCE);
      // The training step on TF.js's WebGPU backend: four activations, finite medians and activation times.
      expect(state.trainState).toBe('done');
      expect(state.trainRows.map((row) => row[0])).toEqual(['relu', 'swish', "TF.js's Mish", 'fused Mish']);
      for (const row of state.trainRows) {
        expect(Number(row[1]), `median ms of ${row[0]}`).toBeGreaterThan(0);
        expect(Number(row[7]), `activation GPU ms of ${row[0]}`).toBeGreaterThan(0);
      }
      expect(state.trainTargets).toMatch(/fused Mish step <= 1\.10 x ReLU step: [0-9.]+ \((holds|missed)\)/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
