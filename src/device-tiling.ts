/** `getTiling` and `setTiling`: which kernel shape a device's calls use (src/tiling.ts has the rule). */
import { deviceState, useTiling } from './device-cache.js';
import { checkTiling, type Tiling, type TilingChoice, tilingFor } from './tiling.js';
import { checkDevice } from './validate.js';

/**
 * The tiling calls on `device` use: invocations per workgroup, chunks per invocation, and where it came from (the
 * rule on the adapter's info, `setTiling` or `tuneTiling`) and why.
 *
 * @example
 * ```ts
 * const { workgroupSize, chunksPerInvocation, source, reason } = getTiling(device);
 * ```
 */
export function getTiling(device: GPUDevice): TilingChoice {
  return deviceState(checkDevice('getTiling', device)).tiling;
}

/**
 * Makes calls on `device` use `tiling` from now on, or the rule's choice again with `'auto'`. Calls already
 * recorded into an encoder keep the shape they were recorded with.
 *
 * @throws {TypeError} device or tiling of the wrong kind.
 * @throws {RangeError} a shape the device cannot run (a workgroup past its `maxComputeInvocationsPerWorkgroup`, say).
 *
 * @example
 * ```ts
 * setTiling(device, { workgroupSize: 128, chunksPerInvocation: 2 });
 * setTiling(device, 'auto'); // back to the rule's choice for this adapter
 * ```
 */
export function setTiling(device: GPUDevice, tiling: Tiling | 'auto'): TilingChoice {
  const checked = checkDevice('setTiling', device);
  const choice: TilingChoice =
    tiling === 'auto'
      ? tilingFor((checked as { adapterInfo?: GPUAdapterInfo }).adapterInfo)
      : { ...checkTiling('setTiling', tiling, checked.limits), source: 'forced', reason: 'set by setTiling' };
  useTiling(checked, choice);
  return deviceState(checked).tiling;
}
