// The tiling rule (src/tiling.ts) on what each runtime's device says of its adapter, and setTiling's argument checks.
import { describe, expect, it } from 'vitest';
import { setTiling } from '../../src/index.js';
import { RULE_TILINGS, TILINGS, tilingFor, tilingName } from '../../src/testing.js';

/** A stand-in device: setTiling reads only its limits and adapterInfo (no GPU work). */
function device(adapterInfo?: object): GPUDevice {
  return {
    limits: { maxComputeInvocationsPerWorkgroup: 256, maxComputeWorkgroupSizeX: 256 },
    queue: {},
    createComputePipeline() {
      throw new Error('no pipelines here');
    },
    ...(adapterInfo === undefined ? {} : { adapterInfo }),
  } as unknown as GPUDevice;
}

describe('the tiling rule', () => {
  it('gives each adapter we run its shape, from the info its device reports', () => {
    // As Chrome 156 and Dawn in Node, Deno and Firefox ESR 153 report them here.
    expect(tilingName(tilingFor({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: true }))).toBe(
      '256x8',
    );
    expect(tilingName(tilingFor({ vendor: '65541', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)', isFallbackAdapter: true }))).toBe(
      '256x1',
    );
    const unnamed = tilingFor({ vendor: '', architecture: '', description: '', isFallbackAdapter: true });
    expect(tilingName(unnamed)).toBe('256x1');
    expect(unnamed.reason).toMatch(/does not say which/);
  });

  it("gives hardware GPUs, and devices that say nothing, the vendors' baseline: 64 invocations, one vec4 each", () => {
    for (const info of [{ vendor: 'nvidia', architecture: 'ampere' }, { vendor: 'apple', architecture: 'metal-3' }, undefined]) {
      const choice = tilingFor(info);
      expect(tilingName(choice)).toBe('64x1');
      expect(choice.source).toBe('rule');
    }
  });

  it('chooses among the shapes the bench sweeps, and names every one it can choose', () => {
    expect(RULE_TILINGS.map(tilingName)).toEqual(['256x8', '256x1', '64x1']);
    for (const tiling of RULE_TILINGS) expect(TILINGS.map(tilingName)).toContain(tilingName(tiling));
    expect(new Set(RULE_TILINGS.map(tilingName)).size).toBe(RULE_TILINGS.length);
  });
});

describe('setTiling', () => {
  it('forces a shape, and "auto" goes back to the rule', () => {
    const d = device({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true });
    expect(setTiling(d, { workgroupSize: 64, chunksPerInvocation: 2 })).toMatchObject({ workgroupSize: 64, chunksPerInvocation: 2, source: 'forced' });
    expect(setTiling(d, 'auto')).toMatchObject({ workgroupSize: 256, chunksPerInvocation: 8, source: 'rule' });
  });

  it('rejects shapes the device cannot run, naming the limit', () => {
    const d = device();
    expect(() => setTiling(d, { workgroupSize: 512, chunksPerInvocation: 1 })).toThrow(
      /^setTiling: workgroupSize must be a whole number from 1 to 256 \(the device's limit\) \(got 512\)$/,
    );
    expect(() => setTiling(d, { workgroupSize: 64, chunksPerInvocation: 0 })).toThrow(RangeError);
    expect(() => setTiling(d, { workgroupSize: 64.5, chunksPerInvocation: 1 })).toThrow(/workgroupSize must be a whole number/);
    expect(() => setTiling(d, null as never)).toThrow(TypeError);
    expect(() => setTiling(d, 'fast' as never)).toThrow(/tiling must be \{ workgroupSize, chunksPerInvocation \} or 'auto'/);
    expect(() => setTiling({} as GPUDevice, 'auto')).toThrow(/^setTiling: device must be a GPUDevice/);
  });
});
