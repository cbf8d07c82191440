// A test suite is only as good as the wrong kernel it rejects. Each kernel here is the package's with one constant
// moved a little (its WGSL patched before the pipeline is built); the per-element parity cases of the kernel suite
// (kernel-suite.ts) must fail on it, and they must pass on the kernel as it is.
import { describe, expect, inject, it } from 'vitest';
import type { Activation, Pass } from '../../src/index.js';
import type { CaseSpec } from '../harness/index.js';
import { parityCases } from './kernel-suite.js';
import type {} from '../harness/entry.js';
import { useHarness } from './page.js';

interface WrongKernel {
  name: string;
  activation: Activation;
  pass: Pass;
  patch: { find: string; replace: string };
}

const WRONG: WrongKernel[] = [
  {
    // ln 2's low part 1.4456e-6 instead of 1.42860677e-6: r is off by k·1.7e-8, about 20 ulp at x = −50.
    name: 'Mish forward with MISH_LN2_LO = 1.4456e-6',
    activation: 'mish',
    pass: 'forward',
    patch: { find: 'const MISH_LN2_LO: f32 = 1.42860677e-6;', replace: 'const MISH_LN2_LO: f32 = 1.4456e-6;' },
  },
  {
    // e = eˣ·(1 + 2·10⁻⁶) in mish' (about 17 ulp of e): mish' is off by up to about 17 ulp where its terms do not cancel.
    name: 'Mish backward with e^x scaled by 1.000002',
    activation: 'mish',
    pass: 'backward',
    patch: { find: '  let e = exp(xc);', replace: '  let e = exp(xc) * 1.000002;' },
  },
];

describe.skipIf(inject('browser').adapter === null)('the parity suite rejects a slightly wrong kernel', () => {
  const harness = useHarness('src');

  for (const wrong of WRONG) {
    it(`${wrong.name}: some parity case fails (and none does without the patch)`, async () => {
      const failed: string[] = [];
      let worst = 0;
      for (const [name, specs] of parityCases(wrong.activation, wrong.pass)) {
        for (const spec of specs) {
          const patched: CaseSpec = { ...spec, patch: wrong.patch };
          const withPatch = await harness().page.evaluate((s) => window.harness!.runCase(s), patched);
          const without = await harness().page.evaluate((s) => window.harness!.runCase(s), spec);
          expect(withPatch.gpuErrors, name).toEqual([]);
          expect(without.failures, `${name} without the patch:\n${without.report}`).toBe(0);
          if (withPatch.failures > 0) failed.push(`${name} (length ${spec.length}): ${withPatch.failures} elements`);
          worst = Math.max(worst, withPatch.worstUlp);
        }
      }
      console.log(`${wrong.name}: worst ${worst.toFixed(1)} ulp; failing cases:\n  ${failed.join('\n  ') || '(none)'}`);
      expect(failed.length, `no parity case failed on: ${wrong.name}`).toBeGreaterThan(0);
    });
  }
});
