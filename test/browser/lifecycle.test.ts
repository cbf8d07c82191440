// prepare() and device loss, on the real adapter (library source).
import { describe, expect, inject, it } from 'vitest';
import { useHarness } from './page.js';

// 3 activations × (forward: 2 binding layouts + backward: 3) × 9 memory accesses (f32: vec4 bound exactly or not,
// and scalar; f16 and bf16: eight at a time bound exactly or not, and a word at a time).
const PREPARED_PIPELINES = 3 * (2 + 3) * 9;

describe.skipIf(inject('browser').adapter === null)('lifecycle', () => {
  const harness = useHarness('src');

  it('prepare() builds every pipeline before the first call', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runPrepare(true));
    expect(result.gpuErrors).toEqual([]);
    expect(result.pipelines).toBe(PREPARED_PIPELINES);
    expect(result.failures).toBe(0);
  });

  it('calls made before prepare() settles still work', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runPrepare(false));
    expect(result.gpuErrors).toEqual([]);
    expect(result.pipelines).toBe(PREPARED_PIPELINES);
    expect(result.failures).toBe(0);
  });

  it('a call on a lost device throws and says so; a new device works', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runDeviceLoss());
    expect(result.reason).toBe('destroyed');
    expect(result.message).toMatch(/^Error: mishForward: the device was lost \(destroyed.*\); request a new device/);
    expect(result.failuresAfter).toBe(0);
  });
});
