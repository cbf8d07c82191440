/**
 * What a validated call records, worked out once and cached per device: the range cut into pieces (src/slots.ts
 * says where each operand is bound and where the range is cut), each piece into a vector body and a tail, and for
 * each dispatch its pipeline, bind group and grid. A vector body whose operands all sit at aligned offsets, the
 * operands of a slot at one offset, binds each slot exactly over its range and needs nothing else; any other
 * dispatch binds each slot as an aligned window from before its first operand to the end of its last, and reads
 * each operand's offset in it (and how far the output's window reaches past the range) from the device's parameter
 * table (src/param-table.ts). No dispatch has a buffer of its own: a plan holds bind groups only.
 */
import { aliasingOf } from './aliasing.js';
import { ELEMENT_BYTES, PARAM_BINDINGS, PLANS_PER_BUFFER } from './constants.js';
import { pipelineFor } from './device-cache.js';
import type { DeviceState, Dispatch, Plan } from './device-state.js';
import { createParamTable, paramEntry, type ParamTable } from './param-table.js';
import { hasParams } from './shader-source.js';
import { bindingAlignment, bindsExactly, cutsOf, nearElements, paramValues, pieceLength, slotsOf, slotUsers } from './slots.js';
import type { Access, Aliasing, KernelSpec, Operand } from './types.js';
import type { ValidatedCall } from './validate.js';

declare const planKeyBrand: unique symbol;
/** A call's pass, dtype, length, buffers and offsets as a map key; made only by `planKey`. */
type PlanKey = string & { readonly [planKeyBrand]: true };

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

/** A window of one buffer, bound once for every operand of its slot. */
interface Window {
  readonly buffer: GPUBuffer;
  readonly start: number;
  readonly size: number;
}

