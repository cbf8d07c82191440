/** `mish(x)`, the TF.js op: the fused kernel on the WebGPU backend, the composite elsewhere. */
import { backend, cast, engine, getBackend, op, Tensor, type TensorLike, tensor } from '@tensorflow/tfjs-core';
import { describeValue } from '../describe.js';
import { compositeMish } from './composite.js';
import { MISH_KERNEL } from './kernel-names.js';
import { ensureWebGPUKernels, isWebGPUBackend } from './kernels.js';

/**
 * The input as a float32 tensor: int32 and bool are cast, as TF.js's unary float ops (exp, log, …) do; arrays and
 * numbers become tensors.
 */
function floatInput(x: unknown): Tensor {
  let input: Tensor;
  if (x instanceof Tensor) {
    input = x;
  } else if (typeof x === 'number' || Array.isArray(x) || ArrayBuffer.isView(x)) {
    input = tensor(x as TensorLike);
  } else {
    throw new TypeError(`mish: x must be a tf.Tensor, a number or a (nested) array of numbers (got ${describeValue(x)}); pass tf.tensor(values)`);
  }
  if (input.dtype === 'float32') return input;
  if (input.dtype === 'int32' || input.dtype === 'bool') return cast(input, 'float32');
  const fix = input.dtype === 'complex64' ? 'pass tf.real(x) or tf.imag(x)' : "convert it with tf.tensor(values, shape, 'float32')";
  throw new TypeError(`mish: x must be a float32, int32 or bool tensor (got ${input.dtype}); ${fix}`);
}

function mish_(x: Tensor | TensorLike): Tensor {
  const input = floatInput(x);
  if (isWebGPUBackend(backend())) {
    ensureWebGPUKernels(getBackend());
    return engine().runKernel(MISH_KERNEL, { x: input }) as Tensor;
  }
  return compositeMish(input);
}

/**
 * Mish, y = x·tanh(softplus(x)), element-wise, as a TF.js op: a float32 tensor of x's shape. Differentiable
 * (`tf.grad`, layers' training). On the WebGPU backend it is one fused kernel, `Mish`, with the package's bounds
 * (within 4 ulp; NaN, ±∞ defined), and its gradient one more, `MishGrad`; on other backends it is composed from
 * TF.js's own ops. int32 and bool inputs are cast to float32. Intermediate tensors are disposed: safe in `tf.tidy`.
 *
 * @example
 * ```ts
 * await tf.setBackend('webgpu');
 * const y = mish(tf.tensor([-1, 0, 1])); // [-0.3034015, 0, 0.8650984]
 * const dx = tf.grad(mish)(tf.tensor([1])); // [1.0490363]
 * ```
 */
export const mish: (x: Tensor | TensorLike) => Tensor = op({ mish_ });
