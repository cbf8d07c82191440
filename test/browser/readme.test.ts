// The README's usage examples, unchanged, against the built dist/index.js, dist/tfjs.js and dist/typegpu.js: each logs one line of
// values, checked against the float64 reference within the package's bounds (the graph example's, a converted model
// loaded through withFusedMish, against the same model loaded as it is).
import { describe, expect, inject, it } from 'vitest';
import { MODEL_DIFFERENCE, withinAllowance } from '../support/tolerances.js';
import type {} from './readme-entry.js';
import { openSuitePage } from './page.js';
import type { ReadmeExample } from './readme-example.js';

/** What each example logs: mish at these inputs, then (tfjs) mish' at these inputs. */
const EXPECTED: Record<Exclude<ReadmeExample, 'graph'>, { forward: number[]; backward: number[] }> = {
  core: { forward: [-2, -1, 0, 1], backward: [] },
  tfjs: { forward: [-1, 0, 1], backward: [-1, 0, 1] },
  typegpu: { forward: [-2, -1, 0, 1], backward: [-2, -1, 0, 1] },
};

async function runExample(name: ReadmeExample): Promise<{ logs: string[]; reference?: { values: number[]; scale: number } }> {
  const { page, errors, logs, close } = await openSuitePage(`/test/browser/readme.html?example=${name}`);
  try {
    await page.waitForFunction(() => window.readmeExample?.done === true, { timeout: 120_000 });
    expect(await page.evaluate(() => window.readmeExample?.error)).toBeUndefined();
    expect(errors).toEqual([]);
    const reference = await page.evaluate(() => window.readmeExample?.reference);
    return reference === undefined ? { logs } : { logs, reference };
  } finally {
    await close();
  }
}

describe.skipIf(inject('browser').adapter === null)('README usage examples', () => {
  for (const name of ['core', 'tfjs', 'typegpu'] as const) {
    it(`${name}: runs against dist/ and logs the values it says`, async () => {
      const { logs } = await runExample(name);
      console.log(`the ${name} example printed: ${logs.join(' | ')}`);
      expect(logs).toHaveLength(1);
      const values = (logs[0] as string).split(' ').map(Number);
      const { forward, backward } = EXPECTED[name];
      expect(values).toHaveLength(forward.length + backward.length);
      forward.forEach((x, i) => {
        expect(withinAllowance('mish', 'forward', x, 1, values[i] as number), `mish(${x}) = ${values[i]}`).toBe(true);
      });
      backward.forEach((x, i) => {
        const got = values[forward.length + i] as number;
        expect(withinAllowance('mish', 'backward', x, 1, got), `mish'(${x}) = ${got}`).toBe(true);
      });
    });
  }

  it('graph: loads a converted model through withFusedMish against dist/ and logs what the model as it is computes', async () => {
    const { logs, reference } = await runExample('graph');
    expect(logs).toHaveLength(1);
    const values = (logs[0] as string).split(' ').map(Number);
    expect(reference?.values).toHaveLength(4);
    const { values: expected, scale } = reference as { values: number[]; scale: number };
    values.forEach((value, i) => {
      expect(Math.abs(value - (expected[i] as number)) / scale, `output ${i}: ${value}`).toBeLessThanOrEqual(MODEL_DIFFERENCE);
    });
  });
});
