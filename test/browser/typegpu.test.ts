// webgpu-mish/typegpu in TypeGPU shaders, against dist/: mish and mish_grad called from a WGSL template that TypeGPU
// resolves give the same bits as mishForward and mishBackward (dy = 1; a NaN it returns quieted) on the same inputs (special values, the
// thresholds of shaders/mish.wgsl, every binade), the kernels run on TypeGPU's own buffers unwrapped; a user's
// function and constant named like the package's constants live beside them.
import { describe, expect, inject, it } from 'vitest';
import { bitsOf } from '../../common/f32.js';
import type {} from '../harness/typegpu/entry.js';
import { randomBits, spreadInputs, thresholdInputs } from '../support/inputs.js';
import { openSuitePage } from './page.js';

const SPECIAL_BITS = [
  ...[0x7fc00000, 0x7f800001, 0xffc00000, 0xffffffff], // NaN
  ...[0x7f800000, 0xff800000, 0x00000000, 0x80000000], // ±∞, ±0
  ...[0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000], // subnormal, smallest normal
  ...[0x7f7fffff, 0xff7fffff],
];

/** The special values, the thresholds, 4096 spread finite values and 4096 raw bit patterns (NaN and ∞ included). */
function inputBits(): number[] {
  const next = randomBits(20261206);
  return [...SPECIAL_BITS, ...thresholdInputs.map(bitsOf), ...Array.from(spreadInputs(4096, 35), bitsOf), ...Array.from({ length: 4096 }, next)];
}

const isNanBits = (bits: number | undefined) => ((bits ?? 0) & 0x7fffffff) > 0x7f800000;

/**
 * The inputs where a and b differ in their bits (the first 8). With `quietedNan`, a NaN against a NaN is equal:
 * mishBackward returns dy·mish′(x), and the product quiets a signalling NaN that mish_grad returns as it came.
 */
function differing(a: number[], b: number[], input: number[], quietedNan = false): string[] {
  const hex = (v: number | undefined) => `0x${(v ?? 0).toString(16).padStart(8, '0')}`;
  const same = (i: number) => a[i] === b[i] || (quietedNan && isNanBits(a[i]) && isNanBits(b[i]));
  return input.flatMap((x, i) => (same(i) ? [] : [`x = ${hex(x)}: ${hex(a[i])} against ${hex(b[i])}`])).slice(0, 8);
}

describe.skipIf(inject('browser').adapter === null)('webgpu-mish/typegpu (dist/typegpu.js in a TypeGPU shader)', () => {
  async function withHarness<T>(body: (page: Awaited<ReturnType<typeof openSuitePage>>['page']) => Promise<T>): Promise<T> {
    const opened = await openSuitePage('/test/harness/typegpu/index.html', { ready: 'typegpuHarness', failed: 'typegpuHarnessError' });
    try {
      const result = await body(opened.page);
      expect(opened.errors, 'errors the page logged').toEqual([]);
      return result;
    } finally {
      await opened.close();
    }
  }

  it('mish and mish_grad give the bits of mishForward and mishBackward, on TypeGPU buffers unwrapped', async () => {
    const input = inputBits();
    const result = await withHarness((page) => page.evaluate((x) => window.typegpuHarness!.parity(x), input));
    expect(result.errors).toEqual([]);
    expect(result.shader.forward).toHaveLength(input.length);
    expect(differing(result.shader.forward, result.kernels.forward, input), 'mish: TypeGPU shader against mishForward').toEqual([]);
    expect(differing(result.shader.backward, result.kernels.backward, input, true), 'mish_grad: TypeGPU shader against mishBackward').toEqual([]);
    expect(
      input.filter((x, i) => isNanBits(x) && result.shader.backward[i] !== x),
      'mish_grad(NaN) is that NaN',
    ).toEqual([]);
    // Each constant of shaders/mish.wgsl declared once, by TypeGPU, beside the two functions.
    expect(result.code.match(/\bconst MISH_CLAMP\b/g)).toHaveLength(1);
    expect(result.code).toMatch(/fn mish\(x: f32\) -> f32/);
    expect(result.code).toMatch(/fn mish_grad\(x: f32\) -> f32/);
    console.log(`typegpu: ${input.length} inputs, mish and mish_grad bit for bit equal to mishForward and mishBackward`);
  });

  it("a user's function MISH_FLOOR and constant MISH_CLAMP do not collide with the package's", async () => {
    const input = [-3, -1, -0.5, 0, 0.5, 1, 2, 7].map(bitsOf);
    const result = await withHarness((page) => page.evaluate((x) => window.typegpuHarness!.collision(x), input));
    expect(result.errors).toEqual([]);
    expect(differing(result.mish, result.kernel, input)).toEqual([]);
    expect(result.own).toEqual([-3, -1, -0.5, 0, 0.5, 1, 2, 7].map((x) => bitsOf(2 * x + 3)));
    const renamed = [...result.code.matchAll(/\b(?:fn|const) (MISH_FLOOR\w*|MISH_CLAMP\w*)/g)].map((m) => m[1]);
    expect(new Set(renamed).size, `declarations: ${renamed.join(', ')}`).toBe(4);
  });
});
