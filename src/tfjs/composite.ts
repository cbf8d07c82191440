/**
 * Mish on every other TF.js backend (cpu, webgl, wasm, …), composed from TF.js's own ops so that the same code runs
 * everywhere: forward x·tanh(softplus(x)), the formula of tfjs-layers' own `'mish'`; gradient the paper's eq. (2),
 * mish'(x) = eˣ·ω/δ², written as (n(n + 2) + 4x·e(e + 1))/(n + 2)² with e = eˣ and n = e(e + 2) (the same
 * polynomial: δ = n + 2), which never forms 1 − tanh² and does not overflow: x is clamped to [−120, 20] first, as
 * in shaders/mish.wgsl (its constants MISH_FLOOR and MISH_CLAMP), where mish'(x) is 0 or 1 to f32 precision beyond.
 * Second-order gradients: mish''(x) from TF.js ops, here for every backend (the WebGPU one's MishGrad uses it too).
 */
import {
  add,
  cast,
  customGrad,
  exp,
  type GradSaveFunc,
  lessEqual,
  maximum,
  minimum,
  mul,
  reciprocal,
  softplus,
  sub,
  tanh,
  type Tensor,
} from '@tensorflow/tfjs-core';
import { mishWgsl } from '../activations.js';
import { wgslConstant } from '../wgsl-constant.js';

/**
 * The clamps of shaders/mish.wgsl: below MISH_FLOOR mish(x) and mish'(x) round to (−)0 in f32 (clamping keeps −∞
 * from giving −∞·0 = NaN); above MISH_CLAMP mish'(x) is 1 within an ulp and e(e + 2) would soon overflow.
 */
interface Clamps {
  readonly floor: number;
  readonly clamp: number;
}

let clampsRead: Clamps | undefined;
function clamps(): Clamps {
  clampsRead ??= { floor: wgslConstant(mishWgsl, 'MISH_FLOOR'), clamp: wgslConstant(mishWgsl, 'MISH_CLAMP') };
  return clampsRead;
}

/**
 * x clamped to [MISH_FLOOR, MISH_CLAMP]. Not clipByValue: on the wasm backend it turns NaN into the floor;
 * maximum and minimum keep NaN on every backend the tests run.
 */
function clamped(x: Tensor): Tensor {
  const { floor, clamp } = clamps();
  return minimum(maximum(x, floor), clamp);
}

/** What eq. (2) and its derivative are written in: x clamped, e = eˣ and n = e(e + 2). */
function eq2Parts(x: Tensor): { xc: Tensor; e: Tensor; n: Tensor } {
  const xc = clamped(x);
  const e = exp(xc);
  return { xc, e, n: mul(e, add(e, 2)) };
}

/** mish'(x) by the paper's eq. (2) in its cancellation-free form, from TF.js ops. */
function mishGradFormula(x: Tensor): Tensor {
  const { xc, e, n } = eq2Parts(x);
  const r = reciprocal(add(n, 2));
  const slope = mul(mul(mul(xc, mul(mul(e, add(e, 1)), 4)), r), r);
  return add(mul(n, r), slope);
}

/**
 * mish''(x) from TF.js ops, for second-order gradients: 4e·(2(e + 1)(n + 2) + x·(n + 2 − 2ne))/(n + 2)³ with
 * e = eˣ and n = e(e + 2), the derivative of eq. (2), each factor of 1/(n + 2) applied separately so that nothing
 * overflows up to MISH_CLAMP. Past the clamp it is 0 (|mish''| < 2⁻⁵⁰ there); NaN stays NaN.
 */
export function compositeMishGrad2(x: Tensor): Tensor {
  const { xc, e, n } = eq2Parts(x);
  const p = add(n, 2);
  const r = reciprocal(p);
  const bracket = add(mul(mul(add(e, 1), 2), p), mul(xc, sub(p, mul(mul(n, e), 2))));
  const value = mul(mul(mul(mul(e, 4), r), r), mul(bracket, r));
  return mul(value, cast(lessEqual(x, clamps().clamp), 'float32'));
}

/** mish(x) as tfjs-layers composes it, with −0 at −∞ (clamping keeps −∞·0 = NaN away). */
function mishFormula(x: Tensor): Tensor {
  const xc = maximum(x, clamps().floor);
  return mul(xc, tanh(softplus(xc)));
}

/**
 * `value` as a TF.js op whose gradient is dy·derivative(x), built on first use: customGrad reaches into TF.js's
 * engine, which importing this package must not do.
 */
function opWithDerivative(value: (x: Tensor) => Tensor, derivative: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  let op: ((x: Tensor) => Tensor) | undefined;
  return (x) => {
    op ??= customGrad((...args: Array<Tensor | GradSaveFunc>) => {
      const [input, save] = args as [Tensor, GradSaveFunc];
      save([input]);
      return { value: value(input), gradFunc: (dy: Tensor, saved: Tensor[]) => mul(dy, derivative(saved[0] as Tensor)) };
    }) as (x: Tensor) => Tensor;
    return op(x);
  };
}

/**
 * Mish from TF.js ops; its gradient is eq. (2), whose own gradient is mish'' above (differentiating eq. (2)'s ops
 * instead loses mish'' to cancellation past x ≈ 7). `x` is a float32 tensor.
 */
export const compositeMish: (x: Tensor) => Tensor = opWithDerivative(mishFormula, opWithDerivative(mishGradFormula, compositeMishGrad2));
