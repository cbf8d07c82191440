// Ranges longer than one storage binding: a device with WebGPU's default limits (128 MiB bindings) and 160 MB
// (40 M element) buffers. Every element is checked (a tiled input: the first period against the reference, the
// rest bit for bit against it), and the canaries around the range.
import { describe, expect, inject, it } from 'vitest';
import type { CaseSpec } from '../harness/index.js';
import { useHarness } from './page.js';

const LENGTH = 40_000_000;

describe.skipIf(inject('browser').adapter === null)(`ranges past the binding limit (${LENGTH} elements)`, () => {
  const harness = useHarness('src');

  const cases: Array<[string, CaseSpec]> = [
    ['forward', { activation: 'mish', pass: 'forward', length: LENGTH, xOffset: 3, outOffset: 5 }],
    ['forward in place', { activation: 'mish', pass: 'forward', length: LENGTH, xOffset: 3, inPlace: 'x' }],
    ['backward', { activation: 'mish', pass: 'backward', length: LENGTH, xOffset: 3, dyOffset: 1, outOffset: 7 }],
    ['backward in place (dx = dy)', { activation: 'mish', pass: 'backward', length: LENGTH, xOffset: 4, dyOffset: 8, inPlace: 'dy' }],
  ];
  for (const [name, spec] of cases) {
    it(`mish ${name}`, async () => {
      const result = await harness().page.evaluate((s) => window.harness!.runCase(s), { ...spec, pattern: 'tiled', defaultLimits: true } satisfies CaseSpec);
      console.log(`mish ${name}: ${LENGTH} elements in ${(result.milliseconds / 1000).toFixed(1)} s (upload, kernel, readback, check)`);
      expect(result.gpuErrors, 'GPU errors').toEqual([]);
      expect(result.failures, `mismatches:\n${result.report}`).toBe(0);
      expect(result.checked).toBe(LENGTH);
    });
  }
});
