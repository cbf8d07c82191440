// Bad arguments on a real device: the call throws synchronously and leaves no GPU error behind.
import { describe, expect, inject, it } from 'vitest';
import { useHarness } from './page.js';

const problems = [
  ['no-storage', /^TypeError: \w+: x lacks GPUBufferUsage.STORAGE/],
  ['too-small', /^RangeError: \w+: d?[xy] holds 4 f32 elements \(16 bytes\)/],
  ['fractional-offset', /^RangeError: \w+: xOffset must be a whole number/],
  ['negative-length', /^RangeError: \w+: length must be a whole number/],
  ['missing-buffer', /^TypeError: \w+: d?y must be a GPUBuffer \(got undefined\)/],
  ['overlap', /^RangeError: \w+: d?[xy] and x are the same buffer and their ranges overlap/],
  ['misspelt-option', /^TypeError: \w+: no option 'xoffset' in the call; did you mean 'xOffset'\? \(the options are x, d?y/],
] as const;

describe.skipIf(inject('browser').adapter === null)('bad arguments on the WebGPU adapter', () => {
  const harness = useHarness('src');

  for (const kernel of ['mish', 'relu', 'swish'] as const) {
    for (const pass of ['forward', 'backward'] as const) {
      it(`${kernel} ${pass}: throws at once, no validation error`, async () => {
        for (const [problem, message] of problems) {
          const result = await harness().page.evaluate((k, p, q) => window.harness!.runBadCall(k, p, q), kernel, pass, problem);
          expect(result.message, problem).toMatch(message);
          expect(result.gpuErrors, problem).toEqual([]);
        }
      });
    }
  }
});
