// The demo page in headless Chrome at its tiny `?quick` setting: the kernel timing fills the table and the charts,
// the training-step comparison runs in TF.js, YOLOv4's backbone runs in its five forms (at 1/8 width), the paper's Figure 5 (three landscapes on one colour scale) and
// Figure 6 (depths 2 and 3, width 32, 512 digits, one epoch) run on the kernels, Figures 1 and 2 match the
// reference, nothing is logged as an error, and screenshots are saved for people to look at. A second page checks
// that cancelling Figure 6 stops it and keeps what it finished.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../common/page-server.js';
import { MISH_GRAD_KERNEL, MISH_KERNEL } from '../../src/testing.js';
import { FIGURE_DIFFERENCE } from '../support/tolerances.js';
import { openSuitePage } from './page.js';

export const DEMO_SCREENSHOT = resolve(repoRoot, 'test-results/demo.png');
const CANCELLED_SCREENSHOT = resolve(repoRoot, 'test-results/demo-cancelled.png');
const VIEWPORT = { width: 1280, height: 900 };
const DONE = ['done', 'failed', 'cancelled'];
/** Chance for ten digits. */
const CHANCE = 0.1;

/** Opaque pixels of every canvas (a drawn chart or image has many; a blank canvas none), by id. */
function drawnCanvases(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('canvas')].map((canvas) => {
        const context = canvas.getContext('2d');
        let opaque = 0;
        if (context !== null) {
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) opaque++;
        }
        return [canvas.id, opaque];
      }),
    ),
  );
}

const cells = (page: Page, table: string): Promise<string[][]> =>
  page.evaluate(
    (t) => [...document.querySelectorAll(`#${t} tbody tr`)].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
    table,
  );

