/**
 * `webgpu-mish/tfjs`: Mish for TensorFlow.js. `mish(x)` is a differentiable op that runs the package's fused kernels
 * on TF.js's WebGPU backend (and TF.js's own ops elsewhere); `registerMish()` puts it behind tfjs-layers' `'mish'` and
 * `'Addons>mish'` activations and a Keras port's `Mish` layer; `withFusedMish` / `fuseMishInGraph` rewrite a converted
 * graph model so that each of its Mish runs on the fused kernel, in the epilogue of the convolution before it where
 * there is one (`conv2dMish`). Imports `@tensorflow/tfjs-core`, `-backend-webgpu`, `-layers` and `-converter` (all of
 * them in `@tensorflow/tfjs` plus its WebGPU backend).
 */
export type { ConvParams } from './tfjs/conv-args.js';
export { conv2dMish, conv2dMishAdd } from './tfjs/conv-mish.js';
export { CONV_MISH_ADD_OP } from './tfjs/graph/conv-mish-add-fusion.js';
export type { AttrValue, GraphDef, GraphNode } from './tfjs/graph/graph.js';
export { CONV_MISH_OP } from './tfjs/graph/conv-mish-fusion.js';
export { MISH_OP, type MishForm } from './tfjs/graph/mish-fusion.js';
export { registerMishOps } from './tfjs/graph/ops.js';
export { type FusedGraph, type FuseMishOptions, fuseMishInGraph, withFusedMish } from './tfjs/graph/rewrite.js';
export { AddonsMish, FusedMish, registerMish } from './tfjs/layers.js';
export { CONV_MISH_ADD_KERNEL, CONV_MISH_KERNEL, MISH_GRAD_KERNEL, MISH_KERNEL } from './tfjs/kernel-names.js';
export { mish } from './tfjs/op.js';
