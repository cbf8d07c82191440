/**
 * The six public kernel functions and their arguments. Each checks its arguments, then records one compute pass
 * (src/elementwise.ts); the kernels themselves are the activations' WGSL (src/activations.ts).
 */
import { ACTIVATIONS } from './activations.js';
import { runElementwise } from './elementwise.js';
import type { DType } from './types.js';

/** Options every kernel call takes besides its buffers and their offsets. */
export interface CallOptions {
  /** Elements to process. Default: the elements of `x` after `xOffset`. 0 does nothing. */
  length?: number;
  /** First element of `x` to read (elements, not bytes; no alignment needed). Default 0. */
  xOffset?: number;
  /** Record into this encoder and let the caller submit. Default: submit to `device.queue` now. */
  encoder?: GPUCommandEncoder;
  /** Timestamp writes for the call's compute pass, so that a profiler can time it. */
  timestampWrites?: GPUComputePassTimestampWrites;
  /**
   * Storage format of every buffer of the call: 'f32' (default), or 16-bit 'f16' or 'bf16' (2 bytes per element;
   * math in f32, rounded once to nearest even on store; no shader-f16 feature needed).
   */
  dtype?: DType;
}

/** Arguments of every forward kernel: y[yOffset + i] = f(x[xOffset + i]) for i < length. */
export interface ForwardArgs extends CallOptions {
  /** Input. Needs `GPUBufferUsage.STORAGE`. */
  x: GPUBuffer;
  /** Output; may be `x` itself (in place). Needs `GPUBufferUsage.STORAGE`. */
  y: GPUBuffer;
  /** First element of `y` to write. Default 0. */
  yOffset?: number;
}

/** Arguments of every backward kernel: dx[dxOffset + i] = dy[dyOffset + i]·f'(x[xOffset + i]) for i < length. */
export interface BackwardArgs extends CallOptions {
  /** The forward input. Needs `GPUBufferUsage.STORAGE`. */
  x: GPUBuffer;
  /** Gradient of the loss with respect to the forward output. Needs `GPUBufferUsage.STORAGE`. */
  dy: GPUBuffer;
  /** Gradient with respect to x, written; may be `dy` or `x` (in place). Needs `GPUBufferUsage.STORAGE`. */
  dx: GPUBuffer;
  /** First element of `dy` to read. Default 0. */
  dyOffset?: number;
  /** First element of `dx` to write. Default 0. */
  dxOffset?: number;
}

/**
 * y = mish(x) = x·tanh(softplus(x)), element-wise, in one fused dispatch on the caller's buffers (within 4 ulp of
 * the exact value; mish(NaN) = NaN, mish(+∞) = +∞, mish(−∞) = −0).
 * In place: `y` may be `x` at the same offset; other ranges of one buffer must not overlap.
 * Every buffer must be `device`'s: WebGPU shows no buffer's device, so the first call with another device's buffer
 * is the device's validation error; later calls with that buffer on `device` throw.
 *
 * @throws {TypeError} device, a buffer (missing, not a GPUBuffer, without STORAGE usage, mapped, or rejected by this
 *   device before), `encoder`, `timestampWrites` or `dtype` of the wrong kind, or an option it does not take (a
 *   misspelt one included).
 * @throws {RangeError} an offset or `length` that is not a whole number ≥ 0, a range past its buffer's end (or not
 *   ending on a whole 4-byte word), or ranges of one buffer that overlap without coinciding.
 * @throws {DeviceLostError} once `device.lost` has resolved.
 * Nothing is recorded when it throws. A destroyed buffer, a finished `encoder`, or a device destroyed in the same
 * task are the device's validation errors (its `uncapturederror` event or your error scope), not exceptions.
 *
 * @example
 * ```ts
 * mishForward(device, { x, y });                        // whole buffer, submitted now
 * mishForward(device, { x, y: x, length: 1000 });       // in place, first 1000 elements
 * mishForward(device, { x, y, xOffset: 3, yOffset: 5, length: 10, encoder }); // recorded; you submit
 * ```
 */
export function mishForward(device: GPUDevice, args: ForwardArgs): void {
  runElementwise('mishForward', ACTIVATIONS.mish.kernel, 'forward', device, args);
}

/**
 * dx = dy·mish'(x), element-wise, in one fused dispatch (within 4 ulp + 2⁻²² of the exact value).
 * In place: `dx` may be `dy` or `x` at the same offset; other ranges of one buffer must not overlap.
 * Every buffer must be `device`'s: WebGPU shows no buffer's device, so the first call with another device's buffer
 * is the device's validation error; later calls with that buffer on `device` throw.
 *
 * @throws {TypeError} device, a buffer (missing, not a GPUBuffer, without STORAGE usage, mapped, or rejected by this
 *   device before), `encoder`, `timestampWrites` or `dtype` of the wrong kind, or an option it does not take (a
 *   misspelt one included).
 * @throws {RangeError} an offset or `length` that is not a whole number ≥ 0, a range past its buffer's end (or not
 *   ending on a whole 4-byte word), or ranges of one buffer that overlap without coinciding.
 * @throws {DeviceLostError} once `device.lost` has resolved.
 * Nothing is recorded when it throws. A destroyed buffer, a finished `encoder`, or a device destroyed in the same
 * task are the device's validation errors (its `uncapturederror` event or your error scope), not exceptions.
 *
 * @example
 * ```ts
 * mishBackward(device, { x, dy, dx });
 * mishBackward(device, { x, dy, dx: dy, encoder });     // overwrite dy with dx, recorded into encoder
 * ```
 */
