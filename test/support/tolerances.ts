/**
 * Every tolerance of the parity tests, derived (not guessed) from the WGSL accuracy rules for f32 and from the
 * formula each kernel uses, the way the WebGPU conformance suite derives its intervals.
 *
 * Method: a first-order running error analysis. Each kernel's formula is evaluated here in float64 on values
 * that carry an absolute error bound `e`; every operation adds its own WGSL budget, in ulps of its result, to
 * the error it propagates from its operands:
 *   + − ×  correctly rounded           → 0.5 ulp
 *   ÷      WGSL: 2.5 ulp               → 2.5 ulp
 *   exp    WGSL: 3 + 2·|x| ulp         → (3 + 2|x|) ulp, plus exp's own amplification of its argument's error
 * and WGSL lets an implementation flush subnormals to zero, so any operand or result below 2⁻¹²⁶ may also be
 * off by its own magnitude (inputs included). The bound for an element is that error plus the difference between
 * the exact value of the kernel's formula and the float64 reference (the clamp at x = 20 makes that nonzero,
 * below 1e-15 relative).
 */
import { mish, mishGrad, relu, reluGrad, swish, swishGrad } from '../../src/reference.js';
import type { Activation, Pass } from '../../src/shaders.js';
import { BACKWARD_ABSOLUTE } from '../../accuracy/metrics.js';
import { MIN_NORMAL, ulpOf } from './f32.js';

/** WGSL accuracy of f32 division, in ulps. */
export const DIVISION_ULPS = 2.5;
/** Correctly rounded operations (+, −, ×) are within half an ulp. */
export const ROUNDED_ULPS = 0.5;
/** WGSL accuracy of f32 exp(x), in ulps. */
export function expUlps(x: number): number {
  return 3 + 2 * Math.abs(x);
}

/** A value of the formula with a bound on the absolute error of its f32 evaluation. */
interface Tracked {
  readonly v: number;
  readonly e: number;
  /** Whether the bound includes a flush of a subnormal to zero somewhere in the computation. */
  readonly flushed: boolean;
}

function rounded(v: number, propagated: number, ulps: number, operands: readonly Tracked[]): Tracked {
  // Budget in ulps of the (possibly larger) computed value; a result below 2⁻¹²⁶ may be flushed to zero.
  const flush = v !== 0 && Math.abs(v) < MIN_NORMAL;
  return {
    v,
    e: propagated + ulps * ulpOf(Math.abs(v) + propagated) + (flush ? MIN_NORMAL : 0),
    flushed: flush || operands.some((operand) => operand.flushed),
  };
}

function input(v: number): Tracked {
  const subnormal = v !== 0 && Math.abs(v) < MIN_NORMAL;
  return { v, e: subnormal ? Math.abs(v) : 0, flushed: subnormal };
}
const exact = (v: number): Tracked => ({ v, e: 0, flushed: false });
const add = (a: Tracked, b: Tracked): Tracked => rounded(a.v + b.v, a.e + b.e, ROUNDED_ULPS, [a, b]);
const sub = (a: Tracked, b: Tracked): Tracked => rounded(a.v - b.v, a.e + b.e, ROUNDED_ULPS, [a, b]);
const mul = (a: Tracked, b: Tracked): Tracked =>
  rounded(a.v * b.v, Math.abs(a.v) * b.e + Math.abs(b.v) * a.e + a.e * b.e, ROUNDED_ULPS, [a, b]);
function div(a: Tracked, b: Tracked): Tracked {
  const v = a.v / b.v;
  const margin = Math.abs(b.v) - b.e;
  const propagated = margin > 0 ? (a.e + Math.abs(v) * b.e) / margin : Number.POSITIVE_INFINITY;
  return rounded(v, propagated, DIVISION_ULPS, [a, b]);
}
function exp(a: Tracked): Tracked {
  const v = Math.exp(a.v);
  return rounded(v, v * Math.expm1(a.e), expUlps(a.v), [a]);
}
const minConst = (a: Tracked, c: number): Tracked => (a.v <= c ? a : exact(c));

/** The clamp of `shaders/mish.wgsl`. */
const MISH_CLAMP = 20;

function mishParts(x: Tracked): { e: Tracked; n: Tracked; d: Tracked } {
  const e = exp(minConst(x, MISH_CLAMP));
  const n = mul(e, add(e, exact(2)));
  return { e, n, d: add(n, exact(2)) };
}

