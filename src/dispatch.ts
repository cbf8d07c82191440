import { CHUNKS_PER_INVOCATION, PARAMS_BINDING, PARAMS_BYTES, WORKGROUP_SIZE } from './constants.js';
import { type DeviceLimits, deviceFacts, lossOf, type ParamBlock, paramOffsetFor, pipelineFor } from './device-cache.js';
import { type Access, type DType, ELEMENT_BYTES, type KernelSpec, operandsOf, type Pass } from './shaders.js';
import { checkArgs, checkBuffer, checkCount, checkDevice, checkDType, checkEncoder, checkTimestampWrites } from './validate.js';

/** Options every kernel call takes besides its buffers and their offsets. */
export interface CallOptions {
  /** Elements to process. Default: the elements of `x` after `xOffset`. 0 does nothing. */
  length?: number;
  /** First element of `x` to read (elements, not bytes; no alignment needed). Default 0. */
  xOffset?: number;
  /** Record into this encoder and let the caller submit. Default: submit to `device.queue` now. */
  encoder?: GPUCommandEncoder;
  /** Timestamp writes for the call's compute pass, so that a profiler can time it. */
  timestampWrites?: GPUComputePassTimestampWrites;
  /**
   * Storage format of every buffer of the call: 'f32' (default), or 16-bit 'f16' or 'bf16' (2 bytes per element;
   * math in f32, rounded once to nearest even on store; no shader-f16 feature needed).
   */
  dtype?: DType;
}

/** Arguments of every forward kernel: y[yOffset + i] = f(x[xOffset + i]) for i < length. */
export interface ForwardArgs extends CallOptions {
  /** Input. Needs `GPUBufferUsage.STORAGE`. */
  x: GPUBuffer;
  /** Output; may be `x` itself (in place). Needs `GPUBufferUsage.STORAGE`. */
  y: GPUBuffer;
  /** First element of `y` to write. Default 0. */
  yOffset?: number;
}

/** Arguments of every backward kernel: dx[dxOffset + i] = dy[dyOffset + i]·f'(x[xOffset + i]) for i < length. */
export interface BackwardArgs extends CallOptions {
  /** The forward input. Needs `GPUBufferUsage.STORAGE`. */
  x: GPUBuffer;
  /** Gradient of the loss with respect to the forward output. Needs `GPUBufferUsage.STORAGE`. */
  dy: GPUBuffer;
  /** Gradient with respect to x, written; may be `dy` or `x` (in place). Needs `GPUBufferUsage.STORAGE`. */
  dx: GPUBuffer;
  /** First element of `dy` to read. Default 0. */
  dyOffset?: number;
  /** First element of `dx` to write. Default 0. */
  dxOffset?: number;
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

/** One dispatch of a call: a pipeline, its bindings and parameter block, and the grid. */
interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  /** length, x_offset, dy_offset, out_offset: the contents of the dispatch's parameter block. */
  readonly params: ParamBlock;
  readonly groupsX: number;
  readonly groupsY: number;
}

/**
 * Everything a call records, derived once for a given kernel, pass, buffers, offsets and length: a vec4 dispatch
 * for the body when every offset is a multiple of 4 elements, and a scalar dispatch for the rest (the last
 * length % 4 elements, or the whole range when an offset is not a multiple of 4). One compute pass holds both;
 * their ranges are disjoint.
 */
interface Plan {
  readonly dispatches: readonly Dispatch[];
  readonly label: string;
}

// Plans are kept per written buffer (dropping the buffer drops them), so a repeated call costs one lookup
// instead of rebuilding keys, windows and bind groups: most of a call's CPU time otherwise.
const plans = new WeakMap<GPUBuffer, Map<string, Plan>>();
const PLANS_PER_BUFFER = 64;

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Each distinct buffer is bound once, over the union of its operands' ranges, from an aligned start; the rest of
 * each offset goes into the parameter block. `slots[k]` is the binding slot of operand k.
 */
