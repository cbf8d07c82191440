/**
 * Mish on every other TF.js backend (cpu, webgl, wasm, …), composed from TF.js's own ops so that the same code runs
 * everywhere: forward x·tanh(softplus(x)), the formula of tfjs-layers' own `'mish'`; gradient the paper's eq. (2),
 * mish'(x) = eˣ·ω/δ², written as (n(n + 2) + 4x·e(e + 1))/(n + 2)² with e = eˣ and n = e(e + 2) (the same
 * polynomial: δ = n + 2), which never forms 1 − tanh² and does not overflow: x is clamped to [−120, 20] first, as
 * in shaders/mish.wgsl (its constants MISH_FLOOR and MISH_CLAMP), where mish'(x) is 0 or 1 to f32 precision beyond.
 */
import { add, customGrad, exp, type GradSaveFunc, maximum, minimum, mul, reciprocal, softplus, tanh, type Tensor } from '@tensorflow/tfjs-core';
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

/** mish'(x) by the paper's eq. (2) in its cancellation-free form, from TF.js ops. */
function compositeMishGrad(x: Tensor, { floor, clamp }: Clamps): Tensor {
  // Not clipByValue: on the wasm backend it turns NaN into the floor (a gradient of 0); maximum and minimum keep
  // NaN on every backend the tests run.
  const xc = minimum(maximum(x, floor), clamp);
  const e = exp(xc);
  const n = mul(e, add(e, 2));
  const r = reciprocal(add(n, 2));
  const slope = mul(mul(mul(xc, mul(mul(e, add(e, 1)), 4)), r), r);
  return add(mul(n, r), slope);
}

function buildCompositeMish(): (x: Tensor) => Tensor {
  const clamps: Clamps = { floor: wgslConstant(mishWgsl, 'MISH_FLOOR'), clamp: wgslConstant(mishWgsl, 'MISH_CLAMP') };
  return customGrad((...args: Array<Tensor | GradSaveFunc>) => {
    const [x, save] = args as [Tensor, GradSaveFunc];
    save([x]);
    const xc = maximum(x, clamps.floor);
    return {
      value: mul(xc, tanh(softplus(xc))),
      gradFunc: (dy: Tensor, saved: Tensor[]) => mul(dy, compositeMishGrad(saved[0] as Tensor, clamps)),
    };
  }) as (x: Tensor) => Tensor;
}

// Built on first use: customGrad reaches into TF.js's engine, which importing this package must not do.
let compositeOp: ((x: Tensor) => Tensor) | undefined;

/** Mish from TF.js ops with the eq. (2) gradient; `x` is a float32 tensor. */
export function compositeMish(x: Tensor): Tensor {
  compositeOp ??= buildCompositeMish();
  return compositeOp(x);
}
