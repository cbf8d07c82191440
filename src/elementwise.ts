/** One element-wise kernel call, start to end: check the arguments, plan (or reuse the plan), record. */
import { encodeCall } from './encode.js';
import { planFor } from './plan.js';
import type { KernelSpec, Pass } from './types.js';
import { validateCall } from './validate.js';

/** Runs `kernel` for one call of the public function `fn`; throws before recording anything on bad arguments. */
export function runElementwise(fn: string, kernel: KernelSpec, pass: Pass, device: GPUDevice, args: object): void {
  const call = validateCall(fn, pass, device, args);
  if (call.length > 0) encodeCall(call, planFor(call, kernel));
}
