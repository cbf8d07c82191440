// Off the main thread: in a dedicated module worker (navigator.gpu there), dist/index.js's prepare, mishForward and
// mishBackward, and dist/tfjs.js with a converted graph model rewritten at load (withFusedMish) on TF.js's WebGPU
// backend, as an app that keeps its page responsive runs them.
import { describe, expect, inject, it } from 'vitest';
import type {} from '../harness/worker/entry.js';
import type { WorkerReport } from '../harness/worker/report.js';
import { MODEL_DIFFERENCE, withinAllowance } from '../support/tolerances.js';
import { openSuitePage } from './page.js';

describe.skipIf(inject('browser').adapter === null)('in a module worker', () => {
  it('prepare, mishForward, mishBackward and a rewritten graph model on TF.js run and compute what they do on the page', async () => {
    const { page, errors, close } = await openSuitePage('/test/harness/worker/index.html', { ready: 'workerReport', failed: 'workerError' });
    let report: WorkerReport;
    try {
      report = (await page.evaluate(() => window.workerReport)) as WorkerReport;
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
    expect(report.inWorker).toBe(true);
    const { input, forward, backward } = report.kernels;
    input.forEach((x, i) => {
      expect(withinAllowance('mish', 'forward', x, 1, forward[i] as number), `mish(${x}) = ${forward[i]}`).toBe(true);
      expect(withinAllowance('mish', 'backward', x, 1, backward[i] as number), `mish'(${x}) = ${backward[i]}`).toBe(true);
    });
    const { backend, expected, values, kernels } = report.model;
    expect(backend).toBe('webgpu');
    expect(kernels).toContain('FusedConv2DMish');
    expect(values).toHaveLength(expected.length);
    const scale = Math.max(...expected.map(Math.abs));
    const worst = Math.max(...values.map((v, i) => Math.abs(v - (expected[i] as number)) / scale));
    expect(worst).toBeLessThanOrEqual(MODEL_DIFFERENCE);
    console.log(
      `worker: mish(${input.join(', ')}) = ${forward.join(', ')}; the rewritten model ran ${kernels.join(', ')} on ${backend}, within ${worst.toExponential(1)} of the model as it is`,
    );
  });
});