function windowsFor(
  operands: readonly Operand[],
  length: number,
  alignment: number,
  bytes: number,
): { windows: Window[]; slots: number[] } {
  const slots: number[] = [];
  const buffers: GPUBuffer[] = [];
  for (const { buffer } of operands) {
    let slot = buffers.indexOf(buffer);
    if (slot < 0) slot = buffers.push(buffer) - 1;
    slots.push(slot);
  }
  const windows = buffers.map((buffer) => {
    const users = operands.filter((operand) => operand.buffer === buffer);
    const first = Math.min(...users.map((operand) => operand.offset)) * bytes;
    // Bindings are whole 4-byte words: a 16-bit range that ends mid-word takes the whole word.
    const end = Math.ceil((Math.max(...users.map((operand) => operand.offset + length)) * bytes) / 4) * 4;
    const start = first - (first % alignment);
    return { buffer, start, size: end - start };
  });
  return { windows, slots };
}

function buildDispatch(
  device: GPUDevice,
  kernel: KernelSpec,
  pass: Pass,
  operands: readonly Operand[],
  length: number,
  limits: DeviceLimits,
  access: Access,
  label: string,
): Dispatch {
  const bytes = access === 'f16' || access === 'bf16' ? 2 : 4;
  const { windows, slots } = windowsFor(operands, length, limits.minStorageBufferOffsetAlignment, bytes);
  const relative = (k: number): number => {
    const operand = operands[k] as Operand;
    return operand.offset - (windows[slots[k] as number] as Window).start / bytes;
  };
  // A chunk is 4 f32 elements, or one 32-bit word (two 16-bit elements) of the output.
  const outOffset = relative(operands.length - 1);
  const chunks = bytes === 4 ? Math.ceil(length / 4) : ((outOffset + length - 1) >> 1) - (outOffset >> 1) + 1;
  const workgroups = Math.ceil(chunks / (WORKGROUP_SIZE * CHUNKS_PER_INVOCATION));
  const groupsX = Math.min(workgroups, limits.maxComputeWorkgroupsPerDimension);
  const groupsY = Math.ceil(workgroups / groupsX);
  const values: ParamBlock['values'] = [
    length,
    relative(0),
    pass === 'backward' ? relative(1) : 0,
    outOffset,
  ];
  const { pipeline, layout, paramBuffer } = pipelineFor(device, kernel, pass, slots, access);
  const bindGroup = device.createBindGroup({
    label: `${label} ${access} ${windows.map((w) => `#${idOf(w.buffer)}[${w.start}, +${w.size})`).join(' ')}`,
    layout,
    entries: [
      { binding: PARAMS_BINDING, resource: { buffer: paramBuffer, size: PARAMS_BYTES } },
      ...windows.map((w, slot) => ({
        binding: PARAMS_BINDING + 1 + slot,
        resource: { buffer: w.buffer, offset: w.start, size: w.size },
      })),
    ],
  });
  return { pipeline, bindGroup, params: { values, key: values.join(',') }, groupsX, groupsY };
}

/** Offsets moved `by` elements along the range. */
function advance(operands: readonly Operand[], by: number): Operand[] {
  return operands.map((operand) => ({ ...operand, offset: operand.offset + by }));
}

/**
 * The longest piece of the range whose bindings all fit `maxStorageBufferBindingSize`: a multiple of the binding
 * alignment (so that every piece keeps the vec4 path's alignment), less the distance between operands that
 * share a buffer (they share one binding).
 */
function pieceLength(operands: readonly Operand[], limits: DeviceLimits, bytes: number): number {
  const alignment = limits.minStorageBufferOffsetAlignment / bytes;
  let spread = 0;
  for (const a of operands) {
    for (const b of operands) if (a.buffer === b.buffer) spread = Math.max(spread, b.offset - a.offset);
  }
  const room = Math.floor(limits.maxStorageBufferBindingSize / bytes) - spread - alignment;
  return Math.floor(room / alignment) * alignment;
}

