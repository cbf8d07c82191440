/** `webgpu-mish`: fused WebGPU kernels for Mish (and ReLU and Swish), the float64 reference and the WGSL. */
export { mishWgsl, reluWgsl, swishWgsl } from './activations.js';
export {
  type BackwardArgs,
  type CallOptions,
  type ForwardArgs,
  mishBackward,
  mishForward,
  reluBackward,
  reluForward,
  swishBackward,
  swishForward,
} from './kernels.js';
export { getTiling, setTiling } from './device-tiling.js';
export { DeviceLostError } from './errors.js';
export { type PrepareOptions, prepare } from './prepare.js';
export {
  backwardReference,
  forwardReference,
  mish,
  mishGrad,
  mishGrad2,
  relu,
  reluGrad,
  swish,
  swishGrad,
  swishGrad2,
} from './reference.js';
export { type Tiling, type TilingChoice, TILINGS, tilingName } from './tiling.js';
export { type TilingMeasurement, type TuneTilingOptions, type TuneTilingResult, tuneTiling } from './tune-tiling.js';
export type { Activation, DType, Pass } from './types.js';
