/**
 * Float64 CPU reference for every kernel, accurate to a few float64 ulps: far below the f32 ulp the GPU results
 * are judged in. Mish uses tanh(softplus(x)) = n/(n + 2) with n = eˣ(eˣ + 2), which has no cancellation, in
 * float64 with Math.exp (test/node/reference.test.ts checks it against the paper's eq. (2), the textbook
 * composition and finite differences); nothing is clamped below the point where float64 itself rounds the result.
 */

import type { Activation } from './types.js';

// Past 40, 2/(n + 2) < 2⁻¹¹⁵: tanh(softplus(x)) is 1 in float64, and exp(2x) would overflow past 354.
const MISH_SATURATION = 40;

function mishParts(x: number): { e: number; t: number; s: number } {
  const e = Math.exp(x);
  const n = e * (e + 2);
  const d = n + 2;
  // t = tanh(softplus(x)); s = t' = σ(x)·sech²(softplus(x)) = 4e(e + 1)/(n + 2)².
  return { e, t: n / d, s: (4 * e * (e + 1)) / (d * d) };
}

/**
 * mish(x) = x·tanh(softplus(x)).
 *
 * @example
 * ```ts
 * mish(1); // 0.8650983882673103
 * ```
 */
export function mish(x: number): number {
  if (x > MISH_SATURATION) return x;
  return x * mishParts(x).t;
}

/**
 * mish'(x) = tanh(softplus(x)) + x·σ(x)·sech²(softplus(x)).
 *
 * @example
 * ```ts
 * mishGrad(0); // 0.6
 * ```
 */
export function mishGrad(x: number): number {
  if (x > MISH_SATURATION) return 1;
  const { t, s } = mishParts(x);
  return t + x * s;
}

/**
 * mish''(x) = 2t' + x·t'' with t = tanh(softplus(x)), t' = σ·sech², t'' = σ·sech²·(1 − σ − 2tσ).
 *
 * @example
 * ```ts
 * mishGrad2(0); // 0.64
 * ```
 */
export function mishGrad2(x: number): number {
  if (x > MISH_SATURATION) return 0;
  const { e, t, s } = mishParts(x);
  const sigma = e / (e + 1);
  return s * (2 + x * (1 / (e + 1) - 2 * t * sigma));
}

function sigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/**
 * swish(x) = x·σ(x).
 *
 * @example
 * ```ts
 * swish(1); // 0.7310585786300049
 * ```
 */
export function swish(x: number): number {
  return x * sigmoid(x);
}

/** swish'(x) = σ(x)·(1 + x·(1 − σ(x))). @example `swishGrad(0); // 0.5` */
export function swishGrad(x: number): number {
  const sigma = sigmoid(x);
  return sigma * (1 + x * sigmoid(-x));
}

/** swish''(x) = σ(1 − σ)·(2 + x·(1 − 2σ)). @example `swishGrad2(0); // 0.5` */
export function swishGrad2(x: number): number {
  const sigma = sigmoid(x);
  const rest = sigmoid(-x);
  return sigma * rest * (2 + x * (rest - sigma));
}

/** relu(x) = max(x, 0); NaN stays NaN and −0 gives +0, as the kernel. @example `relu(-2); // 0` */
export function relu(x: number): number {
  return Math.max(x, 0);
}

/** relu'(x): 1 for x > 0, else 0 (0 at x = 0, as PyTorch takes it); NaN stays NaN, as the kernel. @example `reluGrad(3); // 1` */
export function reluGrad(x: number): number {
  return Number.isNaN(x) ? x : x > 0 ? 1 : 0;
}

const forwardFunctions: Record<Activation, (x: number) => number> = { mish, relu, swish };
const gradFunctions: Record<Activation, (x: number) => number> = { mish: mishGrad, relu: reluGrad, swish: swishGrad };

/**
 * f(x) for every element, in float64.
 *
 * @example
 * ```ts
 * const expected = forwardReference('mish', new Float32Array([-1, 0, 1])); // Float64Array
 * ```
 */
export function forwardReference(activation: Activation, x: ArrayLike<number>): Float64Array {
  const f = forwardFunctions[activation];
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i] as number);
  return out;
}

/**
 * dy·f'(x) for every element, in float64.
 *
 * @example
 * ```ts
 * const expected = backwardReference('mish', x, dy); // Float64Array
 * ```
 */
export function backwardReference(activation: Activation, x: ArrayLike<number>, dy: ArrayLike<number>): Float64Array {
  if (dy.length !== x.length) {
    throw new RangeError(`backwardReference: dy has ${dy.length} elements but x has ${x.length}; pass equal lengths`);
  }
  const grad = gradFunctions[activation];
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (dy[i] as number) * grad(x[i] as number);
  return out;
}
