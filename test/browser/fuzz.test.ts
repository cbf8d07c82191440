// The differential fuzz of the call path (test/harness/fuzz/) on the real adapter, library source, fixed seed.
import { describe, expect, inject, it } from 'vitest';
import { BROWSER_LABELS } from '../../common/browsers.js';
import { PLANS_PER_BUFFER, RULE_TILINGS, tilingName } from '../../src/testing.js';
import { CI_FUZZ, describeFuzz, TILING_FUZZ_RUNS } from '../support/fuzz-settings.js';
import { useHarness } from './page.js';

const { name, adapter } = inject('browser');
const where = BROWSER_LABELS[name];

describe.skipIf(adapter === null)('differential fuzz of the call path', () => {
  const harness = useHarness('src');

  it(`random call sequences against a CPU model of the buffers (seed ${CI_FUZZ.seed})`, async () => {
    const report = await harness().page.evaluate((options) => window.harness!.runFuzz(options), CI_FUZZ);
    console.log(describeFuzz(report, where));
    expect(report.failed, describeFuzz(report, where)).toBe(false);
    expect(report.runs).toBe(CI_FUZZ.runs);
    // Calls that bind their buffers exactly over the range (every offset at a 256-byte boundary) are among them.
    expect(report.atBoundaries).toBeGreaterThan(CI_FUZZ.runs);
    // More distinct calls writing one buffer in one encoder than the plans kept per buffer (PLANS_PER_BUFFER).
    expect(report.mostRangesOfOneBuffer).toBeGreaterThan(PLANS_PER_BUFFER);
  });

  // Every shape the tiling rule gives some adapter, forced on this one: fewer runs each, other sequences (seeds).
  for (const [k, tiling] of RULE_TILINGS.entries()) {
    const options = { ...CI_FUZZ, seed: CI_FUZZ.seed + 1 + k, runs: TILING_FUZZ_RUNS, tiling };
    it(`under tiling ${tilingName(tiling)} (seed ${options.seed}, ${options.runs} runs)`, async () => {
      const report = await harness().page.evaluate((o) => window.harness!.runFuzz(o), options);
      const label = `${where}, tiling ${tilingName(tiling)}`;
      console.log(describeFuzz(report, label));
      expect(report.failed, describeFuzz(report, label)).toBe(false);
      expect(report.runs).toBe(options.runs);
    });
  }
});

describe.skipIf(adapter === null)('the differential fuzz rejects a slightly wrong call path', () => {
  const harness = useHarness('src');

  for (const mutant of ['mish-ln2-lo', 'relu-one-past-the-end', 'swish-backward-dy-shifted', 'relu-backward-boundary-dy-late'] as const) {
    it(`${mutant}: the fuzz fails and shrinks it to a short sequence`, async () => {
      const report = await harness().page.evaluate((options) => window.harness!.runFuzz(options), { ...CI_FUZZ, mutant });
      console.log(describeFuzz(report, `${where}, mutant ${mutant}`));
      expect(report.failed, `the fuzz passed on the mutant ${mutant}`).toBe(true);
    });
  }
});