function mishForwardTracked(x: Tracked): Tracked {
  const { n, d } = mishParts(x);
  return mul(x, div(n, d));
}

function mishGradTracked(xIn: Tracked): Tracked {
  const x = minConst(xIn, MISH_CLAMP);
  const { e, n, d } = mishParts(x);
  const r = div(exact(1), d);
  const numerator = mul(mul(exact(4), e), add(e, exact(1)));
  return add(mul(n, r), mul(mul(mul(x, numerator), r), r));
}

function sigmoidPair(x: Tracked): { sigma: Tracked; rest: Tracked } {
  const e = exp({ ...x, v: -Math.abs(x.v) });
  const r = div(exact(1), add(exact(1), e));
  const far = mul(e, r);
  return x.v >= 0 ? { sigma: r, rest: far } : { sigma: far, rest: r };
}

const forwardTracked: Record<Activation, (x: Tracked) => Tracked> = {
  mish: mishForwardTracked,
  relu: (x) => (x.v > 0 ? x : exact(0)),
  swish: (x) => mul(x, sigmoidPair(x).sigma),
};

const gradTracked: Record<Activation, (x: Tracked) => Tracked> = {
  mish: mishGradTracked,
  // A subnormal x may be flushed to zero before the comparison, so either side of the step is allowed for it.
  relu: (x) => (x.flushed && x.v > 0 ? { v: 1, e: 1, flushed: true } : exact(x.v > 0 ? 1 : 0)),
  swish: (x) => {
    const { sigma, rest } = sigmoidPair(x);
    return mul(sigma, add(exact(1), mul(x, rest)));
  },
};

const referenceForward: Record<Activation, (x: number) => number> = { mish, relu, swish };
const referenceGrad: Record<Activation, (x: number) => number> = { mish: mishGrad, relu: reluGrad, swish: swishGrad };

/** The float64 reference of one element. */
export function expectedValue(activation: Activation, pass: Pass, x: number, dy: number): number {
  return pass === 'forward' ? referenceForward[activation](x) : dy * referenceGrad[activation](x);
}

/**
 * The largest |got − expected| that the WGSL accuracy rules allow for one element of a kernel's output, and
 * whether that allowance includes flushing a subnormal (input, intermediate or result) to zero.
 */
export function allowedError(
  activation: Activation,
  pass: Pass,
  x: number,
  dy: number,
): { bound: number; flushed: boolean } {
  const tracked =
    pass === 'forward'
      ? forwardTracked[activation](input(x))
      : mul(input(dy), gradTracked[activation](input(x)));
  return {
    bound: tracked.e + Math.abs(tracked.v - expectedValue(activation, pass, x, dy)),
    flushed: tracked.flushed,
  };
}

/**
 * The bounds the package promises for Mish (README, docs/accuracy.md), which the `webgpu-mish/tfjs` op is held to:
 * forward within 4 ulp of the exact value (ulps of 2⁻¹⁴⁹ below 2⁻¹²⁶; a subnormal input may give a zero of its
 * sign); backward within 4 ulp + 2⁻²² of dy·mish'(x) for dy = 1, and for another dy that error scaled by |dy| plus
 * the rounding of the product (half an ulp, or the whole value where it is below 2⁻¹²⁶ and may be flushed).
 */
export const MISH_FORWARD_ULPS = 4;
export const MISH_BACKWARD_ULPS = 4;

export function promisedMishBound(pass: Pass, x: number, dy: number): { bound: number; orSignedZero: boolean } {
  const subnormalInput = x !== 0 && Math.abs(x) < MIN_NORMAL;
  if (pass === 'forward') return { bound: MISH_FORWARD_ULPS * ulpOf(mish(x)), orSignedZero: subnormalInput };
  const grad = mishGrad(x);
  const scaled = Math.abs(dy) * (MISH_BACKWARD_ULPS * ulpOf(grad) + BACKWARD_ABSOLUTE);
  if (dy === 1) return { bound: scaled, orSignedZero: false };
  const product = Math.abs(dy * grad);
  return { bound: scaled + (product < MIN_NORMAL ? MIN_NORMAL : ROUNDED_ULPS * ulpOf(product)), orSignedZero: false };
}