function buildPlan(
  fn: string,
  device: GPUDevice,
  kernel: KernelSpec,
  pass: Pass,
  operands: readonly Operand[],
  length: number,
  limits: DeviceLimits,
  dtype: DType,
): Plan {
  // A range longer than one storage binding allows is split into pieces, each bound at its own aligned offset.
  // Checked before anything is created.
  const piece = pieceLength(operands, limits, ELEMENT_BYTES[dtype]);
  if (piece <= 0) {
    throw new RangeError(
      `${fn}: operands in the same buffer lie too far apart to share one binding of at most ` +
        `${limits.maxStorageBufferBindingSize} bytes (maxStorageBufferBindingSize); use separate buffers or nearer offsets`,
    );
  }

  const label = `webgpu-mish ${kernel.name}${capitalize(pass)}${dtype === 'f32' ? '' : ` ${dtype}`}`;
  const dispatches: Dispatch[] = [];
  for (let done = 0; done < length; done += piece) {
    const count = Math.min(piece, length - done);
    const part = advance(operands, done);
    if (dtype !== 'f32') {
      dispatches.push(buildDispatch(device, kernel, pass, part, count, limits, dtype, label));
      continue;
    }
    const aligned = part.every((operand) => operand.offset % 4 === 0);
    const body = aligned ? count - (count % 4) : 0;
    if (body > 0) dispatches.push(buildDispatch(device, kernel, pass, part, body, limits, 'vec4', label));
    if (body < count) {
      dispatches.push(buildDispatch(device, kernel, pass, advance(part, body), count - body, limits, 'scalar', label));
    }
  }
  return { dispatches, label };
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
  const { limits, queue } = deviceFacts(device);
  const lost = lossOf(device);
  if (lost !== undefined) {
    throw new Error(
      `${fn}: the device was lost (${lost.reason}${lost.message ? `: ${lost.message}` : ''}); request a new ` +
        'device with adapter.requestDevice() and pass it, with buffers created on it',
    );
  }
  const args = checkArgs<Record<string, unknown>>(fn, argsArg);
  const names = operandsOf[pass];
  const checked = names.map((name) => checkBuffer(fn, name, args[name]));
  const offsets = names.map((name) => checkCount(fn, `${name}Offset`, args[`${name}Offset`], 0));
  const encoder = checkEncoder(fn, args.encoder);
  const timestampWrites = checkTimestampWrites(fn, args.timestampWrites);
  const dtype = checkDType(fn, args.dtype);
  const bytes = ELEMENT_BYTES[dtype];

  const xElements = Math.floor((checked[0] as { size: number }).size / bytes);
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
    const elements = Math.floor(size / bytes);
    if (offset + length > elements) {
      throw new RangeError(
        `${fn}: ${name} holds ${elements} ${dtype} elements (${size} bytes) but ${name}Offset + length = ` +
          `${offset} + ${length} = ${offset + length}; pass a larger ${name} or a smaller length`,
      );
    }
    if (length > 0 && Math.ceil(((offset + length) * bytes) / 4) * 4 > size) {
      throw new RangeError(
        `${fn}: ${name}'s range ends in the last 2 bytes of a ${size}-byte buffer; WebGPU binds whole 4-byte ` +
          `words, so give ${name} a size that is a multiple of 4 (${size + 2} bytes)`,
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

  let key = `${kernel.name} ${pass} ${dtype} ${length}`;
  for (const operand of operands) key += ` ${idOf(operand.buffer)}@${operand.offset}`;
  let perBuffer = plans.get(out.buffer);
  if (perBuffer === undefined) {
    perBuffer = new Map();
    plans.set(out.buffer, perBuffer);
  }
  let plan = perBuffer.get(key);
  if (plan === undefined) {
    plan = buildPlan(fn, device, kernel, pass, operands, length, limits, dtype);
    if (perBuffer.size >= PLANS_PER_BUFFER) perBuffer.delete(perBuffer.keys().next().value as string);
    perBuffer.set(key, plan);
  }

  const commands = encoder ?? device.createCommandEncoder({ label: plan.label });
  const computePass = commands.beginComputePass(
    timestampWrites ? { label: plan.label, timestampWrites } : { label: plan.label },
  );
  for (const dispatch of plan.dispatches) {
    computePass.setPipeline(dispatch.pipeline);
    computePass.setBindGroup(0, dispatch.bindGroup, [paramOffsetFor(device, dispatch.params)]);
    computePass.dispatchWorkgroups(dispatch.groupsX, dispatch.groupsY);
  }
  computePass.end();
  if (encoder === undefined) queue.submit([commands.finish({ label: plan.label })]);
}
