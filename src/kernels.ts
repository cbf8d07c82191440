import { type BackwardArgs, dispatchElementwise, type ForwardArgs } from './dispatch.js';
import { activationKernels } from './shaders.js';

/**
 * y = mish(x) = x·tanh(softplus(x)), element-wise, in one fused dispatch on the caller's buffers.
 * Throws a `TypeError` or `RangeError` synchronously on bad arguments; nothing is dispatched then.
 *
 * @example
 * ```ts
 * mishForward(device, { x, y });                        // whole buffer, submitted now
 * mishForward(device, { x, y: x, length: 1000 });       // in place, first 1000 elements
 * mishForward(device, { x, y, xOffset: 3, yOffset: 5, length: 10, encoder }); // recorded; you submit
 * ```
 */
export function mishForward(device: GPUDevice, args: ForwardArgs): void {
  dispatchElementwise('mishForward', activationKernels.mish, 'forward', device, args);
}

/**
 * dx = dy·mish'(x), element-wise, in one fused dispatch. `dx` may be `dy` or `x`.
 *
 * @example
 * ```ts
 * mishBackward(device, { x, dy, dx });
 * mishBackward(device, { x, dy, dx: dy, encoder });     // overwrite dy with dx, recorded into encoder
 * ```
 */
export function mishBackward(device: GPUDevice, args: BackwardArgs): void {
  dispatchElementwise('mishBackward', activationKernels.mish, 'backward', device, args);
}

/**
 * y = max(x, 0), element-wise, through the same dispatch path as Mish (for fair comparisons).
 *
 * @example
 * ```ts
 * reluForward(device, { x, y });
 * ```
 */
export function reluForward(device: GPUDevice, args: ForwardArgs): void {
  dispatchElementwise('reluForward', activationKernels.relu, 'forward', device, args);
}

/**
 * dx = dy where x > 0, else 0.
 *
 * @example
 * ```ts
 * reluBackward(device, { x, dy, dx });
 * ```
 */
export function reluBackward(device: GPUDevice, args: BackwardArgs): void {
  dispatchElementwise('reluBackward', activationKernels.relu, 'backward', device, args);
}

/**
 * y = swish(x) = x·sigmoid(x) (also called SiLU), element-wise.
 *
 * @example
 * ```ts
 * swishForward(device, { x, y });
 * ```
 */
export function swishForward(device: GPUDevice, args: ForwardArgs): void {
  dispatchElementwise('swishForward', activationKernels.swish, 'forward', device, args);
}

/**
 * dx = dy·swish'(x), element-wise.
 *
 * @example
 * ```ts
 * swishBackward(device, { x, dy, dx });
 * ```
 */
export function swishBackward(device: GPUDevice, args: BackwardArgs): void {
  dispatchElementwise('swishBackward', activationKernels.swish, 'backward', device, args);
}
