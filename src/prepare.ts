/** `prepare(device)`: builds the pipelines of the calls people make ahead of time, without stalling a frame. */
import { ACTIVATION_NAMES, ACTIVATIONS } from './activations.js';
import { COMMON_ALIASINGS } from './aliasing.js';
import { preparePipeline } from './device-cache.js';
import { ACCESSES } from './shader-source.js';
import type { Activation } from './types.js';
import { checkDevice } from './validate.js';

/** Which kernels `prepare` builds. */
export interface PrepareOptions {
  /** Default: every activation, 'mish', 'relu' and 'swish'. */
  activations?: readonly Activation[];
}

/**
 * Builds the kernels' pipelines for `device` with `createComputePipelineAsync`, so that no later call stalls while
 * a shader compiles. Calls made before the promise settles work as usual (they build what they need at once).
 *
 * @example
 * ```ts
 * const device = await adapter.requestDevice();
 * await prepare(device); // or prepare(device, { activations: ['mish'] })
 * mishForward(device, { x, y }); // no compile stall
 * ```
 */
export async function prepare(device: GPUDevice, options: PrepareOptions = {}): Promise<void> {
  const checked = checkDevice('prepare', device);
  const activations = options.activations ?? ACTIVATION_NAMES;
  for (const activation of activations) {
    if (!ACTIVATION_NAMES.includes(activation)) {
      throw new TypeError(`prepare: unknown activation ${JSON.stringify(activation)}; use ${ACTIVATION_NAMES.join(', ')}`);
    }
  }
  const jobs: Array<Promise<void>> = [];
  for (const activation of activations) {
    for (const aliasing of COMMON_ALIASINGS) {
      // Every memory access: f32 (vec4 body, bound exactly or not, and scalar remainder) and the two 16-bit formats
      // (eight-element body, bound exactly or not, and word remainder).
      for (const access of ACCESSES) jobs.push(preparePipeline(checked, ACTIVATIONS[activation].kernel, aliasing, access));
    }
  }
  await Promise.all(jobs);
}
