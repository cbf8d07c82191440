/**
 * The activations, one entry each: the WGSL of its functions (exported for fusing), the element-wise kernel built
 * on them, its float64 reference, and the results it defines for special inputs (shaders/*.wgsl decide them on
 * bit patterns; tests and the accuracy sweep check them against this table).
 */
import mishSource from '../shaders/mish.wgsl?raw';
import mishValues from '../shaders/elementwise/values/mish.wgsl?raw';
import reluSource from '../shaders/relu.wgsl?raw';
import reluValues from '../shaders/elementwise/values/relu.wgsl?raw';
import swishSource from '../shaders/swish.wgsl?raw';
import swishValues from '../shaders/elementwise/values/swish.wgsl?raw';
import { mish, mishGrad, relu, reluGrad, swish, swishGrad } from './reference.js';
import type { Activation, KernelSpec } from './types.js';

/** What a kernel returns for NaN, +∞ and −∞ inputs (backward: with dy = 1; another dy scales it). */
export interface SpecialResults {
  readonly nan: number;
  readonly plusInfinity: number;
  readonly minusInfinity: number;
}

/**
 * The accuracy promised for a kernel on every finite f32 input (README, docs/accuracy.md): forward within
 * `forwardUlps` of the exact value (ulps of 2⁻¹⁴⁹ below 2⁻¹²⁶); backward, with dy = 1, within `backwardUlps` plus
 * `backwardAbsolute` (an absolute term for the zero of f', where no f32 formula is relatively accurate).
 */
export interface PromisedBounds {
  readonly forwardUlps: number;
  readonly backwardUlps: number;
  readonly backwardAbsolute: number;
}

export interface ActivationEntry {
  readonly name: Activation;
  /** WGSL defining `fn NAME(x: f32) -> f32` and `fn NAME_grad(x: f32) -> f32`, pasteable into any shader. */
  readonly wgsl: string;
  /** The element-wise kernel: `wgsl` and the values it computes (shaders/elementwise/values/). */
  readonly kernel: KernelSpec;
  /** float64 reference of f and f'. */
  readonly reference: { readonly forward: (x: number) => number; readonly grad: (x: number) => number };
  readonly special: {
    readonly forward: SpecialResults;
    readonly backward: SpecialResults;
    /** f(±0): 'same' returns the zero it was given, 'plus' returns +0. */
    readonly zero: 'same' | 'plus';
  };
  /** What is promised of its accuracy: exact for ReLU, bounds for Mish; null for Swish (there for comparison). */
  readonly bounds: PromisedBounds | 'exact' | null;
}

const TANH_LIKE = {
  forward: { nan: Number.NaN, plusInfinity: Number.POSITIVE_INFINITY, minusInfinity: -0 },
  backward: { nan: Number.NaN, plusInfinity: 1, minusInfinity: 0 },
  zero: 'same',
} as const;

export const ACTIVATIONS: Record<Activation, ActivationEntry> = {
  mish: {
    name: 'mish',
    wgsl: mishSource,
    kernel: { name: 'mish', source: `${mishSource}\n${mishValues}` },
    reference: { forward: mish, grad: mishGrad },
    special: TANH_LIKE,
    bounds: { forwardUlps: 4, backwardUlps: 4, backwardAbsolute: 2 ** -22 },
  },
  relu: {
    name: 'relu',
    wgsl: reluSource,
    kernel: { name: 'relu', source: `${reluSource}\n${reluValues}` },
    reference: { forward: relu, grad: reluGrad },
    special: {
      forward: { nan: Number.NaN, plusInfinity: Number.POSITIVE_INFINITY, minusInfinity: 0 },
      backward: { nan: Number.NaN, plusInfinity: 1, minusInfinity: 0 },
      zero: 'plus',
    },
    bounds: 'exact',
  },
  swish: {
    name: 'swish',
    wgsl: swishSource,
    kernel: { name: 'swish', source: `${swishSource}\n${swishValues}` },
    reference: { forward: swish, grad: swishGrad },
    special: TANH_LIKE,
    bounds: null,
  },
};

/** Every activation, in a fixed order. */
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as Activation[];

/**
 * WGSL source defining `fn mish(x: f32) -> f32` and `fn mish_grad(x: f32) -> f32` (and constants whose names
 * start with `MISH_`), to fuse Mish into your own shaders, with the same error bounds and special values
 * (docs/accuracy.md). The package's kernels use this same source. It holds declarations only, no directives:
 * WGSL wants directives (`enable f16;`, `diagnostic(…);`, `requires …;`) before every declaration, so put your
 * shader's first: `directives + mishWgsl + rest`.
 *
 * @example
 * ```ts
 * import epilogue from './epilogue.wgsl?raw'; // your shader, which calls mish(v)
 * device.createShaderModule({ code: mishWgsl + epilogue });
 * device.createShaderModule({ code: 'enable f16;\n' + mishWgsl + epilogue }); // directives first
 * ```
 */
export const mishWgsl: string = mishSource;

/** WGSL source defining `fn swish(x: f32) -> f32` and `fn swish_grad(x: f32) -> f32` (and `SWISH_` constants); as mishWgsl, no directives: put yours before it. */
export const swishWgsl: string = swishSource;

/** WGSL source defining `fn relu(x: f32) -> f32` and `fn relu_grad(x: f32) -> f32`; as mishWgsl, no directives: put yours before it. */
export const reluWgsl: string = reluSource;
