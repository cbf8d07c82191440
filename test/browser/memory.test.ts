// Bounded GPU memory under range churn (issue 29): thousands of calls with new ranges, self-submitted and recorded
// into one encoder, keep at most MAX_LIVE_BUFFERS package buffers alive, compute every range right and write
// nothing else, with no GPU error (test/harness/churn-cases.ts).
import { describe, expect, inject, it } from 'vitest';
import { CHURN, describeChurn, MAX_LIVE_BUFFERS } from '../support/churn-settings.js';
import { useHarness } from './page.js';

describe.skipIf(inject('browser').adapter === null)('GPU memory under range churn', () => {
  const harness = useHarness('src');

  it(`${CHURN.submitted} self-submitted and ${CHURN.recorded} recorded calls, each a new range`, async () => {
    const result = await harness().page.evaluate((s, r) => window.harness!.runRangeChurn(s, r), CHURN.submitted, CHURN.recorded);
    console.log(describeChurn(result, inject('browser').name));
    expect(result.gpuErrors).toEqual([]);
    expect({ wrongInside: result.wrongInside, writtenOutside: result.writtenOutside }).toEqual({ wrongInside: 0, writtenOutside: 0 });
    expect(result.mostAlive).toBeLessThanOrEqual(MAX_LIVE_BUFFERS);
    expect(result.created).toBe(result.aliveAtEnd);
    expect(result.created).toBeLessThanOrEqual(MAX_LIVE_BUFFERS);
  });
});
