export type { BackwardArgs, CallOptions, ForwardArgs } from './dispatch.js';
export { mishBackward, mishForward, reluBackward, reluForward, swishBackward, swishForward } from './kernels.js';
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
export { type Activation, type DType, mishWgsl, type Pass, reluWgsl, swishWgsl } from './shaders.js';
