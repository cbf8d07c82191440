/** The types the package's modules share. */

/** The activations this package has kernels for. */
export type Activation = 'mish' | 'relu' | 'swish';

/** Forward computes y = f(x); backward computes dx = dy·f'(x). */
export type Pass = 'forward' | 'backward';

/** Storage formats of the caller's buffers. */
export type DType = 'f32' | 'f16' | 'bf16';

/**
 * How a kernel accesses memory: 'vec4' binds every buffer as array<vec4<f32>> (all offsets multiples of 4
 * elements, length a multiple of 4); 'scalar' binds array<f32> and takes any offsets and length; 'f16' and 'bf16'
 * bind array<u32> holding two 16-bit elements per word, any offsets and length; 'f16x8' and 'bf16x8' bind
 * array<vec4<u32>>, eight elements per vector (all offsets multiples of 8, length a multiple of 8). Every access
 * but the '-exact' ones binds 256-byte aligned windows around the range and reads each operand's offset from the
 * parameter table; the '-exact' forms bind each buffer exactly over the range (every offset 256-byte aligned,
 * operands sharing a slot at the same offset) and have no parameters.
 */
export type Access = 'vec4' | 'vec4-exact' | 'scalar' | 'f16' | 'bf16' | 'f16x8' | 'f16x8-exact' | 'bf16x8' | 'bf16x8-exact';

declare const aliasingBrand: unique symbol;
/**
 * How a call's operands are bound (src/aliasing.ts): each operand's storage slot, then each slot's access, e.g.
 * '012:rrw' (x, dy, dx each in a slot of its own, dx's written) or '00:w' (y = x, one slot, read and written).
 */
export type Aliasing = string & { readonly [aliasingBrand]: true };

/**
 * What the element-wise kernel needs of one kernel: WGSL that defines `forward_value(x: f32) -> f32` and
 * `backward_value(x: f32, dy: f32) -> f32` (shaders/elementwise/main.wgsl says how it is assembled).
 */
export interface KernelSpec {
  /** Unique per kernel: it appears in labels. */
  readonly name: string;
  readonly source: string;
}

/** The limits a call checks, read once per device: each read of `device.limits` crosses into the browser. */
export interface DeviceLimits {
  readonly minStorageBufferOffsetAlignment: number;
  readonly maxStorageBufferBindingSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly minUniformBufferOffsetAlignment: number;
}

/** One buffer operand of a call: x, y; or x, dy, dx. */
export interface Operand {
  readonly name: 'x' | 'y' | 'dy' | 'dx';
  readonly buffer: GPUBuffer;
  /** First element of the range, in elements of the call's dtype. */
  readonly offset: number;
}
