/**
 * Runs in the page (or in Node, or Deno): what the package creates on a device, counted by wrapping the device's
 * createBuffer (and every buffer it returns, for destroy), createComputePipeline and createComputePipelineAsync.
 */

/**
 * Counts the buffers made through `gpu.createBuffer` from now on and not yet destroyed, and the pipelines made
 * through `gpu.createComputePipeline` or `gpu.createComputePipelineAsync`.
 */
export function countObjects(gpu: GPUDevice): { alive(): number; created(): number; pipelines(): number; restore(): void } {
  const original = gpu.createBuffer;
  const originalPipeline = gpu.createComputePipeline;
  const originalAsync = gpu.createComputePipelineAsync;
  let alive = 0;
  let created = 0;
  let pipelines = 0;
  gpu.createComputePipeline = function createComputePipeline(this: GPUDevice, descriptor: GPUComputePipelineDescriptor): GPUComputePipeline {
    pipelines++;
    return originalPipeline.call(this, descriptor);
  };
  gpu.createComputePipelineAsync = function createComputePipelineAsync(this: GPUDevice, descriptor: GPUComputePipelineDescriptor): Promise<GPUComputePipeline> {
    pipelines++;
    return originalAsync.call(this, descriptor);
  };
  gpu.createBuffer = function createBuffer(this: GPUDevice, descriptor: GPUBufferDescriptor): GPUBuffer {
    const buffer = original.call(this, descriptor);
    created++;
    alive++;
    const destroy = buffer.destroy;
    let destroyed = false;
    buffer.destroy = function destroyOnce(this: GPUBuffer): undefined {
      if (!destroyed) alive--;
      destroyed = true;
      return destroy.call(this);
    };
    return buffer;
  };
  return {
    alive: () => alive,
    created: () => created,
    pipelines: () => pipelines,
    restore: () => {
      gpu.createBuffer = original;
      gpu.createComputePipeline = originalPipeline;
      gpu.createComputePipelineAsync = originalAsync;
    },
  };
}
