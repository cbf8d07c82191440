/**
 * Runs in the page: how the TF.js cases judge results. The package's bounds (test/support/tolerances.ts), the
 * special values of the activations' registry, and a small report of the first failures.
 */
import { bitsOf, ulpOf } from '../../../common/f32.js';
import { ACTIVATIONS } from '../../../src/testing.js';
import { mishGrad2 } from '../../../src/index.js';
import { allowedError, expectedValue, MISH_BOUNDS, mishGrad2Bound, withinAllowance } from '../../support/tolerances.js';

/** Failures listed in a report. */
const REPORTED = 8;

export interface Check {
  checked: number;
  failures: number;
  report: string;
  /** Worst error in ulps of the expected value (forward) or beyond the absolute term (backward), for dy = 1. */
  worstUlp: number;
  worstAt: number;
}

export function newCheck(): Check {
  return { checked: 0, failures: 0, report: '', worstUlp: 0, worstAt: 0 };
}

export function fail(check: Check, line: string): void {
  check.failures++;
  if (check.failures <= REPORTED) check.report += `${line}\n`;
}

/** The defined result for NaN, ±∞ (and forward ±0), from the registry; undefined for other inputs. */
function specialResult(pass: 'forward' | 'backward', x: number, dy: number): number | undefined {
  const { special } = ACTIVATIONS.mish;
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return dy * special[pass].plusInfinity;
  if (x === Number.NEGATIVE_INFINITY) return dy * special[pass].minusInfinity;
  if (x === 0 && pass === 'forward') return x;
  return undefined;
}

/** Mish's `got` for x (and dy) against the package's bound, or a special value exactly (NaN: any NaN). */
export function compareMish(check: Check, pass: 'forward' | 'backward', x: number, dy: number, got: number): void {
  check.checked++;
  const describe = `x=${x} (0x${bitsOf(x).toString(16)}) dy=${dy} | got ${Object.is(got, -0) ? '-0' : got}`;
  const special = specialResult(pass, x, dy);
  if (special !== undefined) {
    if (!(Number.isNaN(special) ? Number.isNaN(got) : Object.is(got, special))) {
      fail(check, `${describe} | expected ${Object.is(special, -0) ? '-0' : special}`);
    }
    return;
  }
  const expected = expectedValue('mish', pass, x, dy);
  const error = Math.abs(got - expected);
  const unit = ulpOf(expected);
  const beyond = pass === 'forward' ? error / unit : Math.max(0, error - Math.abs(dy) * MISH_BOUNDS.backwardAbsolute) / unit;
  const zeroAllowed = allowedError('mish', pass, x, dy).orSignedZero && got === 0;
  if (!zeroAllowed && beyond > check.worstUlp && dy === 1) Object.assign(check, { worstUlp: beyond, worstAt: x });
  if (!withinAllowance('mish', pass, x, dy, got)) {
    const bound = allowedError('mish', pass, x, dy).bound;
    fail(check, `${describe} | expected ${expected} | error ${(error / unit).toPrecision(4)} ulp, allowed ${(bound / unit).toPrecision(4)}`);
  }
}

/**
 * A second-order gradient v·mish''(x) against the float64 reference and its bound (tolerances.ts; `gpuExp`: the
 * backend's exp is a GPU's); NaN gives NaN and ±∞ a zero. The worst error is in units of the bound.
 */
export function compareMishGrad2(check: Check, x: number, v: number, got: number, gpuExp: boolean): void {
  check.checked++;
  const describe = `x=${x} (0x${bitsOf(x).toString(16)}) v=${v} | got ${Object.is(got, -0) ? '-0' : got}`;
  if (!Number.isFinite(x)) {
    if (!(Number.isNaN(x) ? Number.isNaN(got) : got === 0)) fail(check, `${describe} | expected ${Number.isNaN(x) ? 'NaN' : 'a zero'}`);
    return;
  }
  const expected = v * mishGrad2(x);
  const bound = mishGrad2Bound(x, v, gpuExp);
  const share = Math.abs(got - expected) / bound;
  if (share > check.worstUlp) Object.assign(check, { worstUlp: share, worstAt: x });
  if (!(share <= 1)) fail(check, `${describe} | expected ${expected} | error ${Math.abs(got - expected)}, allowed ${bound}`);
}
