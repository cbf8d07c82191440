// The exported WGSL snippet, fused into a shader of one's own as the README shows, on the real adapter.
import { describe, expect, inject, it } from 'vitest';
import { useHarness } from './page.js';

describe.skipIf(inject('chrome').adapter === null)('mishWgsl in a shader of your own', () => {
  const harness = useHarness('dist');

  it('compiles and computes mish in place, as the README example does', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runSnippet());
    expect(result.gpuErrors).toEqual([]);
    expect(result.failures, result.report).toBe(0);
  });
});
