/**
 * GPU dispatches a piece of TF.js work records: calls of GPUComputePassEncoder.dispatchWorkgroups while `body` runs
 * (TF.js records several dispatches per compute pass, so passes would undercount). Runs in a page.
 */
export async function countDispatches<T>(body: () => Promise<T>): Promise<{ result: T; count: number }> {
  const prototype = GPUComputePassEncoder.prototype;
  const original = prototype.dispatchWorkgroups;
  let count = 0;
  prototype.dispatchWorkgroups = function counted(this: GPUComputePassEncoder, ...args: Parameters<typeof original>) {
    count++;
    return original.apply(this, args);
  };
  try {
    const result = await body();
    return { result, count };
  } finally {
    prototype.dispatchWorkgroups = original;
  }
}
