/**
 * What a validated call records, worked out once and cached: the range split into pieces that each fit one
 * storage binding, each piece into a vector body and a tail, and for each dispatch its pipeline, bind group and
 * grid. A vector body whose operands all sit at 256-byte aligned offsets (operands in one buffer at the same one)
 * binds each buffer exactly over the range and needs nothing else; any other dispatch binds 256-byte aligned
 * windows around the range and a parameter block with the rest of the offsets (in the plan's own parameter
 * buffer, src/plan-params.ts).
 */
import { aliasingOf } from './aliasing.js';
import { CHUNKS_PER_INVOCATION, ELEMENT_BYTES, PARAMS_BINDING, PARAMS_BYTES, PLANS_PER_BUFFER, WORKGROUP_SIZE } from './constants.js';
import { pipelineFor } from './device-cache.js';
import { hasParams } from './shader-source.js';
import { createPlanParams, type ParamBinding, type ParamValues } from './plan-params.js';
import type { Access, Aliasing, DeviceLimits, DType, KernelSpec, Operand, ValidatedCall } from './types.js';

/** One dispatch of a call: a pipeline, its bindings (the parameter block among them), and the grid. */
export interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly groupsX: number;
  readonly groupsY: number;
}

export interface Plan {
  readonly dispatches: readonly Dispatch[];
  /** The label of the call's compute pass and command encoder. */
  readonly label: string;
}

/** A 256-byte aligned window of one buffer, bound once however many operands read or write it. */
interface Window {
  readonly buffer: GPUBuffer;
  readonly start: number;
  readonly size: number;
}

declare const planKeyBrand: unique symbol;
/** A call's pass, dtype, length, buffers and offsets as a map key; made only by `planKey`. */
type PlanKey = string & { readonly [planKeyBrand]: true };

// Plans are kept per written buffer (dropping the buffer drops them) and kernel, so a repeated call costs one
// lookup instead of rebuilding windows and bind groups: most of a call's CPU time otherwise.
const plans = new WeakMap<GPUBuffer, Map<KernelSpec, Map<PlanKey, Plan>>>();
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

function planKey(call: ValidatedCall): PlanKey {
  let key = `${call.pass} ${call.dtype} ${call.length}`;
  for (const operand of call.operands) key += ` ${idOf(operand.buffer)}@${operand.offset}`;
  return key as PlanKey;
}

/**
 * Each distinct buffer is bound once, over the union of its operands' ranges, from an aligned start; the rest of
 * each offset goes into the parameter block. `slots[k]` is the binding slot of operand k.
 */
