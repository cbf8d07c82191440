/**
 * Every bound a test holds a result to, and only here. For the package's kernels the bounds are the promised ones
 * (the activations' registry, README, docs/accuracy.md), not a model of a formula:
 *   - Mish f32: forward within 4 ulp of the exact value (ulps of 2⁻¹⁴⁹ below 2⁻¹²⁶; a subnormal input may give a
 *     zero of its sign, WGSL lets adapters flush it); backward within 4 ulp + 2⁻²² of mish'(x) for dy = 1, and for
 *     another dy that error scaled by |dy| plus the rounding of the product (half an ulp, or the whole value where
 *     it is below 2⁻¹²⁶ and may be flushed).
 *   - ReLU: exact (decided on bits: no rounding, no flushing).
 *   - 16-bit storage: within 1 ulp of the format (values that f32 arithmetic may flush to zero excepted).
 * Swish promises only its special values; its parity bound is what WGSL's accuracy rules give its formula
 * (swishBound below), so that a broken Swish kernel still fails.
 */
import { MIN_NORMAL, ulpOf } from '../../common/f32.js';
import { type Activation, mishGrad2, mishWgsl, type Pass } from '../../src/index.js';
import { ACTIVATIONS, type PromisedBounds, wgslConstant } from '../../src/testing.js';
import { type HalfFormat, roundToHalf } from '../../common/half.js';

/** Mish's promised bounds. */
export const MISH_BOUNDS = ACTIVATIONS.mish.bounds as PromisedBounds;

/** 16-bit results: within this many ulps of the format at the exact value. */
export const HALF_ULPS = 1;

/** The float64 reference of one element: f(x), or dy·f'(x). */
export function expectedValue(activation: Activation, pass: Pass, x: number, dy: number): number {
  const { reference } = ACTIVATIONS[activation];
  return pass === 'forward' ? reference.forward(x) : dy * reference.grad(x);
}

/** What one f32 output may be: within `bound` of the reference, or (where `orSignedZero`) a zero of x's sign. */
export interface Allowance {
  readonly bound: number;
  readonly orSignedZero: boolean;
  /**
   * WGSL lets an adapter flush a subnormal somewhere in this element's computation (x itself, exp(±x), or the
   * result): its error says little about the formula, so the worst-error figures the suite prints leave it out.
   */
  readonly flushable: boolean;
}

/** Below this, exp(x) is subnormal in f32 (ln 2⁻¹²⁶). */
const EXP_SUBNORMAL_BELOW = -87.33654475;

const ROUNDED_ULPS = 0.5;
const isSubnormal = (v: number): boolean => v !== 0 && Math.abs(v) < MIN_NORMAL;

/** The rounding of dy·f'(x) on top of f''s own error scaled by |dy|. */
function scaled(dy: number, gradError: number, product: number): number {
  if (dy === 1) return gradError;
  return Math.abs(dy) * gradError + (Math.abs(product) < MIN_NORMAL ? MIN_NORMAL : ROUNDED_ULPS * ulpOf(product));
}

function mishAllowance(pass: Pass, x: number, dy: number): Allowance {
  const { forwardUlps, backwardUlps, backwardAbsolute } = MISH_BOUNDS;
  if (pass === 'forward') {
    return { bound: forwardUlps * ulpOf(ACTIVATIONS.mish.reference.forward(x)), orSignedZero: isSubnormal(x), flushable: isSubnormal(x) };
  }
  const grad = ACTIVATIONS.mish.reference.grad(x);
  const bound = scaled(dy, backwardUlps * ulpOf(grad) + backwardAbsolute, dy * grad);
  return { bound, orSignedZero: false, flushable: isSubnormal(x) || x < EXP_SUBNORMAL_BELOW };
}

/**
 * Swish's bound from WGSL's rules, by a first-order running error analysis of its formula (shaders/swish.wgsl):
 * each operation adds its own budget, in ulps of its result, to the absolute error it inherits (+ − × half an ulp,
 * ÷ 2.5, exp(x) 3 + 2|x| plus its amplification of its argument's error), and any value below 2⁻¹²⁶, inputs
 * included, may be flushed to zero (off by its own magnitude).
 */
