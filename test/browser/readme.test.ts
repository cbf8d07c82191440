// The README's usage examples, unchanged, against the built dist/index.js and dist/tfjs.js: each logs one line of
// values, checked against the float64 reference within the package's bounds.
import { describe, expect, inject, it } from 'vitest';
import { withinAllowance } from '../support/tolerances.js';
import type {} from './readme-entry.js';
import { openSuitePage } from './page.js';
import type { ReadmeExample } from './readme-example.js';

/** What each example logs: mish at these inputs, then (tfjs) mish' at these inputs. */
const EXPECTED: Record<ReadmeExample, { forward: number[]; backward: number[] }> = {
  core: { forward: [-2, -1, 0, 1], backward: [] },
  tfjs: { forward: [-1, 0, 1], backward: [-1, 0, 1] },
};

async function runExample(name: ReadmeExample): Promise<string[]> {
  const { page, errors, logs, close } = await openSuitePage(`/test/browser/readme.html?example=${name}`);
  try {
    await page.waitForFunction(() => window.readmeExample?.done === true, { timeout: 120_000 });
    expect(await page.evaluate(() => window.readmeExample?.error)).toBeUndefined();
    expect(errors).toEqual([]);
    return logs;
  } finally {
    await close();
  }
}

describe.skipIf(inject('browser').adapter === null)('README usage examples', () => {
  for (const name of ['core', 'tfjs'] as const) {
    it(`${name}: runs against dist/ and logs the values it says`, async () => {
      const logs = await runExample(name);
      expect(logs).toHaveLength(1);
      const values = (logs[0] as string).split(' ').map(Number);
      const { forward, backward } = EXPECTED[name];
      expect(values).toHaveLength(forward.length + backward.length);
      forward.forEach((x, i) => expect(withinAllowance('mish', 'forward', x, 1, values[i] as number), `mish(${x}) = ${values[i]}`).toBe(true));
      backward.forEach((x, i) => {
        const got = values[forward.length + i] as number;
        expect(withinAllowance('mish', 'backward', x, 1, got), `mish'(${x}) = ${got}`).toBe(true);
      });
    });
  }
});
