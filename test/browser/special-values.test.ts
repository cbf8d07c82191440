// Special values, checked bit for bit on the adapter (drivers may fold float checks away under WGSL's
// finite-math assumption, so the kernels decide them on bit patterns and the test feeds bit patterns):
// f(NaN) = NaN, f(+∞), f(−∞), f(±0) as defined in shaders/*.wgsl, subnormal inputs within the bound or a zero
// of the right sign (Swish: also subnormal results), and the largest finite inputs. Runs on the source and on dist/index.js.
import { describe, expect, inject, it } from 'vitest';
import type { Activation, Pass } from '../../src/index.js';
import { SPECIAL_VALUES } from '../../accuracy/metrics.js';
import { mish, mishGrad, swish, swishGrad } from '../../src/reference.js';
import { bitsOf, fromBits, ulpOf } from '../support/f32.js';
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

/** What one output must be: exact bits, any NaN, or a value within `ulps` (2⁻¹⁴⁹ units below 2⁻¹²⁶). */
type Expected = { bits: number } | { nan: true } | { value: number; ulps: number; orSignedZero: boolean };

const exactBits = (value: number): Expected => ({ bits: bitsOf(value) });

function expectedFor(activation: Activation, pass: Pass, xBits: number): Expected {
  if (NANS.includes(xBits)) return { nan: true };
  const x = fromBits(xBits);
  const subnormal = x !== 0 && Math.abs(x) < 2 ** -126;
  if (activation === 'relu') {
    if (pass === 'forward') return exactBits(x > 0 ? x : 0);
    return exactBits(x > 0 ? 1 : 0);
  }
  const forward = pass === 'forward';
  const defined = SPECIAL_VALUES[`${activation} ${pass}`];
  if (defined === null) throw new Error(`no special values defined for ${activation} ${pass}`);
  if (x === Number.POSITIVE_INFINITY) return exactBits(defined.plusInfinity);
  if (x === Number.NEGATIVE_INFINITY) return exactBits(defined.minusInfinity);
  if (x === 0) return forward ? exactBits(x) : { value: activation === 'mish' ? 0.6 : 0.5, ulps: 4, orSignedZero: false };
  const reference = activation === 'mish' ? (forward ? mish : mishGrad) : forward ? swish : swishGrad;
  const value = reference(x);
  // Subnormal inputs may be flushed; so may Swish's subnormal results (only Mish forward writes them as bits).
  const flushable = subnormal || (activation === 'swish' && Math.abs(value) < 2 ** -126);
  return { value, ulps: 4, orSignedZero: forward && flushable };
}

function check(expected: Expected, gotBits: number, xBits: number): string | null {
  const got = fromBits(gotBits);
  const describe = `x = 0x${xBits.toString(16).padStart(8, '0')} (${fromBits(xBits)}): got 0x${gotBits.toString(16).padStart(8, '0')} (${got})`;
  if ('nan' in expected) return Number.isNaN(got) ? null : `${describe}, expected NaN`;
  if ('bits' in expected) {
    return gotBits === expected.bits ? null : `${describe}, expected 0x${expected.bits.toString(16).padStart(8, '0')}`;
  }
  if (expected.orSignedZero && got === 0 && Object.is(got, expected.value < 0 ? -0 : 0)) return null;
  const unit = Math.abs(expected.value) < 2 ** -126 ? 2 ** -149 : ulpOf(expected.value);
  const error = Math.abs(got - expected.value) / unit;
  return error <= expected.ulps ? null : `${describe}, expected ${expected.value} (error ${error.toPrecision(4)} ulp)`;
}

const INPUTS = [...NANS, PLUS_INFINITY, MINUS_INFINITY, PLUS_ZERO, MINUS_ZERO, ...SUBNORMALS, ...SMALLEST_NORMALS, ...LARGEST];

for (const build of ['src', 'dist'] as const) {
  describe.skipIf(inject('chrome').adapter === null)(`special values (${build})`, () => {
    const harness = useHarness(build);
    for (const activation of ['mish', 'swish', 'relu'] as const) {
      for (const pass of ['forward', 'backward'] as const) {
        it(`${activation} ${pass}: NaN, ±∞, ±0, subnormal, smallest normal and largest inputs`, async () => {
          const result = await harness().page.evaluate(
            (a, p, xs) => window.harness!.runBits(a, p, xs),
            activation,
            pass,
            INPUTS,
          );
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
        const result = await harness().page.evaluate(
          (a, x, dy) => window.harness!.runBits(a, 'backward', x, dy),
          activation,
          xs,
          dys,
        );
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