describe.skipIf(inject('browser').adapter === null)('demo page', () => {
  it('runs the timing, the training step and Figures 5 and 6 at a tiny setting, and draws every table, chart and image', async () => {
    const { page, errors, close } = await openSuitePage('/demo/index.html?quick&autorun', { viewport: VIEWPORT });
    try {
      await page.waitForFunction(
        (done) => done.includes(document.body.dataset.figure6 ?? '') || document.body.dataset.state === 'failed',
        { timeout: 600_000, polling: 500 },
        DONE,
      );
      const state = await page.evaluate(() => ({
        state: document.body.dataset.state,
        trainState: document.body.dataset.trainState,
        backbone: document.body.dataset.backbone,
        backboneSummary: document.getElementById('backbone-summary')?.textContent ?? '',
        backboneTargets: [...document.querySelectorAll('#backbone-targets li')].map((li) => ({
          mark: (li as HTMLElement).dataset.mark ?? '',
          text: li.textContent ?? '',
        })),
        figure5: document.body.dataset.figure5,
        figure6: document.body.dataset.figure6,
        banner: document.getElementById('adapter')?.textContent ?? '',
        bannerIsError: document.getElementById('adapter')?.classList.contains('error') ?? true,
        figuresDiff: document.getElementById('figures-diff')?.textContent ?? '',
        trainTargets: document.getElementById('train-targets')?.textContent ?? '',
        measures: ['relu', 'swish', 'mish'].map((a) => document.getElementById(`landscape-${a}-measure`)?.textContent ?? ''),
        fusedKernels: (document.getElementById('depth-kernels')?.dataset.kernels ?? '').split(','),
        csv: document.getElementById('depth-csv')?.getAttribute('href') ?? '',
        estimate: document.getElementById('depth-estimate-result')?.textContent ?? '',
      }));
      const drawn = await drawnCanvases(page);
      const [timing, training, backbone, depth] = await Promise.all([
        cells(page, 'results'),
        cells(page, 'train-results'),
        cells(page, 'backbone-results'),
        cells(page, 'depth-results'),
      ]);
      mkdirSync(resolve(repoRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: DEMO_SCREENSHOT as `${string}.png`, fullPage: true });

      expect([state.state, state.trainState, state.backbone, state.figure5, state.figure6]).toEqual(['done', 'done', 'done', 'done', 'done']);
      expect(state.bannerIsError, state.banner).toBe(false);
      // It says which adapter ran the numbers, and what a software one means for them.
      expect(state.banner).toMatch(/^Adapter: .*Every figure on this page was measured on it\. It is a software adapter: .*not those of a GPU/);
      // 13 package-path rows (11 f32, Mish forward on f16 and bf16), 5 outside it (copy-buffer, naive-copy and
      // naive-mish forward and backward) and 2 TF.js rows at one size.
      expect(new Set(timing.map((row) => row[0]))).toEqual(
        new Set([
          'mish',
          'relu',
          'swish',
          'copy',
          'mish-builtin',
          'mish-unfused',
          'tfjs-mish',
          'tfjs-relu',
          'mish-f16',
          'mish-bf16',
          'copy-buffer',
          'naive-copy',
          'naive-mish',
        ]),
      );
      expect(timing).toHaveLength(20);
      expect(Number(/\|GPU − CPU\| over all curves: ([0-9.e+-]+)/.exec(state.figuresDiff)?.[1])).toBeLessThan(FIGURE_DIFFERENCE);
      // The training step on TF.js's WebGPU backend: four activations, finite medians and activation times.
      expect(training.map((row) => row[0])).toEqual(['relu', 'swish', "TF.js's Mish", 'fused Mish']);
      for (const row of training) {
        expect(Number(row[1]), `median ms of ${row[0]}`).toBeGreaterThan(0);
        expect(Number(row[7]), `activation GPU ms of ${row[0]}`).toBeGreaterThan(0);
      }
      // A software adapter here: the targets are about the activation layers' GPU time; the quick network is not the
      // paper's, so they are shown and not judged.
      expect(state.trainTargets).toMatch(
        /fused Mish activation GPU time <= 1\.10 x ReLU: [0-9.]+× \[IQR [0-9.]+–[0-9.]+×, \d+ rounds\] \(not judged at this size\)/,
      );
      // YOLOv4's backbone: the five forms; Mish in the convolutions costs no dispatch beyond the floor's and the
      // residual adds in them one fewer each (23), one Mish op one per activation (72), the composite three; the
      // rewritten outputs agree with the converter's.
      expect(backbone.map((row) => row[0])).toEqual(['converter', 'mish-op', 'epilogue', 'residual', 'floor']);
      const dispatchCount = (form: string): number => Number(backbone.find((row) => row[0] === form)?.[5]);
      expect(dispatchCount('epilogue')).toBe(dispatchCount('floor'));
      expect(dispatchCount('residual')).toBe(dispatchCount('floor') - 23);
      expect(dispatchCount('mish-op')).toBe(dispatchCount('floor') + 72);
      expect(dispatchCount('converter')).toBe(dispatchCount('floor') + 3 * 72);
      for (const form of ['mish-op', 'epilogue', 'residual']) expect(Number(backbone.find((row) => row[0] === form)?.[9])).toBeLessThan(1e-4);
      expect(state.backboneSummary).toMatch(/^CSPDarknet53 at 32x32, 1\/8 of its width \(72 convolutions, 72 with Mish, 23 residual adds, 5 concatenations;/);
      // The targets as a list, a mark each: at 1/8 of the width they are shown and not judged.
      expect(state.backboneTargets.length).toBeGreaterThan(5);
      for (const t of state.backboneTargets) expect(t.mark, t.text).toBe('–');
      expect(state.backboneTargets.map((t) => t.text).join('\n')).toMatch(
        /residual form's dispatches are the floor's less one per residual add .*not judged at this size/,
      );
      // Figure 5: three images and the scale drawn; a finite crease measure under each.
      for (const id of ['landscape-relu', 'landscape-swish', 'landscape-mish']) expect(drawn[id], id).toBe(64 * 64);
      expect(drawn['landscape-scale']).toBeGreaterThan(1000);
      const creases = state.measures.map((measure) => Number(/^creases \(mean \|discrete Laplacian\|\): ([0-9.]+) %/.exec(measure)?.[1]));
      for (const crease of creases) expect(crease).toBeGreaterThan(0);
      // The paper's point, as the README states it: ReLU's surface has creases, Swish's and Mish's do not.
      const [relu, swish, mish] = creases as [number, number, number];
      expect(relu).toBeGreaterThan(2 * Math.max(swish, mish));
      // Figure 6: two depths × four activations, finite and better than chance; Mish ran fused.
      expect(depth).toHaveLength(8);
      for (const row of depth) {
        const accuracy = Number.parseFloat(row[2] as string) / 100;
        expect(accuracy, `${row[0]} at depth ${row[1]}`).toBeGreaterThan(CHANCE);
        expect(Number(row[4]), `epoch time of ${row[0]}`).toBeGreaterThan(0);
      }
      expect(state.fusedKernels).toEqual(expect.arrayContaining([MISH_KERNEL, MISH_GRAD_KERNEL]));
      for (const composite of ['Softplus', 'Tanh']) expect(state.fusedKernels).not.toContain(composite);
      expect(state.csv).toMatch(/^blob:/);
      // Run said how long it would take before it started.
      expect(state.estimate).toMatch(/^Expected: about \d+ s on this adapter for 2 depths × 4 activations/);
      // Every chart and image has been drawn.
      for (const [id, opaque] of Object.entries(drawn)) expect(opaque, id).toBeGreaterThan(1000);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('loads the digits only when Figure 6 starts; cancelling stops it after the current batch and keeps what it finished', async () => {
    const { page, errors, close } = await openSuitePage('/demo/index.html?quick', { viewport: VIEWPORT });
    try {
      await page.waitForFunction(() => !(document.getElementById('depth-run') as HTMLButtonElement).disabled, { timeout: 120_000 });
      // The digits are not part of the page's first load: nothing named mnist has been fetched yet.
      const fetched = (): Promise<string[]> =>
        page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((entry) => entry.name)
            .filter((name) => /mnist/.test(name)),
        );
      expect(await fetched()).toEqual([]);
      // The estimate times one step on this adapter and extrapolates to the current settings.
      await page.click('#depth-estimate');
      await page.waitForFunction(() => /^(Expected|No estimate)/.test(document.getElementById('depth-estimate-result')?.textContent ?? ''), {
        timeout: 120_000,
      });
      expect(await page.$eval('#depth-estimate-result', (e) => e.textContent)).toMatch(/^Expected: about \d+ s on this adapter/);
      await page.$eval('#depth-depths', (input) => {
        (input as HTMLInputElement).value = '2, 3, 4';
      });
      await page.click('#depth-run');
      // Cancel once the first network has its result: 3 depths × 4 activations would make 12.
      await page.waitForFunction(() => document.querySelectorAll('#depth-results tbody tr').length >= 1, { timeout: 300_000, polling: 200 });
      await page.click('#depth-cancel');
      await page.waitForFunction((done) => done.includes(document.body.dataset.figure6 ?? ''), { timeout: 300_000, polling: 200 }, DONE);
      const figure6 = await page.evaluate(() => document.body.dataset.figure6);
      const kept = await cells(page, 'depth-results');
      await page.screenshot({ path: CANCELLED_SCREENSHOT as `${string}.png`, fullPage: true });
      expect(figure6).toBe('cancelled');
      expect((await fetched()).length).toBeGreaterThan(0);
      expect(kept.length).toBeGreaterThanOrEqual(1);
      expect(kept.length).toBeLessThan(12);
      expect(await page.evaluate(() => document.getElementById('depth-status')?.textContent)).toMatch(/^Cancelled; \d+ results kept\./);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
