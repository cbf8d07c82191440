// Special values, checked bit for bit on the adapter (drivers may fold float checks away under WGSL's
// finite-math assumption, so the kernels decide them on bit patterns and the test feeds bit patterns):
// f(NaN) = NaN, f(+∞), f(−∞), f(±0) as defined in shaders/*.wgsl, subnormal inputs within the bound or a zero
// of the right sign (Swish: also subnormal results), and the largest finite inputs. Runs on the source and on dist/index.js.
import { describe, expect, inject, it } from 'vitest';
import { bitsOf, fromBits } from '../../common/f32.js';
import type { Activation, Pass } from '../../src/index.js';
import { ACTIVATIONS } from '../../src/testing.js';
import { thresholdInputs } from '../support/inputs.js';
import { expectedValue, withinAllowance } from '../support/tolerances.js';
import { useHarness } from './page.js';

const NANS = [0x7fc00000, 0x7f800001, 0x7fffffff, 0xffc00000, 0xff800001, 0xffffffff];
const PLUS_INFINITY = 0x7f800000;
const MINUS_INFINITY = 0xff800000;
const PLUS_ZERO = 0x00000000;
const MINUS_ZERO = 0x80000000;
const SUBNORMALS = [0x00000001, 0x80000001, 0x00400000, 0x80400000, 0x007fffff, 0x807fffff];
/** ±2⁻¹²⁶ and just above: Mish and Swish of these are subnormal results, which must not be flushed. */
const SMALLEST_NORMALS = [0x00800000, 0x80800000, 0x00a00000, 0x80a00000];
const LARGEST = [0x7f7fffff, 0xff7fffff, 0x4b000000, 0xcb000000];

/** What one output must be: exact bits, any NaN, or a value within the bound of test/support/tolerances.ts. */
type Expected = { bits: number } | { nan: true } | { activation: Activation; pass: Pass; x: number };

const exactBits = (value: number): Expected => ({ bits: bitsOf(value) });

/** The registry's special values for NaN, ±∞ and forward ±0; ReLU exact everywhere; the bound otherwise. */
function expectedFor(activation: Activation, pass: Pass, xBits: number): Expected {
  if (NANS.includes(xBits)) return { nan: true };
  const x = fromBits(xBits);
  const { special, bounds } = ACTIVATIONS[activation];
  if (x === Number.POSITIVE_INFINITY) return exactBits(special[pass].plusInfinity);
  if (x === Number.NEGATIVE_INFINITY) return exactBits(special[pass].minusInfinity);
  if (x === 0 && pass === 'forward') return exactBits(special.zero === 'same' ? x : 0);
  if (bounds === 'exact') return exactBits(expectedValue(activation, pass, x, 1));
  return { activation, pass, x };
}

function check(expected: Expected, gotBits: number, xBits: number): string | null {
  const got = fromBits(gotBits);
  const describe = `x = 0x${xBits.toString(16).padStart(8, '0')} (${fromBits(xBits)}): got 0x${gotBits.toString(16).padStart(8, '0')} (${got})`;
  if ('nan' in expected) return Number.isNaN(got) ? null : `${describe}, expected NaN`;
  if ('bits' in expected) {
    return gotBits === expected.bits ? null : `${describe}, expected 0x${expected.bits.toString(16).padStart(8, '0')}`;
  }
  const { activation, pass, x } = expected;
  return withinAllowance(activation, pass, x, 1, got) ? null : `${describe}, expected ${expectedValue(activation, pass, x, 1)}`;
}

/** Either side of the thresholds where shaders/mish.wgsl switches formulas (x ≥ 22: mish' = 1; x < −120: 0). */
const THRESHOLDS = thresholdInputs.map(bitsOf);
const INPUTS = [...NANS, PLUS_INFINITY, MINUS_INFINITY, PLUS_ZERO, MINUS_ZERO, ...SUBNORMALS, ...SMALLEST_NORMALS, ...LARGEST, ...THRESHOLDS];

for (const build of ['src', 'dist'] as const) {
  describe.skipIf(inject('browser').adapter === null)(`special values (${build})`, () => {
    const harness = useHarness(build);
    for (const activation of ['mish', 'swish', 'relu'] as const) {
      for (const pass of ['forward', 'backward'] as const) {
        it(`${activation} ${pass}: NaN, ±∞, ±0, subnormal, smallest normal, largest and threshold inputs`, async () => {
          const result = await harness().page.evaluate((a, p, xs) => window.harness!.runBits(a, p, xs), activation, pass, INPUTS);
          expect(result.gpuErrors).toEqual([]);
          const failures = INPUTS.map((xBits, i) => check(expectedFor(activation, pass, xBits), result.outBits[i] as number, xBits));
          expect(failures.filter((line) => line !== null)).toEqual([]);
        });
      }
    }

    it('backward scales the special derivatives by dy (dy = 2 and dy = −0.5)', async () => {
      const xs = [PLUS_INFINITY, MINUS_INFINITY, NANS[0] as number, PLUS_INFINITY, MINUS_INFINITY];
      const dys = [bitsOf(2), bitsOf(2), bitsOf(2), bitsOf(-0.5), bitsOf(-0.5)];
      for (const activation of ['mish', 'swish', 'relu'] as const) {
        const result = await harness().page.evaluate((a, x, dy) => window.harness!.runBits(a, 'backward', x, dy), activation, xs, dys);
        expect(result.gpuErrors).toEqual([]);
        const got = result.outBits.map(fromBits);
        expect(got[0], `${activation}'(+∞)·2`).toBe(2);
        expect(Object.is(got[1], 0), `${activation}'(−∞)·2 = +0, got ${got[1]}`).toBe(true);
        expect(got[2], `${activation}'(NaN)·2`).toBeNaN();
        expect(got[3], `${activation}'(+∞)·(−0.5)`).toBe(-0.5);
        expect(Object.is(got[4], -0), `${activation}'(−∞)·(−0.5) = −0, got ${got[4]}`).toBe(true);
      }
    });
  });
}
