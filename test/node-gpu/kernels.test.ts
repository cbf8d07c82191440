// The parity checks in Node.js, through the `webgpu` package, on the built dist/index.js as Node users import it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Lib } from '../harness/index.js';
import { setUpNodeGpu } from '../../common/node-gpu.js';
import { CHURN, describeChurn, MAX_LIVE_BUFFERS } from '../support/churn-settings.js';
import { PLANS_PER_BUFFER } from '../../src/testing.js';
import { CI_FUZZ, describeFuzz } from '../support/fuzz-settings.js';
import {
  FOREIGN_BUFFER_ERROR,
  PREPARED_PIPELINES,
  RUNTIME_ENCODER_CALLS,
  RUNTIME_KERNELS,
  RUNTIME_LENGTH_PERIOD,
  runtimeCases,
} from '../support/runtime-cases.js';

// Built by `npm run build`, which runs after the typecheck: a path the typechecker does not follow.
const distEntry = '../../dist/index.js';
const lib = (await import(/* @vite-ignore */ distEntry)) as Lib;
const gpu = await setUpNodeGpu();
if (gpu.problem !== null) {
  if (process.env.CI) throw new Error(`Node WebGPU suite: ${gpu.problem}`);
  console.warn(`Node WebGPU suite skipped: ${gpu.problem}`);
}

describe.skipIf(gpu.adapter === null)('kernels in Node.js (webgpu package, dist/index.js)', () => {
  let harness: Harness;
  beforeAll(() => {
    harness = createHarness(lib);
  });
  afterAll(() => {
    // Let Dawn's process-wide instance go: nothing else holds the devices.
    harness = undefined as unknown as Harness;
  });

  for (const { activation, pass } of RUNTIME_KERNELS) {
    it(`${activation} ${pass}`, async () => {
      for (const spec of runtimeCases(activation, pass)) {
        const result = await harness.runCase(spec);
        expect(result.gpuErrors).toEqual([]);
        expect(result.failures, result.report).toBe(0);
        expect(result.checked).toBe(spec.length);
      }
      const batch = await harness.runEncoderBatch(activation, pass);
      expect(batch.failures, batch.report).toBe(0);
    });
  }

  it('3 000 and 10 000 distinct ranges in one encoder: every call computes its own range and nothing else', async () => {
    for (const calls of RUNTIME_ENCODER_CALLS) {
      const result = await harness.runManyRanges(calls, RUNTIME_LENGTH_PERIOD);
      expect(result.gpuErrors).toEqual([]);
      expect({ wrongInside: result.wrongInside, writtenOutside: result.writtenOutside }).toEqual({ wrongInside: 0, writtenOutside: 0 });
    }
  });

  it("range churn: new ranges, self-submitted and recorded, keep the package's buffers bounded and compute right", async () => {
    const result = await harness.runRangeChurn(CHURN.submitted, CHURN.recorded);
    console.log(describeChurn(result, 'Node, Dawn, dist/index.js'));
    expect(result.gpuErrors).toEqual([]);
    expect({ wrongInside: result.wrongInside, writtenOutside: result.writtenOutside }).toEqual({ wrongInside: 0, writtenOutside: 0 });
    expect(result.mostAlive).toBeLessThanOrEqual(MAX_LIVE_BUFFERS);
    expect(result.created).toBeLessThanOrEqual(MAX_LIVE_BUFFERS);
  });

  it('prepare() settles on Dawn (pipelines built one per task) and calls after it build nothing', async () => {
    const awaited = await harness.runPrepare(true);
    expect(awaited.gpuErrors).toEqual([]);
    expect(awaited.pipelines).toBe(PREPARED_PIPELINES);
    expect(awaited.pipelinesAfter).toBe(0);
    expect(awaited.failures).toBe(0);
    const racing = await harness.runPrepare(false);
    expect(racing.gpuErrors).toEqual([]);
    expect(racing.failures).toBe(0);
  });

  it("a call with another device's buffers: Dawn reports it, the right device's calls stay right, the repeated mistake throws", async () => {
    const result = await harness.runForeignBuffers();
    expect(result.firstThrew).toBeNull();
    expect(result.deviceError).not.toBeNull();
    expect(result.failures).toBe(0);
    expect(result.bErrors).toEqual([]);
    expect(result.againThrew).toMatch(FOREIGN_BUFFER_ERROR);
  });

  it(`differential fuzz of the call path (seed ${CI_FUZZ.seed})`, async () => {
    const report = await harness.runFuzz(CI_FUZZ);
    console.log(describeFuzz(report, 'Node, Dawn, dist/index.js'));
    expect(report.failed, describeFuzz(report, 'Node')).toBe(false);
    expect(report.runs).toBe(CI_FUZZ.runs);
    expect(report.atBoundaries).toBeGreaterThan(CI_FUZZ.runs);
    // More distinct calls writing one buffer in one encoder than the plans kept per buffer (PLANS_PER_BUFFER).
    expect(report.mostRangesOfOneBuffer).toBeGreaterThan(PLANS_PER_BUFFER);
  });
});
