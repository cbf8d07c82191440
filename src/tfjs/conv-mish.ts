/**
 * `conv2dMish`: a 2-D convolution (with an optional bias) followed by Mish, as one op; `conv2dMishAdd` the same
 * followed by a residual block's add of a shortcut. On TF.js's WebGPU backend, in inference, each is one kernel,
 * `FusedConv2DMish` / `FusedConv2DMishAdd`: TF.js's own convolution with Mish (and the shortcut) in its epilogue
 * (src/tfjs/conv-epilogue.ts). Everywhere else it is `tf.fused.conv2d` then `mish()` (then `tf.add`), which computes
 * the same convolution, Mish and add as separate ops: on other backends (CPU, WebGL, WASM), while gradients are
 * recorded (the epilogue has no gradient of its own), in NCHW, with a shortcut not of the output's shape (broadcast),
 * and where TF.js's programs are not what the epilogue expects.
 */
import {
  backend as currentBackend,
  engine,
  add,
  backend_util,
  fused,
  getBackend,
  getKernel,
  type KernelFunc,
  registerKernel,
  type NamedTensorMap,
  type Tensor1D,
  type Tensor4D,
  type TensorInfo,
  Tensor,
  tidy,
} from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { type ConvAttrs, type ConvParams, checkConvParams, checkConvTensors } from './conv-args.js';
import { type Epilogue, EpilogueUnavailable, PLACEHOLDER_ACTIVATIONS, runWithMishEpilogue } from './conv-epilogue.js';
import { CONV_MISH_ADD_KERNEL, CONV_MISH_KERNEL } from './kernel-names.js';
import { isWebGPUBackend } from './kernels.js';
import { mish } from './op.js';

/**
 * The FusedConv2D kernel that turned out not to take the epilogue (TF.js's programs were not what conv-epilogue.ts
 * expects): while it is the registered one, calls compute the two ops apart. Another kernel (a TF.js loaded anew) is
 * tried again.
 */
let refused: KernelFunc | null = null;

/** The kernel of `epilogue`: TF.js's FusedConv2D, asked for the placeholder activation that the epilogue replaces. */
function epilogueKernel(epilogue: Epilogue): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const webgpu = backend as WebGPUBackend;
    const convolution = getKernel('FusedConv2D', getBackend());
    if (convolution === undefined) throw new EpilogueUnavailable('the WebGPU backend has no FusedConv2D kernel');
    const { shortcut, ...rest } = inputs;
    // The residual block's shortcut rides in as PReLU's per-output weights.
    const convInputs = epilogue === 'mish-add' ? { ...rest, preluActivationWeights: shortcut } : inputs;
    try {
      return runWithMishEpilogue(
        webgpu,
        () => convolution.kernelFunc({ inputs: convInputs, backend, attrs: { ...attrs, activation: PLACEHOLDER_ACTIVATIONS[epilogue] } }) as TensorInfo,
        epilogue,
      );
    } catch (error) {
      if (error instanceof EpilogueUnavailable) refused = convolution.kernelFunc;
      throw error;
    }
  };
}

const KERNELS: ReadonlyArray<[string, Epilogue]> = [
  [CONV_MISH_KERNEL, 'mish'],
  [CONV_MISH_ADD_KERNEL, 'mish-add'],
];

/** Backends the two kernels are registered on. */
const registeredOn = new Set<string>();

function ensureKernels(backendName: string): void {
  if (registeredOn.has(backendName)) return;
  for (const [kernelName, epilogue] of KERNELS) {
    if (getKernel(kernelName, backendName) === undefined) registerKernel({ kernelName, backendName, kernelFunc: epilogueKernel(epilogue) });
  }
  registeredOn.add(backendName);
}

/** The ops apart: TF.js's fused convolution (bias included), Mish (`activation`), and the shortcut's add. */
function separate(x: Tensor4D, filter: Tensor4D, bias: Tensor1D | undefined, params: ConvAttrs, activation: (t: Tensor) => Tensor, shortcut?: Tensor): Tensor {
  return tidy(() => {
    const y = activation(fused.conv2d({ x, filter, bias, ...params }));
    return shortcut === undefined ? y : add(y, shortcut);
  });
}

/**
 * mish(conv2d(x, filter) + bias), one kernel on the WebGPU backend in inference, two ops elsewhere (see above). x is
 * [batch, height, width, channels] (NHWC; NCHW with `dataFormat`), filter [filterHeight, filterWidth, inChannels,
 * outChannels], bias (optional) a scalar or outChannels values; float32. `activation` is what runs where the two ops
 * run apart (default: this package's `mish()`; a rewritten graph passes the composite its Mish replaced).
 *
 * @throws {TypeError} x or filter not a float32 rank-4 tensor, bias not a float32 tensor, params not an object or
 *   with an option it does not take, or `pad`/`dataFormat` not one of theirs; before anything runs.
 * @throws {RangeError} channels that do not match, a bias of the wrong length, strides or dilations that are not
 *   positive whole numbers (or both above 1); before anything runs.
 *
 * @example
 * ```ts
 * const y = conv2dMish(x, filter, bias, { strides: 1, pad: 'same' }); // mish(x ⊛ filter + bias)
 * ```
 */