interface Tracked {
  readonly v: number;
  readonly e: number;
}
function rounded(v: number, inherited: number, ulps: number): Tracked {
  return { v, e: inherited + ulps * ulpOf(Math.abs(v) + inherited) + (isSubnormal(v) ? MIN_NORMAL : 0) };
}
const exact = (v: number): Tracked => ({ v, e: 0 });
const add = (a: Tracked, b: Tracked): Tracked => rounded(a.v + b.v, a.e + b.e, ROUNDED_ULPS);
const mul = (a: Tracked, b: Tracked): Tracked => rounded(a.v * b.v, Math.abs(a.v) * b.e + Math.abs(b.v) * a.e + a.e * b.e, ROUNDED_ULPS);
function div(a: Tracked, b: Tracked): Tracked {
  const v = a.v / b.v;
  const margin = Math.abs(b.v) - b.e;
  return rounded(v, margin > 0 ? (a.e + Math.abs(v) * b.e) / margin : Number.POSITIVE_INFINITY, 2.5);
}
function exp(a: Tracked): Tracked {
  const v = Math.exp(a.v);
  return rounded(v, v * Math.expm1(a.e), 3 + 2 * Math.abs(a.v));
}

function swishBound(pass: Pass, x: number, dy: number): number {
  const input: Tracked = { v: x, e: isSubnormal(x) ? Math.abs(x) : 0 };
  // σ(x) and 1 − σ(x) from e = exp(−|x|): r = 1/(1 + e) and e·r, swapped for x < 0.
  const e = exp({ ...input, v: -Math.abs(x) });
  const r = div(exact(1), add(exact(1), e));
  const far = mul(e, r);
  const [sigma, rest] = x >= 0 ? [r, far] : [far, r];
  const result = pass === 'forward' ? mul(input, sigma) : mul(sigma, add(exact(1), mul(input, rest)));
  const reference = pass === 'forward' ? ACTIVATIONS.swish.reference.forward(x) : ACTIVATIONS.swish.reference.grad(x);
  const bound = result.e + Math.abs(result.v - reference);
  return pass === 'forward' ? bound : scaled(dy, bound, dy * reference);
}

/**
 * How far one f32 output of a kernel may be from the float64 reference, and whether a zero of x's sign is
 * allowed instead (x subnormal, or a Swish result that WGSL lets an adapter flush).
 */
export function allowedError(activation: Activation, pass: Pass, x: number, dy: number): Allowance {
  if (activation === 'mish') return mishAllowance(pass, x, dy);
  if (activation === 'relu') return { bound: 0, orSignedZero: false, flushable: false };
  const flushable = isSubnormal(x) || -Math.abs(x) < EXP_SUBNORMAL_BELOW || isSubnormal(expectedValue('swish', pass, x, dy));
  return { bound: swishBound(pass, x, dy), orSignedZero: false, flushable };
}

/** Whether `got` is an allowed f32 output for x (and dy): within the bound, or an allowed signed zero. */
export function withinAllowance(activation: Activation, pass: Pass, x: number, dy: number, got: number): boolean {
  const expected = expectedValue(activation, pass, x, dy);
  if (got === expected) return true;
  const { bound, orSignedZero } = allowedError(activation, pass, x, dy);
  if (orSignedZero && got === 0 && Object.is(got, x < 0 ? -0 : 0)) return true;
  return Math.abs(got - expected) <= bound;
}

/**
 * Whether `got`, read from 16-bit storage, is an allowed result for x and dy (values of the format): the math is
 * f32, within the f32 allowance of the exact value, and the result is rounded once to the format, so it lies
 * between the roundings of the two ends of that interval (or is an allowed signed zero).
 */
export function withinHalfAllowance(activation: Activation, pass: Pass, format: HalfFormat, x: number, dy: number, got: number): boolean {
  const expected = expectedValue(activation, pass, x, dy);
  const { bound, orSignedZero } = allowedError(activation, pass, x, dy);
  if (got >= roundToHalf(format, expected - bound) && got <= roundToHalf(format, expected + bound)) return true;
  return orSignedZero && got === 0 && Object.is(got, x < 0 ? -0 : 0);
}

/**
 * Second-order gradients of the TF.js op: v·mish''(x), composed from TF.js ops (src/tfjs/composite.ts) with the
 * backend's exp. No kernel bound covers it; it is held to what its formula gives in f32: within
 * (GRAD2_TERM_ULPS + 2·(the exp's error in ulps))·2⁻²⁴ of the sum of its terms' magnitudes,
 * M(x) = 4e·(2(e + 1)(n + 2) + |x|·(n + 2) + 2|x|·ne)/(n + 2)³ (e = eˣ, n = e(e + 2); a sum of terms, because near
 * the zeros of mish'' they cancel; mish'' goes as e for x → −∞ and as e⁻² for x → +∞, hence twice the exp's error),
 * plus 2⁻⁵⁰ (past MISH_CLAMP the formula gives 0, where |mish''| < 2⁻⁵⁰), scaled by |v| with the rounding of the
 * product. The exp's error: 1 ulp on the CPU backends (cpu, wasm), 3 + 2|x| on the GPU ones, the most that WGSL and
 * GLSL ES 3.0 allow.
 */
