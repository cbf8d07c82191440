/**
 * The one way into src/ for this repository's tests and measurement tools (test/, bench/, accuracy/, demo/,
 * common/): what they need beyond the public entry. Not in the package's exports and not built into dist/.
 */
import { ACTIVATIONS } from './activations.js';
import type { Activation, KernelSpec } from './types.js';

export { ACTIVATION_NAMES, ACTIVATIONS, type ActivationEntry, type PromisedBounds, type SpecialResults } from './activations.js';
export { aliasingEntry, aliasingOf, bindingsSource, COMMON_ALIASINGS } from './aliasing.js';
export { ELEMENT_BYTES, PARAM_BINDINGS, PLANS_PER_BUFFER, STORAGE_SLOTS } from './constants.js';
export { RULE_TILINGS, type Tiling, TILINGS, tilingFor, tilingName } from './tiling.js';
export { limitWorkgroupsPerDimension, pipelineCount } from './device-cache.js';
export { runElementwise } from './elementwise.js';
export { MISH_GRAD_KERNEL, MISH_KERNEL } from './tfjs/kernel-names.js';
export { type GraphDef, type GraphNode, IndexedGraph, type SignatureNames } from './tfjs/graph/graph.js';
export { type GraphIndexer, rewriteGraphModel } from './tfjs/graph/pipeline.js';
export { MISH_FORM_ATTR, MISH_OP } from './tfjs/graph/mish-fusion.js';
export type { Access, Aliasing, KernelSpec } from './types.js';
export { wgslConstant } from './wgsl-constant.js';

/**
 * The element-wise kernel of `activation` with its WGSL changed (every `find` replaced by `replace`), under a name
 * of its own: for tests that a slightly wrong kernel fails the parity checks. Throws when `find` is not in it.
 */
export function patchedKernel(activation: Activation, find: string, replace: string): KernelSpec {
  const { kernel } = ACTIVATIONS[activation];
  if (!kernel.source.includes(find)) throw new Error(`patchedKernel: "${find}" is not in the ${activation} kernel`);
  return { name: `${kernel.name}-patched`, source: kernel.source.split(find).join(replace) };
}