/** What one dispatch needs before its bind group can be made. */
interface DispatchLayout {
  readonly windows: readonly Window[];
  readonly access: Access;
  /** The values of the parameters x, dy, out and tail (PARAM_BINDINGS); null where the access reads none. */
  readonly params: ReadonlyArray<readonly [number, number]> | null;
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

function layoutDispatch(call: ValidatedCall, operands: readonly Operand[], slots: readonly number[], length: number, access: Access): DispatchLayout {
  const { limits } = call.state;
  const { bytes, chunk } = SHAPES[access];
  const alignment = bindingAlignment(limits);
  const users = slotUsers(operands, slots, Math.max(...slots) + 1);
  const windows = users.map((ops) => {
    const first = Math.min(...ops.map((o) => o.offset)) * bytes;
    // Bindings are whole 4-byte words: a 16-bit range that ends mid-word takes the whole word.
    const end = Math.ceil(((Math.max(...ops.map((o) => o.offset)) + length) * bytes) / 4) * 4;
    const start = first - (first % alignment);
    return { buffer: (ops[0] as Operand).buffer, start, size: end - start };
  });
  const relative = (k: number): number => (operands[k] as Operand).offset - (windows[slots[k] as number] as Window).start / bytes;
  const out = operands.length - 1;
  const outRel = relative(out);
  const chunks = chunk === 'word' ? ((outRel + length - 1) >> 1) - (outRel >> 1) + 1 : Math.ceil(length / chunk);
  const { workgroupSize, chunksPerInvocation } = call.state.tiling;
  const workgroups = Math.ceil(chunks / (workgroupSize * chunksPerInvocation));
  const groupsX = Math.min(workgroups, limits.maxComputeWorkgroupsPerDimension);
  const groupsY = Math.ceil(workgroups / groupsX);
  let params: Array<readonly [number, number]> | null = null;
  if (hasParams(access)) {
    const tail = (windows[slots[out] as number] as Window).size / bytes - outRel - length;
    params = [
      [PARAM_BINDINGS.x, relative(0)],
      [PARAM_BINDINGS.out, outRel],
      [PARAM_BINDINGS.tail, tail],
    ];
    if (call.pass === 'backward') params.push([PARAM_BINDINGS.dy, relative(1)]);
  }
  return { windows, access, params, groupsX, groupsY };
}

function paramTableOf(device: GPUDevice, state: DeviceState): ParamTable {
  state.paramTable ??= createParamTable(device, state.limits, paramValues(state.limits));
  return state.paramTable;
}

function buildDispatch(call: ValidatedCall, kernel: KernelSpec, aliasing: Aliasing, layout: DispatchLayout, label: string): Dispatch {
  const { device, state } = call;
  const { windows, access, params, groupsX, groupsY } = layout;
  const pipeline = pipelineFor(device, state, kernel, aliasing, access);
  const table = params === null ? null : paramTableOf(device, state);
  const bindGroup = device.createBindGroup({
    label: `${label} ${access} ${windows.map((w) => `#${idOf(w.buffer)}[${w.start}, +${w.size})`).join(' ')}`,
    layout: pipeline.layout,
    entries: [
      ...windows.map((w, slot) => ({ binding: slot, resource: { buffer: w.buffer, offset: w.start, size: w.size } })),
      ...(params ?? []).map(([binding, value]) => paramEntry(table as ParamTable, binding, value)),
    ],
  });
  return { pipeline: pipeline.pipeline, bindGroup, groupsX, groupsY };
}

/** Offsets moved `by` elements along the range. */
function advance(operands: readonly Operand[], by: number): Operand[] {
  return operands.map((operand) => ({ ...operand, offset: operand.offset + by }));
}

function buildPlan(call: ValidatedCall, kernel: KernelSpec): Plan {
  const pass = call.pass === 'forward' ? 'Forward' : 'Backward';
  const label = `webgpu-mish ${kernel.name}${pass}${call.dtype === 'f32' ? '' : ` ${call.dtype}`}`;
  const alignment = bindingAlignment(call.state.limits) / ELEMENT_BYTES[call.dtype];
  const { slots, written } = slotsOf(call.operands, nearElements(alignment));
  const aliasing = aliasingOf(slots, written);
  const users = slotUsers(call.operands, slots, written.length);
  const piece = pieceLength(users, call.dtype, call.state.limits);
  const bounds = [0, ...cutsOf(users, written, call.length, alignment), call.length];
  // A vector body where every offset is a multiple of its width (4 f32, 8 16-bit elements), and the one-at-a-time
  // (f32) or word-at-a-time (16-bit) body for the tail, or for the whole piece otherwise. Bound exactly over the
  // range where it can be (bindsExactly).
  const [wide, exact, narrow, width]: [Access, Access, Access, number] =
    call.dtype === 'f32' ? ['vec4', 'vec4-exact', 'scalar', 4] : [`${call.dtype}x8`, `${call.dtype}x8-exact`, call.dtype, 8];
  const layouts: DispatchLayout[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const end = bounds[s + 1] as number;
    for (let done = bounds[s] as number; done < end; done += piece) {
      const count = Math.min(piece, end - done);
      const part = advance(call.operands, done);
      const aligned = part.every((operand) => operand.offset % width === 0);
      const body = aligned ? count - (count % width) : 0;
      if (body > 0) layouts.push(layoutDispatch(call, part, slots, body, bindsExactly(part, slots, call) ? exact : wide));
      if (body < count) layouts.push(layoutDispatch(call, advance(part, body), slots, count - body, narrow));
    }
  }
  return { dispatches: layouts.map((layout) => buildDispatch(call, kernel, aliasing, layout, label)), label };
}

/** The plan of a call with length > 0, from the device's cache or built now. */
export function planFor(call: ValidatedCall, kernel: KernelSpec): Plan {
  const out = (call.operands[call.operands.length - 1] as Operand).buffer;
  const { plans } = call.state;
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
    if (byKey.size >= PLANS_PER_BUFFER) byKey.delete(byKey.keys().next().value as string);
    byKey.set(key, plan);
  }
  return plan;
}