const GRAD2_TERM_ULPS = 16;
const GRAD2_ABSOLUTE = 2 ** -50;
const MISH_CLAMP = wgslConstant(mishWgsl, 'MISH_CLAMP');

export function mishGrad2Bound(x: number, v: number, gpuExp: boolean): number {
  const e = Math.exp(Math.min(x, MISH_CLAMP));
  const n = e * (e + 2);
  const p = n + 2;
  const terms = (4 * e * (2 * (e + 1) * p + Math.abs(x) * p + 2 * Math.abs(x) * n * e)) / p ** 3;
  const expUlps = gpuExp ? 3 + 2 * Math.abs(x) : 1;
  const error = (GRAD2_TERM_ULPS + 2 * expUlps) * 2 ** -24 * terms + GRAD2_ABSOLUTE;
  return scaled(v, error, v * mishGrad2(x));
}

/**
 * The demo's Figures 1 and 2 against the reference: values and first derivatives are within a few ulps; second
 * derivatives come from central differences of the backward kernel with step H = 2⁻⁶, off by about
 * H²·|f‴|/6 + 2⁻²³·|f′|/H ≈ 1e-4 at most on [−6, 6]. 1e-3 leaves room for neither a wrong curve nor a wrong step.
 */
export const FIGURE_DIFFERENCE = 1e-3;

/**
 * TF.js chain test: mish's 4 ulp carried through 16 or 20 later ×k and +c steps (each exact in the simulation):
 * far below 1e-5·(|expected| + 1), far above nothing; a mish that read a stale input would be off by O(1).
 */
export const CHAIN_RELATIVE = 1e-5;

/**
 * One SGD step of the same model on the WebGPU backend and on the cpu backend: the two weight updates differ by
 * f32 rounding of the matrix products (a few 1e-7 relative) and by the two Mish implementations (a few ulps): within
 * 1e-3 of the update plus 1e-6.
 */
export const UPDATE_RELATIVE = 1e-3;
export const UPDATE_ABSOLUTE = 1e-6;

/**
 * mish(xW + b) from a Dense layer on the GPU against float64 from its weights: the promised forward bound at
 * z = xW + b, plus what the f32 product and sum of `terms` products can move z (at most (terms + 2)·2⁻²⁴ times the
 * sum of their magnitudes) times |mish'(z)|, with 20 % room for mish' over that interval.
 */
export function denseMishBound(z: number, magnitude: number, terms: number): number {
  const moved = (terms + 2) * 2 ** -24 * magnitude;
  return allowedError('mish', 'forward', z, 1).bound + 1.2 * Math.abs(ACTIVATIONS.mish.reference.grad(z)) * moved;
}

/**
 * A converted two-convolution graph (36 and 8 products per output, test/support/models.ts) rewritten by
 * fuseMishInGraph against the original, in float32 (largest difference over the largest output): the Mish ops differ
 * from TF.js's composite of Softplus, Tanh and Multiply by a few ulp, which the second convolution carries to the
 * output. Measured: 1.05e-7 in Chrome and Firefox. A Mish whose results are 2 parts in 10⁶ (about 17 ulp) too large
 * gives 4.1e-6.
 */
export const MODEL_DIFFERENCE = 5e-7;

/**
 * The graph-rewrite fuzz's generated models on WebGPU, rewritten against the original (largest difference over the
 * largest output, per Mish on the deepest path from an input): each Mish op differs from TF.js's composite by the
 * composite's rounding (a few ulp), which what follows carries to the outputs, more where an intermediate eˣ of a
 * chain left unfused is read (its error grows with x). The rewrite itself is held bit for bit against the same model
 * with each Mish as the package's op; this bound only keeps the package's Mish near the composite it replaces.
 * Measured: at most 7.2e-7 in Chrome and 1.72e-6 in Firefox over 450 graphs (seeds 1–3, 150 each); 1.59e-7 and
 * 1.91e-7 over CI's 40 (seed 20261206). A Mish 2⁻¹⁹ (about 16 ulp) too large on WebGPU reached 6.2e-6 to 7.7e-6 per
 * Mish over the 450, 1.3e-5 on its smallest failing graph (one Mish); the suite's fuzz must reject it
 * (test/browser/graph-fuzz.test.ts), and does on CI's seed (9.99e-6 on a path of two Mish, against 8e-6).
 */
export const GRAPH_DIFFERENCE_PER_MISH = 4e-6;
