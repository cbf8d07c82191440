/**
 * `webgpu-mish/tfjs`: Mish for TensorFlow.js. `mish(x)` is a differentiable op that runs the package's fused kernels
 * on TF.js's WebGPU backend (and TF.js's own ops elsewhere); `registerMish()` puts it behind tfjs-layers'
 * `'mish'` activation. Needs `@tensorflow/tfjs-core` (and, for the fused kernels, `@tensorflow/tfjs-backend-webgpu`).
 */
export { AddonsMish, FusedMish, registerMish } from './tfjs/layers.js';
export { CONV_MISH_KERNEL, MISH_GRAD_KERNEL, MISH_KERNEL } from './tfjs/kernel-names.js';
export { mish } from './tfjs/op.js';
