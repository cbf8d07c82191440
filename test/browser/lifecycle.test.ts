// prepare(), two devices and device loss, on the real adapter (library source).
import { describe, expect, inject, it } from 'vitest';
import { FOREIGN_BUFFER_ERROR, PREPARED_PIPELINES } from '../support/runtime-cases.js';
import { useHarness } from './page.js';

describe.skipIf(inject('browser').adapter === null)('lifecycle', () => {
  const harness = useHarness('src');

  it('prepare() builds every pipeline before the first call', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runPrepare(true));
    expect(result.gpuErrors).toEqual([]);
    expect(result.pipelines).toBe(PREPARED_PIPELINES);
    expect(result.pipelinesAfter).toBe(0);
    expect(result.failures).toBe(0);
  });

  it('calls made before prepare() settles still work', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runPrepare(false));
    expect(result.gpuErrors).toEqual([]);
    // The call builds its one pipeline at once; prepare, started before it, may build that one too.
    expect(result.pipelines).toBeGreaterThanOrEqual(PREPARED_PIPELINES);
    expect(result.pipelines).toBeLessThanOrEqual(PREPARED_PIPELINES + 1);
    expect(result.failures).toBe(0);
  });

  it("setTiling forces a shape on a device and 'auto' restores the rule's; calls compute right under each", async () => {
    const forced = { workgroupSize: 64, chunksPerInvocation: 2 };
    const result = await harness().page.evaluate((t) => window.harness!.runSetTiling(t), forced);
    expect(result.gpuErrors).toEqual([]);
    expect(result.failures).toBe(0);
    expect(result.rule.source).toBe('rule');
    expect(result.forced).toMatchObject({ ...forced, source: 'forced' });
    expect(result.back).toEqual(result.rule);
  });

  it('tuneTiling measures every candidate, keeps the fastest, leaves no buffer behind and only its pipelines', async () => {
    const candidates = [
      { workgroupSize: 64, chunksPerInvocation: 1 },
      { workgroupSize: 128, chunksPerInvocation: 2 },
      { workgroupSize: 256, chunksPerInvocation: 8 },
    ];
    const { result, after, buffersLeft, pipelines, failures, gpuErrors } = await harness().page.evaluate((c) => window.harness!.runTuneTiling(c), candidates);
    expect(gpuErrors).toEqual([]);
    expect(failures).toBe(0);
    expect(result.measurements.map((m) => `${m.workgroupSize}x${m.chunksPerInvocation}`).sort()).toEqual(['128x2', '256x8', '64x1']);
    const times = result.measurements.map((m) => m.milliseconds);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => Number.isFinite(t) && t > 0)).toBe(true);
    const best = result.measurements[0] as (typeof result.measurements)[number];
    expect(result.choice).toMatchObject({ workgroupSize: best.workgroupSize, chunksPerInvocation: best.chunksPerInvocation, source: 'measured' });
    expect(after).toEqual(result.choice);
    expect(buffersLeft).toBe(0);
    // The chosen shape's four kernels (Mish and ReLU, forward and backward, bound exactly), and the checked call's.
    expect(pipelines).toBeLessThanOrEqual(5);
  });

  it("a call with another device's buffers: the device reports it, the right device's calls stay right, and the repeated mistake throws", async () => {
    const result = await harness().page.evaluate(() => window.harness!.runForeignBuffers());
    console.log(`foreign buffers: the first call ${result.firstThrew ?? 'did not throw'}; device A: ${result.deviceError}; again: ${result.againThrew}`);
    expect(result.firstThrew).toBeNull();
    expect(result.deviceError).not.toBeNull();
    expect(result.failures).toBe(0);
    expect(result.bErrors).toEqual([]);
    expect(result.againThrew).toMatch(FOREIGN_BUFFER_ERROR);
  });

  it('a call on a lost device throws and says so; a new device works', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runDeviceLoss());
    expect(result.reason).toBe('destroyed');
    expect(result.message).toMatch(/^DeviceLostError: mishForward: the device was lost \(destroyed.*\); request a new device/);
    expect(result.failuresAfter).toBe(0);
  });
});
