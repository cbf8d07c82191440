/**
 * Baselines outside the package's path, for the bench: what a user would run instead of calling the package.
 * `naive-copy` and `naive-mish` are element-wise kernels written the way a user writes them (shaders/standalone/:
 * one vec4 per invocation, their own pipeline and bind group); `copy-buffer` is copyBufferToBuffer of the same
 * bytes, the adapter's memory limit. Rows through the package's own path (copy, mish-builtin) isolate the math; these
 * show what the path itself costs.
 */
import copyBackwardSource from './shaders/standalone/copy-backward.wgsl?raw';
import copyForwardSource from './shaders/standalone/copy-forward.wgsl?raw';
import mishBackwardSource from './shaders/standalone/mish-backward.wgsl?raw';
import mishForwardSource from './shaders/standalone/mish-forward.wgsl?raw';
import type { Row, RowBuffers, Step } from './timing/types.js';

/** Invocations per workgroup of the standalone kernels (the workgroup size their WGSL declares), each on one vec4. */
const STANDALONE_WORKGROUP = 256;

/** One standalone kernel on its buffers, as a Step: its own pass, pipeline, bind group and dispatch. */
function standaloneStep(device: GPUDevice, label: string, code: string, buffers: readonly GPUBuffer[], elements: number): Step {
  const module = device.createShaderModule({ label, code });
  const pipeline = device.createComputePipeline({ label, layout: 'auto', compute: { module, entryPoint: 'main' } });
  const bindGroup = device.createBindGroup({
    label,
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const workgroups = Math.ceil(elements / 4 / STANDALONE_WORKGROUP);
  const groupsX = Math.min(workgroups, device.limits.maxComputeWorkgroupsPerDimension);
  const groupsY = Math.ceil(workgroups / groupsX);
  return (encoder, timestampWrites) => {
    const pass = encoder.beginComputePass(timestampWrites ? { label, timestampWrites } : { label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groupsX, groupsY);
    pass.end();
  };
}

/** copyBufferToBuffer of x into y, between two empty passes that carry the timestamps (a copy has none of its own). */
function copyBufferStep(x: GPUBuffer, y: GPUBuffer, bytes: number): Step {
  return (encoder, timestampWrites) => {
    const mark = (writes: GPUComputePassTimestampWrites): void =>
      encoder.beginComputePass({ label: 'bench copy-buffer timestamp', timestampWrites: writes }).end();
    if (timestampWrites?.beginningOfPassWriteIndex !== undefined) {
      mark({ querySet: timestampWrites.querySet, beginningOfPassWriteIndex: timestampWrites.beginningOfPassWriteIndex });
    }
    encoder.copyBufferToBuffer(x, 0, y, 0, bytes);
    if (timestampWrites?.endOfPassWriteIndex !== undefined) {
      mark({ querySet: timestampWrites.querySet, endOfPassWriteIndex: timestampWrites.endOfPassWriteIndex });
    }
  };
}

/** The standalone rows at one size (a multiple of 4 elements: every size the bench measures is). */
export function standaloneRows(device: GPUDevice, buffers: RowBuffers, elements: number): Row[] {
  const { x, y, dy, dx } = buffers;
  const step = (name: string, code: string, bound: GPUBuffer[]): Step => standaloneStep(device, `bench ${name}`, code, bound, elements);
  return [
    { kernel: 'copy-buffer', pass: 'forward', steps: [copyBufferStep(x, y, elements * 4)] },
    { kernel: 'naive-copy', pass: 'forward', steps: [step('naive-copy forward', copyForwardSource, [x, y])] },
    { kernel: 'naive-mish', pass: 'forward', steps: [step('naive-mish forward', mishForwardSource, [x, y])] },
    { kernel: 'naive-copy', pass: 'backward', steps: [step('naive-copy backward', copyBackwardSource, [x, dy, dx])] },
    { kernel: 'naive-mish', pass: 'backward', steps: [step('naive-mish backward', mishBackwardSource, [x, dy, dx])] },
  ];
}
