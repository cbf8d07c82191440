import { ELEMENTS_PER_WORKGROUP, F32_BYTES, PARAMS_BINDING, PARAMS_BYTES } from './constants.js';
import { type DeviceLimits, deviceFacts, type ParamBlock, paramOffsetFor, pipelineFor } from './device-cache.js';
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

/** Everything a call records, derived once for a given kernel, pass, buffers, offsets and length. */
interface Plan {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  /** length, x_offset, dy_offset, out_offset: the contents of the call's parameter block. */
  readonly params: ParamBlock;
  readonly groupsX: number;
  readonly groupsY: number;
  readonly label: string;
}

// Plans are kept per written buffer (dropping the buffer drops them), so a repeated call costs one lookup
// instead of rebuilding keys, windows and a bind group: most of a call's CPU time otherwise.
const plans = new WeakMap<GPUBuffer, Map<string, Plan>>();
const PLANS_PER_BUFFER = 64;

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function buildPlan(
  fn: string,
  device: GPUDevice,
  kernel: KernelSpec,
  pass: Pass,
  operands: readonly Operand[],
  length: number,
  limits: DeviceLimits,
): Plan {
  const aliasing: number[] = [];
  const slotBuffers: GPUBuffer[] = [];
  for (const { buffer } of operands) {
    let slot = slotBuffers.indexOf(buffer);
    if (slot < 0) slot = slotBuffers.push(buffer) - 1;
    aliasing.push(slot);
  }

  // Each buffer is bound once, over the union of its operands' ranges, from a 256-byte aligned start; the rest
  // of each offset goes into the parameter block.
  const alignment = limits.minStorageBufferOffsetAlignment;
  const windows: Window[] = slotBuffers.map((buffer) => {
    const users = operands.filter((operand) => operand.buffer === buffer);
    const first = Math.min(...users.map((operand) => operand.offset)) * F32_BYTES;
    const end = Math.max(...users.map((operand) => operand.offset + length)) * F32_BYTES;
    const start = first - (first % alignment);
    return { buffer, start, size: end - start };
  });
  for (const window of windows) {
    if (window.size > limits.maxStorageBufferBindingSize) {
      const name = operands.find((operand) => operand.buffer === window.buffer)?.name ?? 'a buffer';
      throw new RangeError(
        `${fn}: the range of ${name} spans ${window.size} bytes, more than this device's ` +
          `maxStorageBufferBindingSize (${limits.maxStorageBufferBindingSize}); request a larger limit in ` +
          'requestDevice({ requiredLimits }) or split the call into smaller lengths',
      );
    }
  }

  const workgroups = Math.ceil(length / ELEMENTS_PER_WORKGROUP);
  const maxPerDimension = limits.maxComputeWorkgroupsPerDimension;
  const groupsX = Math.min(workgroups, maxPerDimension);
  const groupsY = Math.ceil(workgroups / groupsX);
  if (groupsY > maxPerDimension) {
    throw new RangeError(`${fn}: length ${length} needs more workgroups than a 2-D grid holds; split the call`);
  }

  const relative = (operand: Operand): number =>
    operand.offset - (windows[slotBuffers.indexOf(operand.buffer)] as Window).start / F32_BYTES;
  const out = operands[operands.length - 1] as Operand;
  const values: ParamBlock['values'] = [
    length,
    relative(operands[0] as Operand),
    pass === 'backward' ? relative(operands[1] as Operand) : 0,
    relative(out),
  ];
  const params: ParamBlock = { values, key: values.join(',') };

  const { pipeline, layout, paramBuffer } = pipelineFor(device, kernel, pass, aliasing);
  const label = `webgpu-mish ${kernel.name}${capitalize(pass)}`;
  const bindGroup = device.createBindGroup({
    label: `${label} ${windows.map((w) => `#${idOf(w.buffer)}[${w.start}, +${w.size})`).join(' ')}`,
    layout,
    entries: [
      { binding: PARAMS_BINDING, resource: { buffer: paramBuffer, size: PARAMS_BYTES } },
      ...windows.map((w, slot) => ({
        binding: PARAMS_BINDING + 1 + slot,
        resource: { buffer: w.buffer, offset: w.start, size: w.size },
      })),
    ],
  });
  return { pipeline, bindGroup, params, groupsX, groupsY, label };
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
  const checked = names.map((name) => checkBuffer(fn, name, args[name]));
  const offsets = names.map((name) => checkCount(fn, `${name}Offset`, args[`${name}Offset`], 0));
  const encoder = checkEncoder(fn, args.encoder);
  const timestampWrites = checkTimestampWrites(fn, args.timestampWrites);

  const xElements = Math.floor((checked[0] as { size: number }).size / F32_BYTES);
  const xOffset = offsets[0] as number;
  if (xOffset > xElements) {
    throw new RangeError(`${fn}: xOffset ${xOffset} is past the end of x (${xElements} elements); pass a smaller xOffset`);
  }
  const length = checkCount(fn, 'length', args.length, xElements - xOffset);

  const operands: Operand[] = names.map((name, k) => ({
    name,
    buffer: (checked[k] as { buffer: GPUBuffer }).buffer,
    offset: offsets[k] as number,
  }));
  for (const [k, { name, offset }] of operands.entries()) {
    const size = (checked[k] as { size: number }).size;
    const elements = Math.floor(size / F32_BYTES);
    if (offset + length > elements) {
      throw new RangeError(
        `${fn}: ${name} holds ${elements} f32 elements (${size} bytes) but ${name}Offset + length = ` +
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

  const { limits, queue } = deviceFacts(device);
  let key = `${kernel.name} ${pass} ${length}`;
  for (const operand of operands) key += ` ${idOf(operand.buffer)}@${operand.offset}`;
  let perBuffer = plans.get(out.buffer);
  if (perBuffer === undefined) {
    perBuffer = new Map();
    plans.set(out.buffer, perBuffer);
  }
  let plan = perBuffer.get(key);
  if (plan === undefined) {
    plan = buildPlan(fn, device, kernel, pass, operands, length, limits);
    if (perBuffer.size >= PLANS_PER_BUFFER) perBuffer.delete(perBuffer.keys().next().value as string);
    perBuffer.set(key, plan);
  }

  const paramOffset = paramOffsetFor(device, plan.params);
  const commands = encoder ?? device.createCommandEncoder({ label: plan.label });
  const computePass = commands.beginComputePass(
    timestampWrites ? { label: plan.label, timestampWrites } : { label: plan.label },
  );
  computePass.setPipeline(plan.pipeline);
  computePass.setBindGroup(0, plan.bindGroup, [paramOffset]);
  computePass.dispatchWorkgroups(plan.groupsX, plan.groupsY);
  computePass.end();
  if (encoder === undefined) queue.submit([commands.finish({ label: plan.label })]);
}
