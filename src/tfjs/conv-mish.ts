/**
 * `conv2dMish`: a 2-D convolution (with an optional bias) followed by Mish, as one op. On TF.js's WebGPU backend, in
 * inference, it is one kernel, `FusedConv2DMish`: TF.js's own convolution with Mish in its epilogue
 * (src/tfjs/conv-epilogue.ts). Everywhere else it is `tf.fused.conv2d` then `mish()`, which computes the same
 * convolution and the same Mish as two ops: on other backends (CPU, WebGL, WASM), while gradients are recorded (the
 * epilogue has no gradient of its own), in NCHW, and where TF.js's programs are not what the epilogue expects.
 */
import {
  backend as currentBackend,
  engine,
  fused,
  getBackend,
  getKernel,
  type KernelFunc,
  registerKernel,
  type NamedTensorMap,
  type Tensor,
  type Tensor1D,
  type Tensor4D,
  type TensorInfo,
  tidy,
} from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { type ConvAttrs, type ConvParams, checkConvParams, checkConvTensors } from './conv-args.js';
import { EpilogueUnavailable, PLACEHOLDER_ACTIVATION, runWithMishEpilogue } from './conv-epilogue.js';
import { CONV_MISH_KERNEL } from './kernel-names.js';
import { isWebGPUBackend } from './kernels.js';
import { mish } from './op.js';

/**
 * The FusedConv2D kernel that turned out not to take the epilogue (TF.js's programs were not what conv-epilogue.ts
 * expects): while it is the registered one, calls compute the two ops apart. Another kernel (a TF.js loaded anew) is
 * tried again.
 */
let refused: KernelFunc | null = null;

const convMishKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const webgpu = backend as WebGPUBackend;
  const convolution = getKernel('FusedConv2D', getBackend());
  if (convolution === undefined) throw new EpilogueUnavailable('the WebGPU backend has no FusedConv2D kernel');
  try {
    return runWithMishEpilogue(webgpu, () =>
      convolution.kernelFunc({ inputs, backend, attrs: { ...attrs, activation: PLACEHOLDER_ACTIVATION } }) as TensorInfo,
    );
  } catch (error) {
    if (error instanceof EpilogueUnavailable) refused = convolution.kernelFunc;
    throw error;
  }
};

/** Backends FusedConv2DMish is registered on. */
const registeredOn = new Set<string>();

function ensureKernel(backendName: string): void {
  if (registeredOn.has(backendName)) return;
  if (getKernel(CONV_MISH_KERNEL, backendName) === undefined) {
    registerKernel({ kernelName: CONV_MISH_KERNEL, backendName, kernelFunc: convMishKernel });
  }
  registeredOn.add(backendName);
}

/** The two ops apart: TF.js's fused convolution (bias included) and Mish (`activation`). */
function separate(x: Tensor4D, filter: Tensor4D, bias: Tensor1D | undefined, params: ConvAttrs, activation: (t: Tensor) => Tensor): Tensor4D {
  return tidy(() => activation(fused.conv2d({ x, filter, bias, ...params })) as Tensor4D);
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
export function conv2dMish(
  x: Tensor4D,
  filter: Tensor4D,
  bias: Tensor1D | undefined,
  params: ConvParams,
  activation: (t: Tensor) => Tensor = mish,
): Tensor4D {
  const attrs = checkConvParams(params);
  checkConvTensors(x, filter, bias, attrs.dataFormat);
  if (typeof activation !== 'function') {
    throw new TypeError(`conv2dMish: activation must be a function of a tensor (got ${typeof activation}); leave it out for Mish`);
  }
  return convMish(x, filter, bias ?? undefined, attrs, activation);
}

/**
 * conv2dMish with parameters already checked (a rewritten graph's node, whose attributes are read once): the
 * tensors are still checked, as they come from the model.
 */
export function convMishNode(x: Tensor4D, filter: Tensor4D, bias: Tensor1D | undefined, attrs: ConvAttrs, activation: (t: Tensor) => Tensor): Tensor4D {
  checkConvTensors(x, filter, bias, attrs.dataFormat);
  return convMish(x, filter, bias, attrs, activation);
}

function convMish(x: Tensor4D, filter: Tensor4D, bias: Tensor1D | undefined, attrs: ConvAttrs, activation: (t: Tensor) => Tensor): Tensor4D {
  const backendName = getBackend();
  const convolution = getKernel('FusedConv2D', backendName)?.kernelFunc;
  const epilogue =
    attrs.dataFormat === 'NHWC' && engine().state.gradientDepth === 0 && (refused === null || convolution !== refused) && isWebGPUBackend(currentBackend());
  if (!epilogue) return separate(x, filter, bias, attrs, activation);
  ensureKernel(backendName);
  const inputs: NamedTensorMap = bias === undefined ? { x, filter } : { x, filter, bias };
  try {
    return engine().runKernel(CONV_MISH_KERNEL, inputs, { ...attrs, dimRoundingMode: undefined } as never) as Tensor4D;
  } catch (error) {
    if (!(error instanceof EpilogueUnavailable)) throw error;
    console.warn(`webgpu-mish: Mish in the convolution's epilogue is unavailable with this TF.js (${error.message}); convolution and Mish run as two ops`);
    return separate(x, filter, bias, attrs, activation);
  }
}
