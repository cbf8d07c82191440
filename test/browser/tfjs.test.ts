// `webgpu-mish/tfjs` (the built dist/tfjs.js) inside TensorFlow.js's real WebGPU backend on the suite's adapter:
// parity with the float64 reference at the package's bounds, one fused kernel forward and one backward in
// tf.profile (for the op, its gradient and a layers model's predict and fit), no leaked tensors, ordering with
// TF.js's batched dispatches, the layers activation, second-order gradients, and the composite on the cpu, webgl
// and wasm backends.
import { describe, expect, inject, it } from 'vitest';
import { BROWSER_LABELS } from '../../common/browsers.js';
import { MISH_GRAD_KERNEL, MISH_KERNEL } from '../../src/testing.js';
import type {} from '../harness/tfjs/entry.js';
import type { Check } from '../harness/tfjs/index.js';
import { useFreshTfjsHarness } from './page.js';

/** Kernels of TF.js's composed Mish and Swish: none may run where the fused op is used. */
const COMPOSITE_KERNELS = ['Softplus', 'Tanh', 'Sigmoid', 'Exp'];

function expectClean(check: Check, count: number): void {
  expect(check.failures, `mismatches:\n${check.report}`).toBe(0);
  expect(check.checked).toBe(count);
}

describe.skipIf(inject('browser').adapter === null)('webgpu-mish/tfjs on the webgpu backend (dist/tfjs.js)', () => {
  // A fresh page for every test: registerMish() and the backend state are global to a page.
  const page = useFreshTfjsHarness();

  /**
   * TF.js's webgl backend needs WebGL 2, which headless Firefox does not offer on this project's machines (no GPU;
   * getContext('webgl2') is null, webgl.force-enabled or not): there, a check on webgl says so and is skipped.
   */
  async function skipWithoutWebgl(backend: string, skip: (note?: string) => void): Promise<void> {
    if (backend !== 'webgl') return;
    const webgl = await page().evaluate(() => document.createElement('canvas').getContext('webgl2') !== null);
    if (webgl) return;
    const note = `${BROWSER_LABELS[inject('browser').name]} offers no WebGL 2 here: the webgl backend check is skipped in this browser`;
    console.log(note);
    skip(note);
  }

  // With the 7 special values in front: 65 543 elements (one per invocation) and 65 544 (a multiple of 4: the
  // vec4 programs, four per invocation).
  it.each([
    [65_536, 'one element per invocation'],
    [65_537, 'four elements per invocation'],
  ])('mish and tf.grad(mish) are within the package bounds on spread bit patterns, edges and special values (%i spread inputs, %s)', async (count) => {
    const { forward, gradient, gradientDy } = await page().evaluate((n) => window.tfjsHarness!.parity(n), count);
    console.log(
      `TF.js op, worst over ${forward.checked} inputs: forward ${forward.worstUlp.toFixed(2)} ulp (x=${forward.worstAt}), ` +
        `gradient ${gradient.worstUlp.toFixed(2)} ulp beyond 2^-22 (x=${gradient.worstAt})`,
    );
    // 7 special values before the spread inputs.
    expectClean(forward, count + 7);
    expectClean(gradient, count + 7);
    expectClean(gradientDy, count + 7);
  });

  it('runs one fused kernel forward and one backward: tf.profile of the op, its gradient, predict and fit', async () => {
    const kernels = await page().evaluate(() => window.tfjsHarness!.profiles());
    console.log(
      `tf.profile kernel names:\n${Object.entries(kernels)
        .map(([k, v]) => `  ${k}: ${v.join(', ')}`)
        .join('\n')}`,
    );
    expect(kernels.forward).toEqual([MISH_KERNEL]);
    expect(kernels.gradient).toContain(MISH_GRAD_KERNEL);
    expect(kernels.predict).toContain(MISH_KERNEL);
    expect(kernels.fit).toEqual(expect.arrayContaining([MISH_KERNEL, MISH_GRAD_KERNEL]));
    for (const [name, list] of Object.entries(kernels)) {
      for (const composite of COMPOSITE_KERNELS) expect(list, `${name} runs ${composite}`).not.toContain(composite);
    }
  });

  it("tfjs-layers' own 'mish' (what registerMish replaces) runs Softplus and Tanh: the profile check can fail", async () => {
    const kernels = await page().evaluate(() => window.tfjsHarness!.builtinPredictKernels());
    expect(kernels).toEqual(expect.arrayContaining(['Softplus', 'Tanh']));
    expect(kernels).not.toContain(MISH_KERNEL);
  });

  it('leaks no tensor: many calls in tf.tidy, and disposed by hand (int32 casts included)', async () => {
    const memory = await page().evaluate(() => window.tfjsHarness!.memory(200));
    expect(memory.afterTidy).toBe(memory.before);
    expect(memory.afterDispose).toBe(memory.before);
  });

  it("is ordered with TF.js's batched dispatches: 20 ops, mish, 20 ops (submit batch 15, and 1)", async () => {
    expectClean(await page().evaluate(() => window.tfjsHarness!.chain(20, 20, 15)), 4099);
    expectClean(await page().evaluate(() => window.tfjsHarness!.chain(20, 20, 1)), 4099);
    expectClean(await page().evaluate(() => window.tfjsHarness!.chain(3, 16, 15)), 4099);
  });

  it("a Dense layer with activation 'mish' computes mish(xW + b) after registerMish", async () => {
    expectClean(await page().evaluate(() => window.tfjsHarness!.layerPredict()), 32 * 16);
  });

  it('one SGD step on the fused kernels updates every weight as the cpu composite does', async () => {
    const result = await page().evaluate(() => window.tfjsHarness!.trainStepAgreement());
    expect(result.failures, result.report).toBe(0);
    expect(result.checked).toBe(8 * 16 + 16 + 16 + 1);
    expect(result.lossAfter).toBeLessThan(result.lossBefore);
  });

  it('fit() trains a model with the fused activation', async () => {
    const { before, after } = await page().evaluate(() => window.tfjsHarness!.fitLoss(30));
    expect(after).toBeLessThan(before / 10);
  });

  it("a model saved and loaded with activation 'mish' runs the fused kernel", async () => {
    const { activation, kernels } = await page().evaluate(() => window.tfjsHarness!.loadedModelKernels());
    expect(activation).toBe('mish');
    expect(kernels).toContain(MISH_KERNEL);
    expect(kernels).not.toContain('Softplus');
  });

  it('casts int32 and bool to float32, takes arrays, and names the function and the fix on bad input', async () => {
    const result = await page().evaluate(() => window.tfjsHarness!.conventions());
    expect(result.int32.dtype).toBe('float32');
    const near = (values: number[], expected: number[]): void =>
      expected.forEach((value, i) => {
        expect(values[i]).toBeCloseTo(value, 6);
      });
    near(result.int32.values, [-0.1456474697, -0.3034014614, 0, 1.9439589006]);
    near(result.bool, [0.8650983883, 0]);
    near(result.array, [0.8650983883, -0.3034014614]);
    expect(result.errors).toHaveLength(4);
    for (const message of result.errors) expect(message).toMatch(/^TypeError: mish: x must be .*; (pass|convert)/);
  });

  for (const backend of ['webgpu', 'cpu', 'webgl', 'wasm'] as const) {
    it(`has second-order gradients on the ${backend} backend: tf.grad of tf.grad(mish)`, async ({ skip }) => {
      await skipWithoutWebgl(backend, skip);
      const result = await page().evaluate((name) => window.tfjsHarness!.secondOrder(name, 20_000), backend);
      console.log(
        `second order on ${result.backend}: mish'' worst ${result.grad2.worstUlp.toFixed(3)} of its bound (x=${result.grad2.worstAt}); ` +
          `kernels ${result.kernels.join(', ')}`,
      );
      expect(result.backend).toBe(backend);
      expectClean(result.grad2, 20_007);
      expectClean(result.inX, 20_007);
      expectClean(result.inV, 20_007);
      if (backend === 'webgpu') {
        expect(result.kernels).toEqual(expect.arrayContaining([MISH_KERNEL, MISH_GRAD_KERNEL]));
        for (const composite of ['Softplus', 'Tanh']) expect(result.kernels).not.toContain(composite);
      }
    });
  }

  for (const backend of ['cpu', 'webgl', 'wasm'] as const) {
    it(`falls back to the composite on the ${backend} backend, with the eq. (2) gradient`, async ({ skip }) => {
      await skipWithoutWebgl(backend, skip);
      const result = await page().evaluate((name) => window.tfjsHarness!.composite(name, 20_000), backend);
      console.log(
        `composite on ${result.backend}: forward worst ${result.forwardWorstUlp.toPrecision(3)} ulp on |x| <= 80 (x=${result.forwardWorstAt}), absolute ${result.forwardWorstAbsolute.toPrecision(3)}, ` +
          `gradient worst ${result.gradient.worstUlp.toFixed(2)} ulp beyond 2^-22; ` +
          `kernels ${result.kernels.join(', ')}; gradient ${result.gradientKernels.join(', ')}`,
      );
      expect(result.backend).toBe(backend);
      expect(result.forwardDiffers, result.forwardReport).toBe(0);
      expectClean(result.gradient, 20_007);
      expect(result.kernels).toEqual(expect.arrayContaining(['Softplus', 'Tanh', 'Multiply']));
      expect(result.kernels).not.toContain(MISH_KERNEL);
      expect(result.gradientKernels).not.toContain(MISH_GRAD_KERNEL);
    });
  }
});