export function conv2dMish(x: Tensor4D, filter: Tensor4D, bias: Tensor1D | undefined, params: ConvParams, activation: (t: Tensor) => Tensor = mish): Tensor4D {
  const attrs = checkConvParams(params);
  checkConvTensors(x, filter, bias, attrs.dataFormat);
  if (typeof activation !== 'function') {
    throw new TypeError(`conv2dMish: activation must be a function of a tensor (got ${typeof activation}); leave it out for Mish`);
  }
  return convMish(x, filter, bias ?? undefined, attrs, activation) as Tensor4D;
}

/**
 * mish(conv2d(x, filter) + bias) + shortcut: a residual block's last convolution, its Mish and the add of the block's
 * shortcut, one kernel on the WebGPU backend in inference where the shortcut has the output's shape, the ops apart
 * elsewhere (a shortcut that broadcasts included: the add then broadcasts as `tf.add` does). Arguments as conv2dMish's,
 * and `shortcut` a float32 tensor.
 *
 * @throws {TypeError} as conv2dMish, and a shortcut that is not a float32 tf.Tensor; before anything runs.
 * @throws {RangeError} as conv2dMish; before anything runs.
 *
 * @example
 * ```ts
 * const y = conv2dMishAdd(x, filter, bias, shortcut, { strides: 1, pad: 'same' }); // mish(x ⊛ filter + bias) + shortcut
 * ```
 */
export function conv2dMishAdd(x: Tensor4D, filter: Tensor4D, bias: Tensor1D | undefined, shortcut: Tensor, params: ConvParams): Tensor {
  const attrs = checkConvParams(params, 'conv2dMishAdd');
  checkConvTensors(x, filter, bias, attrs.dataFormat, 'conv2dMishAdd');
  checkShortcut(shortcut);
  return convMish(x, filter, bias ?? undefined, attrs, mish, shortcut);
}

function checkShortcut(shortcut: unknown): asserts shortcut is Tensor {
  if (!(shortcut instanceof Tensor) || shortcut.dtype !== 'float32') {
    const got = shortcut instanceof Tensor ? `a ${shortcut.dtype} tensor` : typeof shortcut;
    throw new TypeError(`conv2dMishAdd: shortcut must be a float32 tf.Tensor (got ${got}); cast it with tf.cast(shortcut, 'float32')`);
  }
}

/**
 * conv2dMish (with `shortcut`, conv2dMishAdd) with parameters already checked (a rewritten graph's node, whose
 * attributes are read once): the tensors are still checked, as they come from the model.
 */
export function convMishNode(
  x: Tensor4D,
  filter: Tensor4D,
  bias: Tensor1D | undefined,
  attrs: ConvAttrs,
  activation: (t: Tensor) => Tensor,
  shortcut?: Tensor,
): Tensor {
  checkConvTensors(x, filter, bias, attrs.dataFormat, shortcut === undefined ? 'conv2dMish' : 'conv2dMishAdd');
  if (shortcut !== undefined) checkShortcut(shortcut);
  return convMish(x, filter, bias, attrs, activation, shortcut);
}

/** Whether `shortcut` has the shape of the convolution's output (NHWC): only then is the add in the epilogue. */
function fitsOutput(x: Tensor4D, filter: Tensor4D, attrs: ConvAttrs, shortcut: Tensor): boolean {
  const info = backend_util.computeConv2DInfo(x.shape, filter.shape, attrs.strides, attrs.dilations, attrs.pad, undefined, false, 'channelsLast');
  return shortcut.shape.length === 4 && info.outShape.every((extent, k) => shortcut.shape[k] === extent);
}

function convMish(x: Tensor4D, filter: Tensor4D, bias: Tensor1D | undefined, attrs: ConvAttrs, activation: (t: Tensor) => Tensor, shortcut?: Tensor): Tensor {
  const backendName = getBackend();
  const convolution = getKernel('FusedConv2D', backendName)?.kernelFunc;
  const epilogue =
    attrs.dataFormat === 'NHWC' &&
    engine().state.gradientDepth === 0 &&
    (refused === null || convolution !== refused) &&
    isWebGPUBackend(currentBackend()) &&
    (shortcut === undefined || fitsOutput(x, filter, attrs, shortcut));
  if (!epilogue) return separate(x, filter, bias, attrs, activation, shortcut);
  ensureKernels(backendName);
  const inputs: NamedTensorMap = { x, filter, ...(bias === undefined ? {} : { bias }), ...(shortcut === undefined ? {} : { shortcut }) };
  try {
    return engine().runKernel(shortcut === undefined ? CONV_MISH_KERNEL : CONV_MISH_ADD_KERNEL, inputs, {
      ...attrs,
      dimRoundingMode: undefined,
    } as never) as Tensor4D;
  } catch (error) {
    if (!(error instanceof EpilogueUnavailable)) throw error;
    console.warn(
      `webgpu-mish: Mish in the convolution's epilogue is unavailable with this TF.js (${error.message}); the convolution, Mish and any add run as separate ops`,
    );
    return separate(x, filter, bias, attrs, activation, shortcut);
  }
}