export function mishBackward(device: GPUDevice, args: BackwardArgs): void {
  runElementwise('mishBackward', ACTIVATIONS.mish.kernel, 'backward', device, args);
}

/**
 * y = max(x, 0), element-wise, through the same dispatch path as Mish (for fair comparisons).
 * In place: `y` may be `x` at the same offset; other ranges of one buffer must not overlap.
 * Every buffer must be `device`'s: WebGPU shows no buffer's device, so the first call with another device's buffer
 * is the device's validation error; later calls with that buffer on `device` throw.
 *
 * @throws {TypeError} device, a buffer (missing, not a GPUBuffer, without STORAGE usage, mapped, or rejected by this
 *   device before), `encoder`, `timestampWrites` or `dtype` of the wrong kind, or an option it does not take (a
 *   misspelt one included).
 * @throws {RangeError} an offset or `length` that is not a whole number ≥ 0, a range past its buffer's end (or not
 *   ending on a whole 4-byte word), or ranges of one buffer that overlap without coinciding.
 * @throws {DeviceLostError} once `device.lost` has resolved.
 * Nothing is recorded when it throws. A destroyed buffer, a finished `encoder`, or a device destroyed in the same
 * task are the device's validation errors (its `uncapturederror` event or your error scope), not exceptions.
 *
 * @example
 * ```ts
 * reluForward(device, { x, y });
 * ```
 */
export function reluForward(device: GPUDevice, args: ForwardArgs): void {
  runElementwise('reluForward', ACTIVATIONS.relu.kernel, 'forward', device, args);
}

/**
 * dx = dy where x > 0, else 0.
 * In place: `dx` may be `dy` or `x` at the same offset; other ranges of one buffer must not overlap.
 * Every buffer must be `device`'s: WebGPU shows no buffer's device, so the first call with another device's buffer
 * is the device's validation error; later calls with that buffer on `device` throw.
 *
 * @throws {TypeError} device, a buffer (missing, not a GPUBuffer, without STORAGE usage, mapped, or rejected by this
 *   device before), `encoder`, `timestampWrites` or `dtype` of the wrong kind, or an option it does not take (a
 *   misspelt one included).
 * @throws {RangeError} an offset or `length` that is not a whole number ≥ 0, a range past its buffer's end (or not
 *   ending on a whole 4-byte word), or ranges of one buffer that overlap without coinciding.
 * @throws {DeviceLostError} once `device.lost` has resolved.
 * Nothing is recorded when it throws. A destroyed buffer, a finished `encoder`, or a device destroyed in the same
 * task are the device's validation errors (its `uncapturederror` event or your error scope), not exceptions.
 *
 * @example
 * ```ts
 * reluBackward(device, { x, dy, dx });
 * ```
 */
export function reluBackward(device: GPUDevice, args: BackwardArgs): void {
  runElementwise('reluBackward', ACTIVATIONS.relu.kernel, 'backward', device, args);
}

/**
 * y = swish(x) = x·sigmoid(x) (also called SiLU), element-wise.
 * In place: `y` may be `x` at the same offset; other ranges of one buffer must not overlap.
 * Every buffer must be `device`'s: WebGPU shows no buffer's device, so the first call with another device's buffer
 * is the device's validation error; later calls with that buffer on `device` throw.
 *
 * @throws {TypeError} device, a buffer (missing, not a GPUBuffer, without STORAGE usage, mapped, or rejected by this
 *   device before), `encoder`, `timestampWrites` or `dtype` of the wrong kind, or an option it does not take (a
 *   misspelt one included).
 * @throws {RangeError} an offset or `length` that is not a whole number ≥ 0, a range past its buffer's end (or not
 *   ending on a whole 4-byte word), or ranges of one buffer that overlap without coinciding.
 * @throws {DeviceLostError} once `device.lost` has resolved.
 * Nothing is recorded when it throws. A destroyed buffer, a finished `encoder`, or a device destroyed in the same
 * task are the device's validation errors (its `uncapturederror` event or your error scope), not exceptions.
 *
 * @example
 * ```ts
 * swishForward(device, { x, y });
 * ```
 */
export function swishForward(device: GPUDevice, args: ForwardArgs): void {
  runElementwise('swishForward', ACTIVATIONS.swish.kernel, 'forward', device, args);
}

/**
 * dx = dy·swish'(x), element-wise.
 * In place: `dx` may be `dy` or `x` at the same offset; other ranges of one buffer must not overlap.
 * Every buffer must be `device`'s: WebGPU shows no buffer's device, so the first call with another device's buffer
 * is the device's validation error; later calls with that buffer on `device` throw.
 *
 * @throws {TypeError} device, a buffer (missing, not a GPUBuffer, without STORAGE usage, mapped, or rejected by this
 *   device before), `encoder`, `timestampWrites` or `dtype` of the wrong kind, or an option it does not take (a
 *   misspelt one included).
 * @throws {RangeError} an offset or `length` that is not a whole number ≥ 0, a range past its buffer's end (or not
 *   ending on a whole 4-byte word), or ranges of one buffer that overlap without coinciding.
 * @throws {DeviceLostError} once `device.lost` has resolved.
 * Nothing is recorded when it throws. A destroyed buffer, a finished `encoder`, or a device destroyed in the same
 * task are the device's validation errors (its `uncapturederror` event or your error scope), not exceptions.
 *
 * @example
 * ```ts
 * swishBackward(device, { x, dy, dx });
 * ```
 */
export function swishBackward(device: GPUDevice, args: BackwardArgs): void {
  runElementwise('swishBackward', ACTIVATIONS.swish.kernel, 'backward', device, args);
}
