/**
 * `webgpu-mish/tfjs-graph`: converted TensorFlow.js graph models (tfjs-converter's output, as YOLOv4-family detectors
 * ship) rewritten so that every Mish runs on the fused kernel, and in the epilogue of the convolution before it on
 * WebGPU. Needs `@tensorflow/tfjs-converter` beside `@tensorflow/tfjs-core` (its own entry, so that `webgpu-mish/tfjs`
 * does not need the converter).
 */
export type { ConvParams } from './tfjs/conv-args.js';
export { conv2dMish } from './tfjs/conv-mish.js';
export { CONV_MISH_OP } from './tfjs/graph/conv-mish-fusion.js';
export { MISH_OP } from './tfjs/graph/mish-fusion.js';
export { registerMishOps } from './tfjs/graph/ops.js';
export { type FusedGraph, type FuseMishOptions, fuseMishInGraph, withFusedMish } from './tfjs/graph/rewrite.js';
