// 16-bit storage (f16 and bf16) on an adapter without shader-f16: every one of the 65 536 inputs of each format,
// forward and backward, within HALF_ULPS (1 ulp) of the format; odd offsets, in place and recorded calls with canaries.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { CaseResult, HalfSpec } from '../harness/index.js';
import { useHarness } from './page.js';

describe.skipIf(inject('browser').adapter === null)('16-bit storage', () => {
  const harness = useHarness('src');
  const worst: string[] = [];
  afterAll(() => {
    console.log(`Worst error of the 16-bit kernels, in ulps of the format (every input):\n${worst.join('\n')}`);
  });

  const run = (spec: HalfSpec): Promise<CaseResult> => harness().page.evaluate((s) => window.harness!.runHalf(s), spec);

  for (const dtype of ['f16', 'bf16'] as const) {
    for (const activation of ['mish', 'relu', 'swish'] as const) {
      for (const pass of ['forward', 'backward'] as const) {
        // Offsets that are multiples of 8 take the eight-at-a-time body (chunks/half-x8-*.wgsl); others the word body.
        it.each([
          ['eight at a time', { xOffset: 8, dyOffset: 0, outOffset: 16 }],
          ['a word at a time', { xOffset: 1, dyOffset: 2, outOffset: 3 }],
        ])(`${dtype} ${activation} ${pass}: all 65 536 inputs, %s`, async (body, offsets) => {
          const result = await run({ activation, pass, dtype, inputs: 'all', ...offsets });
          worst.push(
            `  ${`${dtype} ${activation} ${pass}, ${body}`.padEnd(38)} ${result.worstUlp.toFixed(3)} ulp (x=${result.worstUlpInput})` +
              `${result.flushed > 0 ? `, ${result.flushed} inputs within the subnormal-flush allowance` : ''}`,
          );
          expect(result.gpuErrors).toEqual([]);
          expect(result.failures, `mismatches:\n${result.report}`).toBe(0);
          expect(result.checked).toBe(65_536);
          if (dtype === 'f16') expect(result.flushed).toBe(0);
        });
      }
    }

    it(`${dtype} mish: odd, even and multiple-of-8 offsets (a vector body and a word tail), in place, recorded into an encoder`, async () => {
      const specs: HalfSpec[] = [
        { activation: 'mish', pass: 'forward', dtype, inputs: 1, xOffset: 1, outOffset: 0 },
        { activation: 'mish', pass: 'forward', dtype, inputs: 2, xOffset: 0, outOffset: 1 },
        { activation: 'mish', pass: 'forward', dtype, inputs: 1023, xOffset: 5, outOffset: 2, encoder: true },
        { activation: 'mish', pass: 'forward', dtype, inputs: 4097, xOffset: 3, inPlace: 'x' },
        { activation: 'mish', pass: 'forward', dtype, inputs: 1001, xOffset: 8, outOffset: 24 },
        { activation: 'mish', pass: 'forward', dtype, inputs: 4099, xOffset: 16, inPlace: 'x', encoder: true },
        { activation: 'mish', pass: 'backward', dtype, inputs: 1003, xOffset: 8, dyOffset: 16, inPlace: 'dy' },
        { activation: 'mish', pass: 'backward', dtype, inputs: 65_537, xOffset: 2, dyOffset: 7, outOffset: 4 },
        { activation: 'mish', pass: 'backward', dtype, inputs: 1001, xOffset: 1, dyOffset: 3, inPlace: 'dy' },
        { activation: 'mish', pass: 'backward', dtype, inputs: 999, xOffset: 6, dyOffset: 0, inPlace: 'x' },
      ];
      for (const spec of specs) {
        const result = await run(spec);
        expect(result.gpuErrors).toEqual([]);
        expect(result.failures, `${JSON.stringify(spec)}:\n${result.report}`).toBe(0);
        expect(result.checked).toBe(spec.inputs);
      }
    });
  }
});