function windowsFor(operands: readonly Operand[], length: number, alignment: number, bytes: number): { windows: Window[]; slots: number[] } {
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

/** What one dispatch needs before its bind group can be made: everything but the parameter buffer. */
interface DispatchLayout {
  readonly windows: readonly Window[];
  readonly aliasing: Aliasing;
  readonly access: Access;
  /** null where the access has no parameter block. */
  readonly params: ParamValues | null;
  readonly groupsX: number;
  readonly groupsY: number;
}

/** Bytes per bound element, and elements per chunk ('word': one 32-bit word of the output, two 16-bit elements). */
const SHAPES: Record<Access, { readonly bytes: number; readonly chunk: number | 'word' }> = {
  vec4: { bytes: 4, chunk: 4 },
  'vec4-exact': { bytes: 4, chunk: 4 },
  scalar: { bytes: 4, chunk: 4 },
  f16: { bytes: 2, chunk: 'word' },
  bf16: { bytes: 2, chunk: 'word' },
  f16x8: { bytes: 2, chunk: 8 },
  'f16x8-exact': { bytes: 2, chunk: 8 },
  bf16x8: { bytes: 2, chunk: 8 },
  'bf16x8-exact': { bytes: 2, chunk: 8 },
};

function layoutDispatch(call: ValidatedCall, operands: readonly Operand[], length: number, access: Access): DispatchLayout {
  const { limits } = call.state;
  const { bytes, chunk } = SHAPES[access];
  const { windows, slots } = windowsFor(operands, length, limits.minStorageBufferOffsetAlignment, bytes);
  const relative = (k: number): number =>
    (operands[k] as Operand).offset - (windows[slots[k] as number] as Window).start / bytes;
  const outOffset = relative(operands.length - 1);
  const chunks = chunk === 'word' ? ((outOffset + length - 1) >> 1) - (outOffset >> 1) + 1 : Math.ceil(length / chunk);
  const workgroups = Math.ceil(chunks / (WORKGROUP_SIZE * CHUNKS_PER_INVOCATION));
  const groupsX = Math.min(workgroups, limits.maxComputeWorkgroupsPerDimension);
  const groupsY = Math.ceil(workgroups / groupsX);
  const params: ParamValues | null = hasParams(access) ? [length, relative(0), call.pass === 'backward' ? relative(1) : 0, outOffset] : null;
  return { windows, aliasing: aliasingOf(slots), access, params, groupsX, groupsY };
}

function buildDispatch(call: ValidatedCall, kernel: KernelSpec, layout: DispatchLayout, params: ParamBinding | null, label: string): Dispatch {
  const { device, state } = call;
  const { windows, aliasing, access, groupsX, groupsY } = layout;
  const pipeline = pipelineFor(device, state, kernel, aliasing, access);
  const bindGroup = device.createBindGroup({
    label: `${label} ${access} ${windows.map((w) => `#${idOf(w.buffer)}[${w.start}, +${w.size})`).join(' ')}`,
    layout: pipeline.layout,
    entries: [
      ...(params === null ? [] : [{ binding: PARAMS_BINDING, resource: { buffer: params.buffer, offset: params.offset, size: PARAMS_BYTES } }]),
      ...windows.map((w, slot) => ({ binding: PARAMS_BINDING + 1 + slot, resource: { buffer: w.buffer, offset: w.start, size: w.size } })),
    ],
  });
  return { pipeline: pipeline.pipeline, bindGroup, groupsX, groupsY };
}

/** Offsets moved `by` elements along the range. */
function advance(operands: readonly Operand[], by: number): Operand[] {
  return operands.map((operand) => ({ ...operand, offset: operand.offset + by }));
}

/**
 * The longest piece of a range whose bindings all fit maxStorageBufferBindingSize: a multiple of the binding
 * alignment (so that every piece keeps the vec4 path's alignment), less the distance between operands that share
 * a buffer (they share one binding). 0 or less when such operands lie too far apart (validateCall rejects that).
 */
export function pieceLength(operands: readonly Operand[], dtype: DType, limits: DeviceLimits): number {
  const bytes = ELEMENT_BYTES[dtype];
  const alignment = limits.minStorageBufferOffsetAlignment / bytes;
  let spread = 0;
  for (const a of operands) {
    for (const b of operands) if (a.buffer === b.buffer) spread = Math.max(spread, b.offset - a.offset);
  }
  const room = Math.floor(limits.maxStorageBufferBindingSize / bytes) - spread - alignment;
  return Math.floor(room / alignment) * alignment;
}

/**
 * Whether each buffer can be bound exactly over the range: every operand at a multiple of the binding alignment,
 * and operands in one buffer at the same offset (one binding serves them). The bindings' length is then the
 * range's, which the '-exact' accesses guard against instead of reading a parameter block.
 */
function bindsExactly(operands: readonly Operand[], call: ValidatedCall): boolean {
  const alignment = call.state.limits.minStorageBufferOffsetAlignment;
  const bytes = ELEMENT_BYTES[call.dtype];
  return operands.every(
    (a) => (a.offset * bytes) % alignment === 0 && operands.every((b) => b.buffer !== a.buffer || b.offset === a.offset),
  );
}

function buildPlan(call: ValidatedCall, kernel: KernelSpec): Plan {
  const pass = call.pass === 'forward' ? 'Forward' : 'Backward';
  const label = `webgpu-mish ${kernel.name}${pass}${call.dtype === 'f32' ? '' : ` ${call.dtype}`}`;
  const piece = pieceLength(call.operands, call.dtype, call.state.limits);
  const layouts: DispatchLayout[] = [];
  for (let done = 0; done < call.length; done += piece) {
    const count = Math.min(piece, call.length - done);
    const part = advance(call.operands, done);
    // A vector body where every offset is a multiple of its width (4 f32, 8 16-bit elements), and the one-at-a-time
    // (f32) or word-at-a-time (16-bit) body for the tail, or for the whole piece otherwise.
    // Bound exactly over the range where it can be (bindsExactly).
    const [wide, exact, narrow, width]: [Access, Access, Access, number] =
      call.dtype === 'f32' ? ['vec4', 'vec4-exact', 'scalar', 4] : [`${call.dtype}x8`, `${call.dtype}x8-exact`, call.dtype, 8];
    const aligned = part.every((operand) => operand.offset % width === 0);
    const body = aligned ? count - (count % width) : 0;
    if (body > 0) layouts.push(layoutDispatch(call, part, body, bindsExactly(part, call) ? exact : wide));
    if (body < count) layouts.push(layoutDispatch(call, advance(part, body), count - body, narrow));
  }
  const withParams = layouts.filter((layout) => layout.params !== null);
  const blocks = withParams.map((layout) => layout.params as ParamValues);
  const params = blocks.length > 0 ? createPlanParams(call.device, label, blocks, call.state.limits.minUniformBufferOffsetAlignment) : [];
  const dispatches = layouts.map((layout) => {
    const k = withParams.indexOf(layout);
    return buildDispatch(call, kernel, layout, k < 0 ? null : (params[k] as ParamBinding), label);
  });
  return { dispatches, label };
}

/** The plan of a call with length > 0, from the cache or built now. */
export function planFor(call: ValidatedCall, kernel: KernelSpec): Plan {
  const out = (call.operands[call.operands.length - 1] as Operand).buffer;
  let byKernel = plans.get(out);
  if (byKernel === undefined) {
    byKernel = new Map();
    plans.set(out, byKernel);
  }
  let byKey = byKernel.get(kernel);
  if (byKey === undefined) {
    byKey = new Map();
    byKernel.set(kernel, byKey);
  }
  const key = planKey(call);
  let plan = byKey.get(key);
  if (plan === undefined) {
    plan = buildPlan(call, kernel);
    if (byKey.size >= PLANS_PER_BUFFER) byKey.delete(byKey.keys().next().value as PlanKey);
    byKey.set(key, plan);
  }
  return plan;
}
