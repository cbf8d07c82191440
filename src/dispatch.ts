import { ELEMENTS_PER_WORKGROUP, F32_BYTES, PARAMS_BINDING, PARAMS_BYTES } from './constants.js';
import { paramOffsetFor, pipelineFor } from './device-cache.js';
import { type KernelSpec, operandsOf, type Pass } from './shaders.js';
import { checkArgs, checkBuffer, checkCount, checkDevice, checkEncoder, checkTimestampWrites } from './validate.js';

/** Arguments of every forward kernel: y[yOffset + i] = f(x[xOffset + i]) for i < length. */
export interface ForwardArgs {
  /** Input. Needs `GPUBufferUsage.STORAGE`. */
  x: GPUBuffer;
  /** Output; may be `x` itself (in place). Needs `GPUBufferUsage.STORAGE`. */
  y: GPUBuffer;
  /** Elements to process. Default: the elements of `x` after `xOffset`. 0 does nothing. */
  length?: number;
  /** First element of `x` to read (elements, not bytes; no alignment needed). Default 0. */
  xOffset?: number;
  /** First element of `y` to write. Default 0. */
  yOffset?: number;
  /** Record into this encoder and let the caller submit. Default: submit to `device.queue` now. */
  encoder?: GPUCommandEncoder;
  /** Timestamp writes for the call's compute pass, so that a profiler can time it. */
  timestampWrites?: GPUComputePassTimestampWrites;
}

/** Arguments of every backward kernel: dx[dxOffset + i] = dy[dyOffset + i]·f'(x[xOffset + i]) for i < length. */
export interface BackwardArgs {
  /** The forward input. Needs `GPUBufferUsage.STORAGE`. */
  x: GPUBuffer;
  /** Gradient of the loss with respect to the forward output. Needs `GPUBufferUsage.STORAGE`. */
  dy: GPUBuffer;
  /** Gradient with respect to x, written; may be `dy` or `x` (in place). Needs `GPUBufferUsage.STORAGE`. */
  dx: GPUBuffer;
  /** Elements to process. Default: the elements of `x` after `xOffset`. 0 does nothing. */
  length?: number;
  /** First element of `x` to read (elements, not bytes; no alignment needed). Default 0. */
  xOffset?: number;
  /** First element of `dy` to read. Default 0. */
  dyOffset?: number;
  /** First element of `dx` to write. Default 0. */
  dxOffset?: number;
  /** Record into this encoder and let the caller submit. Default: submit to `device.queue` now. */
  encoder?: GPUCommandEncoder;
  /** Timestamp writes for the call's compute pass, so that a profiler can time it. */
  timestampWrites?: GPUComputePassTimestampWrites;
}

type ArgsOf<P extends Pass> = P extends 'forward' ? ForwardArgs : BackwardArgs;

interface Operand {
  readonly name: string;
  readonly buffer: GPUBuffer;
  readonly offset: number;
}

/** A 256-byte aligned window of one buffer, bound once however many operands read or write it. */
interface Window {
  readonly buffer: GPUBuffer;
  readonly start: number;
  readonly size: number;
}

const bufferIds = new WeakMap<GPUBuffer, number>();
let nextBufferId = 0;
function idOf(buffer: GPUBuffer): number {
  let id = bufferIds.get(buffer);
  if (id === undefined) {
    id = nextBufferId++;
    bufferIds.set(buffer, id);
  }
  return id;
}

// Bind groups depend only on the buffers, their windows and the layout (parameters use a dynamic offset), so
// repeated calls on the same buffers reuse them. Keyed by the written buffer: dropping it drops its entries.
const bindGroups = new WeakMap<GPUBuffer, Map<string, GPUBindGroup>>();
const BIND_GROUPS_PER_BUFFER = 32;

