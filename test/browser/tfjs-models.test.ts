// Converted models through `webgpu-mish/tfjs` (the built dist/tfjs.js) and tfjs-layers, in TF.js's real
// backends: every way a converted graph writes Mish becomes one Mish op and then part of the convolution before it,
// computing what the original graph computes; the convolution with Mish runs no more dispatches than the
// convolution alone; its fallbacks (cpu, gradients, a TF.js whose internals differ) compute the two ops apart; and a
// Keras-port layers model with a custom `Mish` layer and activation 'Addons>mish' loads, predicts and trains.
import { describe, expect, inject, it } from 'vitest';
import { MISH_GRAD_KERNEL, MISH_KERNEL } from '../../src/testing.js';
import type {} from '../harness/tfjs/entry.js';
import { MODEL_DIFFERENCE } from '../support/tolerances.js';
import { useFreshTfjsHarness } from './page.js';

describe.skipIf(inject('browser').adapter === null)('converted models with webgpu-mish/tfjs (dist/tfjs.js)', () => {
  const page = useFreshTfjsHarness();

  it.each([
    ['softplus', false],
    ['softplus', true],
    ['log1p', false],
    ['log-add', false],
    ['log-add', true],
    ['addons', false],
  ] as const)('a graph model writing Mish as %s (commuted: %s) fuses both and computes the original', async (form, commuted) => {
    const result = await page().evaluate((f, c) => window.tfjsHarness!.runGraphForm(f, c), form, commuted);
    console.log(
      `${result.form}: ${result.fused} Mish ops, ${result.convolutions} in convolutions; webgpu rewritten vs original ${result.webgpuDifference.toExponential(2)}; ` +
        `epilogue vs ops ${result.epilogueBitsDiffering} bits differing; cpu ${result.cpuBitsDiffering} differing`,
    );
    expect(result.fused).toBe(2);
    expect(result.convolutions).toBe(2);
    expect(result.webgpuDifference).toBeLessThanOrEqual(MODEL_DIFFERENCE);
    // Mish in the convolution is the Mish op's code on the convolution's own result: the same bits.
    expect(result.epilogueBitsDiffering).toBe(0);
    // Off WebGPU the rewritten model computes the original form's ops: the same bits.
    expect(result.cpuBitsDiffering).toBe(0);
  });

  it("a rewritten model loads as fuseMishInGraph returns it, with the original's outputs (no signature): execute() returns one tensor", async () => {
    const result = await page().evaluate(() => window.tfjsHarness!.loadAsReturned());
    console.log(
      `two-convolution stack, log-add form, no signature: outputs of the original ${result.original.join(',')}; ` +
        `rewritten without removing what nothing reads ${result.before.join(',')}; rewritten ${result.after.join(',')}; ` +
        `execute() returns one tensor: ${result.returnsOneTensor}, again after disposing it: ${result.runsAgain}; webgpu vs original ${result.difference.toExponential(2)}`,
    );
    expect(result.after).toEqual(result.original);
    expect(result.before, 'the rewrite that left its constant 1 behind gained an output').not.toEqual(result.original);
    expect(result.returnsOneTensor).toBe(true);
    expect(result.runsAgain).toBe(true);
    expect(result.difference).toBeLessThanOrEqual(MODEL_DIFFERENCE);
  });

  it('rewritten artifacts saved earlier: TF.js refuses the unknown op until registerMishOps(), then they load and run', async () => {
    const result = await page().evaluate(() => window.tfjsHarness!.loadSavedEarlier());
    console.log(`saved earlier: without registerMishOps ${result.withoutRegistering}; after it ${result.afterRegistering} values`);
    expect(result.withoutRegistering).toMatch(/Unknown op 'FusedConv2DMish'/);
    expect(result.afterRegistering).toBe(12 * 12 * 8);
  });

  it('Mish in the convolution costs no dispatch: as many as the convolutions alone, fewer than the Mish ops apart', async () => {
    const counts = await page().evaluate(() => window.tfjsHarness!.countDispatches());
    console.log(`dispatches per forward: ${JSON.stringify(counts)}`);
    expect(counts.epilogue).toBe(counts.floor);
    expect(counts.ops).toBe(counts.floor + 2);
    expect(counts.composite).toBeGreaterThan(counts.ops);
  });

  it('a residual block in one dispatch: mish(conv + bias) + shortcut, bits equal to the three ops apart; its fallbacks compute them apart', async () => {
    const r = await page().evaluate(() => window.tfjsHarness!.runResidualBlock());
    console.log(`residual block: ${JSON.stringify(r)}`);
    expect(r.epilogueBits).toBe(0);
    // The convolution's own dispatches (one, or two with TF.js's im2col), and nothing for Mish or the add.
    expect(r.mishOnlyDispatches).toBe((r.fusedDispatches as number) + 1);
    expect(r.apartDispatches).toBe((r.fusedDispatches as number) + 2);
    expect(r.broadcastBits).toBe(0);
    expect(r.gradientBits).toBe(0);
    expect(r.changedTfjsBits).toBe(0);
    expect(r.warned).toBe(true);
    expect(r.cpuBits).toBe(0);
  });

  it('conv2dMish falls back to the two ops apart on cpu, under tf.grad, and on a TF.js whose kernel differs (with a warning)', async () => {
    const result = await page().evaluate(() => window.tfjsHarness!.runConvMishFallbacks());
    console.log(`fallbacks: ${JSON.stringify(result)}`);
    expect(result.cpu).toBe(0);
    expect(result.gradient).toBe(0);
    expect(result.gradientValue).toBe(0);
    expect(result.changedTfjs).toBe(0);
    expect(result.warned).toBe(true);
    expect(result.epilogueAgain).toBe(true);
  });

  it("a Keras-port layers model (a custom Mish layer, activation 'Addons>mish') loads, predicts and trains on the fused kernels", async () => {
    const result = await page().evaluate(() => window.tfjsHarness!.runLayersModel());
    console.log(`layers model: ${JSON.stringify(result)}`);
    expect(result.loaded).toBe(true);
    expect(result.predictError).toBeLessThan(1e-6);
    expect(result.lossAfter).toBeLessThan(result.lossBefore);
    expect(result.kernels).toEqual(expect.arrayContaining([MISH_KERNEL, MISH_GRAD_KERNEL]));
    for (const composite of ['Softplus', 'Tanh']) expect(result.kernels).not.toContain(composite);
  });
});
