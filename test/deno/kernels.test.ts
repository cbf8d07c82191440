// The parity checks, the many-ranges stress case and the differential fuzz in Deno (WebGPU through wgpu, on
// llvmpipe without a GPU) on the built dist/index.js: test/deno/entry.ts, built into one file (common/deno.ts), run
// by the `deno` binary of the npm package.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInDeno } from '../../common/deno.js';
import { repoRoot } from '../../common/page-server.js';
import { CHURN, describeChurn, MAX_LIVE_BUFFERS } from '../support/churn-settings.js';
import { PLANS_PER_BUFFER } from '../../src/testing.js';
import { CI_FUZZ, describeFuzz } from '../support/fuzz-settings.js';
import { FOREIGN_BUFFER_ERROR, PREPARED_PIPELINES, RUNTIME_KERNELS } from '../support/runtime-cases.js';
import type { DenoReport } from './entry.js';

let report: DenoReport;

beforeAll(async () => {
  report = await runInDeno<DenoReport, never>('test/deno/entry.ts', { dist: pathToFileURL(resolve(repoRoot, 'dist/index.js')).href });
  const a = report.adapter;
  if (a === null) {
    if (process.env.CI) throw new Error('Deno offers no WebGPU adapter; CI needs one (apt-get install mesa-vulkan-drivers gives llvmpipe)');
    console.warn('Deno suite skipped: Deno offers no WebGPU adapter');
  } else {
    console.log(
      `Deno WebGPU adapter: vendor=${a.vendor || '-'} architecture=${a.architecture || '-'} description=${a.description || '-'} features=[${a.features.join(', ')}]`,
    );
  }
}, 300_000);

describe('kernels in Deno (wgpu, dist/index.js)', () => {
  for (const { activation, pass } of RUNTIME_KERNELS) {
    it(`${activation} ${pass}`, ({ skip }) => {
      if (report.adapter === null) skip('no adapter');
      const cases = report.cases.filter((c) => c.name === `${activation} ${pass}`);
      expect(cases.length).toBe(4);
      for (const { length, result } of cases) {
        expect(result.gpuErrors).toEqual([]);
        expect(result.failures, result.report).toBe(0);
        expect(result.checked).toBe(length);
      }
    });
  }

  it('3 000 and 10 000 distinct ranges in one encoder: every call computes its own range and nothing else', ({ skip }) => {
    if (report.adapter === null) skip('no adapter');
    expect(report.ranges.length).toBe(2);
    for (const result of report.ranges) {
      expect(result.gpuErrors).toEqual([]);
      expect({ wrongInside: result.wrongInside, writtenOutside: result.writtenOutside }).toEqual({ wrongInside: 0, writtenOutside: 0 });
    }
  });

  it(`range churn: ${CHURN.submitted} self-submitted and ${CHURN.recorded} recorded calls keep the package's buffers bounded`, ({ skip }) => {
    if (report.churn === null) skip('no adapter');
    const churn = report.churn as NonNullable<DenoReport['churn']>;
    console.log(describeChurn(churn, 'Deno, wgpu, dist/index.js'));
    expect(churn.gpuErrors).toEqual([]);
    expect({ wrongInside: churn.wrongInside, writtenOutside: churn.writtenOutside }).toEqual({ wrongInside: 0, writtenOutside: 0 });
    expect(churn.mostAlive).toBeLessThanOrEqual(MAX_LIVE_BUFFERS);
    expect(churn.created).toBeLessThanOrEqual(MAX_LIVE_BUFFERS);
  });

  it(`differential fuzz of the call path (seed ${CI_FUZZ.seed})`, ({ skip }) => {
    if (report.fuzz === null) skip('no adapter');
    const fuzz = report.fuzz as NonNullable<DenoReport['fuzz']>;
    console.log(describeFuzz(fuzz, 'Deno, wgpu, dist/index.js'));
    expect(fuzz.failed, describeFuzz(fuzz, 'Deno')).toBe(false);
    expect(fuzz.runs).toBe(CI_FUZZ.runs);
    expect(fuzz.atBoundaries).toBeGreaterThan(CI_FUZZ.runs);
    // More distinct calls writing one buffer in one encoder than the plans kept per buffer (PLANS_PER_BUFFER).
    expect(fuzz.mostRangesOfOneBuffer).toBeGreaterThan(PLANS_PER_BUFFER);
  });

  it('prepare() builds every pipeline before the first call', ({ skip }) => {
    if (report.prepare === null) skip('no adapter');
    const prepared = report.prepare as NonNullable<DenoReport['prepare']>;
    expect(prepared.gpuErrors).toEqual([]);
    expect(prepared.pipelines).toBe(PREPARED_PIPELINES);
    expect(prepared.pipelinesAfter).toBe(0);
    expect(prepared.failures).toBe(0);
  });

  it("a call with another device's buffers: wgpu reports it, the right device's calls stay right, the repeated mistake throws", ({ skip }) => {
    if (report.foreign === null) skip('no adapter');
    const foreign = report.foreign as NonNullable<DenoReport['foreign']>;
    expect(foreign.firstThrew).toBeNull();
    expect(foreign.deviceError).not.toBeNull();
    expect(foreign.failures).toBe(0);
    expect(foreign.bErrors).toEqual([]);
    expect(foreign.againThrew).toMatch(FOREIGN_BUFFER_ERROR);
  });
});