function bindGroupFor(
  device: GPUDevice,
  layout: GPUBindGroupLayout,
  layoutKey: string,
  params: GPUBuffer,
  windows: readonly Window[],
  written: GPUBuffer,
): GPUBindGroup {
  const key = `${layoutKey}|${windows.map((w) => `${idOf(w.buffer)}@${w.start}+${w.size}`).join('|')}`;
  let perBuffer = bindGroups.get(written);
  if (perBuffer === undefined) {
    perBuffer = new Map();
    bindGroups.set(written, perBuffer);
  }
  let group = perBuffer.get(key);
  if (group === undefined) {
    group = device.createBindGroup({
      label: `webgpu-mish bind group ${key}`,
      layout,
      entries: [
        { binding: PARAMS_BINDING, resource: { buffer: params, size: PARAMS_BYTES } },
        ...windows.map((w, slot) => ({
          binding: PARAMS_BINDING + 1 + slot,
          resource: { buffer: w.buffer, offset: w.start, size: w.size },
        })),
      ],
    });
    if (perBuffer.size >= BIND_GROUPS_PER_BUFFER) {
      const oldest = perBuffer.keys().next().value as string;
      perBuffer.delete(oldest);
    }
    perBuffer.set(key, group);
  }
  return group;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Validates one call, then records one compute pass for it (into `args.encoder`, or into a new encoder that is
 * submitted at once). Nothing is recorded or submitted when a check fails.
 */
export function dispatchElementwise<P extends Pass>(
  fn: string,
  kernel: KernelSpec,
  pass: P,
  deviceArg: GPUDevice,
  argsArg: ArgsOf<P>,
): void {
  const device = checkDevice(fn, deviceArg);
  const args = checkArgs<Record<string, unknown>>(fn, argsArg);
  const names = operandsOf[pass];
  const buffers = names.map((name) => checkBuffer(fn, name, args[name]));
  const offsets = names.map((name) => checkCount(fn, `${name}Offset`, args[`${name}Offset`], 0));
  const encoder = checkEncoder(fn, args.encoder);
  const timestampWrites = checkTimestampWrites(fn, args.timestampWrites);

  const x = buffers[0] as GPUBuffer;
  const xElements = Math.floor(x.size / F32_BYTES);
  const xOffset = offsets[0] as number;
  if (xOffset > xElements) {
    throw new RangeError(`${fn}: xOffset ${xOffset} is past the end of x (${xElements} elements); pass a smaller xOffset`);
  }
  const length = checkCount(fn, 'length', args.length, xElements - xOffset);

  const operands: Operand[] = names.map((name, k) => ({
    name,
    buffer: buffers[k] as GPUBuffer,
    offset: offsets[k] as number,
  }));
  for (const { name, buffer, offset } of operands) {
    const elements = Math.floor(buffer.size / F32_BYTES);
    if (offset + length > elements) {
      throw new RangeError(
        `${fn}: ${name} holds ${elements} f32 elements (${buffer.size} bytes) but ${name}Offset + length = ` +
          `${offset} + ${length} = ${offset + length}; pass a larger ${name} or a smaller length`,
      );
    }
  }

  // In place is fine when the written range coincides with a read range of the same buffer; a partial overlap
  // would race (invocations would read elements that others have already overwritten).
  const out = operands[operands.length - 1] as Operand;
  for (const input of operands.slice(0, -1)) {
    const overlaps = input.offset < out.offset + length && out.offset < input.offset + length;
    if (input.buffer === out.buffer && input.offset !== out.offset && overlaps && length > 0) {
      throw new RangeError(
        `${fn}: ${out.name} and ${input.name} are the same buffer and their ranges overlap without coinciding ` +
          `(${out.name}Offset ${out.offset}, ${input.name}Offset ${input.offset}, length ${length}); use equal ` +
          'offsets for in-place work, or disjoint ranges',
      );
    }
  }
  if (length === 0) return;

  const aliasing: number[] = [];
  const slotBuffers: GPUBuffer[] = [];
  for (const { buffer } of operands) {
    let slot = slotBuffers.indexOf(buffer);
    if (slot < 0) slot = slotBuffers.push(buffer) - 1;
    aliasing.push(slot);
  }

  const alignment = device.limits.minStorageBufferOffsetAlignment;
  const windows: Window[] = slotBuffers.map((buffer) => {
    const users = operands.filter((operand) => operand.buffer === buffer);
    const first = Math.min(...users.map((operand) => operand.offset)) * F32_BYTES;
    const end = Math.max(...users.map((operand) => operand.offset + length)) * F32_BYTES;
    const start = first - (first % alignment);
    return { buffer, start, size: end - start };
  });
  const maxBinding = device.limits.maxStorageBufferBindingSize;
  for (const window of windows) {
    if (window.size > maxBinding) {
      const name = operands.find((operand) => operand.buffer === window.buffer)?.name ?? 'a buffer';
      throw new RangeError(
        `${fn}: the range of ${name} spans ${window.size} bytes, more than this device's ` +
          `maxStorageBufferBindingSize (${maxBinding}); request a larger limit in requestDevice({ requiredLimits }) ` +
          'or split the call into smaller lengths',
      );
    }
  }

  const relative = (operand: Operand | undefined): number => {
    if (operand === undefined) return 0;
    const window = windows[slotBuffers.indexOf(operand.buffer)] as Window;
    return operand.offset - window.start / F32_BYTES;
  };
  const params = paramOffsetFor(device, [
    length,
    relative(operands[0]),
    pass === 'backward' ? relative(operands[1]) : 0,
    relative(out),
  ]);

  const { pipeline, layout } = pipelineFor(device, kernel, pass, aliasing);
  const bindGroup = bindGroupFor(device, layout, aliasing.join(''), params.buffer, windows, out.buffer);

  const workgroups = Math.ceil(length / ELEMENTS_PER_WORKGROUP);
  const maxPerDimension = device.limits.maxComputeWorkgroupsPerDimension;
  const groupsX = Math.min(workgroups, maxPerDimension);
  const groupsY = Math.ceil(workgroups / groupsX);
  if (groupsY > maxPerDimension) {
    throw new RangeError(`${fn}: length ${length} needs more workgroups than a 2-D grid holds; split the call`);
  }

  const label = `webgpu-mish ${kernel.name}${capitalize(pass)}`;
  const commands = encoder ?? device.createCommandEncoder({ label });
  const computePass = commands.beginComputePass(timestampWrites ? { label, timestampWrites } : { label });
  computePass.setPipeline(pipeline);
  computePass.setBindGroup(0, bindGroup, [params.offset]);
  computePass.dispatchWorkgroups(groupsX, groupsY);
  computePass.end();
  if (encoder === undefined) device.queue.submit([commands.finish({ label })]);
}
