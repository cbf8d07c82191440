/** `prepare(device)`: builds the pipelines of the calls people make ahead of time, without stalling a frame. */
import { ACTIVATION_NAMES, ACTIVATIONS } from './activations.js';
import { COMMON_ALIASINGS } from './aliasing.js';
import { preparePipeline } from './device-cache.js';
import { ACCESSES } from './shader-source.js';
import type { Activation } from './types.js';
import { describeValue } from './describe.js';
import { checkOptionKeys } from './options.js';
import { checkDevice } from './validate.js';

/** Which kernels `prepare` builds. */
export interface PrepareOptions {
  /** Default: every activation, 'mish', 'relu' and 'swish'. */
  activations?: readonly Activation[];
}

const OPTION_NAMES: ReadonlySet<string> = new Set(['activations']);

/** The activations `options` asks for; a TypeError naming the argument and the fix for anything else. */
function checkActivations(options: unknown): readonly Activation[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(
      `prepare: options must be an object (got ${describeValue(options)}); e.g. prepare(device, { activations: ['mish'] }), or leave it out for all`,
    );
  }
  checkOptionKeys('prepare', 'options', options, OPTION_NAMES);
  const activations = (options as PrepareOptions).activations;
  if (activations === undefined) return ACTIVATION_NAMES;
  if (!Array.isArray(activations)) {
    const example = typeof activations === 'string' ? JSON.stringify([activations]) : "['mish']";
    throw new TypeError(`prepare: options.activations must be an array of activation names (got ${describeValue(activations)}); pass ${example}`);
  }
  for (const activation of activations) {
    if (!ACTIVATION_NAMES.includes(activation)) {
      throw new TypeError(`prepare: unknown activation ${describeValue(activation)} in options.activations; use ${ACTIVATION_NAMES.join(', ')}`);
    }
  }
  return activations;
}

/**
 * Builds the kernels' pipelines for `device` with `createComputePipelineAsync`, so that no later call stalls while
 * a shader compiles. Calls made before the promise settles work as usual (they build what they need at once). In
 * Node's `webgpu` package, whose async pipeline creation has crashed the process, it builds them with
 * `createComputePipeline`, one per task.
 *
 * @throws {TypeError} device or options of the wrong kind, an option it does not take, or an unknown activation (at
 *   once, not in the promise).
 *
 * @example
 * ```ts
 * const device = await adapter.requestDevice();
 * await prepare(device); // or prepare(device, { activations: ['mish'] })
 * mishForward(device, { x, y }); // no compile stall
 * ```
 */
export function prepare(device: GPUDevice, options: PrepareOptions = {}): Promise<void> {
  // Checked before anything is built: bad arguments throw here, not in the promise.
  const checked = checkDevice('prepare', device);
  return build(checked, checkActivations(options));
}

async function build(checked: GPUDevice, activations: readonly Activation[]): Promise<void> {
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
