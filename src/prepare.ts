import { preparePipeline } from './device-cache.js';
import { type Activation, activationKernels, type Aliasing, type Pass, type Access } from './shaders.js';
import { checkDevice } from './validate.js';

/** Which kernels `prepare` builds. */
export interface PrepareOptions {
  /** Default: every activation, 'mish', 'relu' and 'swish'. */
  activations?: readonly Activation[];
}

// The bindings of the calls people make: separate buffers, and each in-place form.
const aliasings: Record<Pass, readonly Aliasing[]> = {
  forward: [
    [0, 1],
    [0, 0],
  ],
  backward: [
    [0, 1, 2],
    [0, 1, 1],
    [0, 1, 0],
  ],
};
// f32 (vec4 body and scalar remainder) and the two 16-bit formats.
const accesses: readonly Access[] = ['vec4', 'scalar', 'f16', 'bf16'];

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
  const activations = options.activations ?? (Object.keys(activationKernels) as Activation[]);
  for (const activation of activations) {
    if (!(activation in activationKernels)) {
      throw new TypeError(
        `prepare: unknown activation ${JSON.stringify(activation)}; use ${Object.keys(activationKernels).join(', ')}`,
      );
    }
  }
  const jobs: Array<Promise<void>> = [];
  for (const activation of activations) {
    for (const pass of ['forward', 'backward'] as const) {
      for (const aliasing of aliasings[pass]) {
        for (const access of accesses) {
          jobs.push(preparePipeline(checked, activationKernels[activation], pass, aliasing, access));
        }
      }
    }
  }
  await Promise.all(jobs);
}
