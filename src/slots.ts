/**
 * Where a validated call's operands are bound (src/plan.ts builds the dispatches from it). Slots (src/aliasing.ts
 * states the rule): operands of the written buffer that coincide or lie within `near` elements of each other share
 * a slot; farther ones have a slot each, and the range is cut where the windows of two such slots would overlap
 * (WebGPU rejects overlapping writable bindings). Pieces: each fits maxStorageBufferBindingSize. Every offset in a
 * window and every tail stays below `paramValues`, whatever the call.
 */
import { ELEMENT_BYTES } from './constants.js';
import type { DeviceLimits, DType, Operand } from './types.js';
import type { ValidatedCall } from './validate.js';

/**
 * Where windows start, in bytes: the device's minStorageBufferOffsetAlignment, and at least 32 so that a window's
 * start never breaks a vector body's alignment (8 16-bit elements).
 */
export function bindingAlignment(limits: DeviceLimits): number {
  return Math.max(limits.minStorageBufferOffsetAlignment, 32);
}

/**
 * Operands of the written buffer closer than this many elements share a slot. Farther apart (at least twice the
 * alignment, plus a vector's width, as `cutsOf` needs), their windows overlap in at most one place, which one cut
 * removes.
 */
export function nearElements(alignment: number): number {
  return 2 * alignment + 8;
}

/**
 * How many values the parameter table needs on a device: every offset in a window and every tail is at most
 * 2·near + alignment elements (a slot spans at most two gaps below `near`, and starts less than one alignment
 * before its first operand), for the 16-bit formats, whose alignment in elements is the largest.
 */
export function paramValues(limits: DeviceLimits): number {
  const alignment = bindingAlignment(limits) / 2;
  return 2 * nearElements(alignment) + alignment + 1;
}

/** Each operand's slot, and each slot's access, by the rule of src/aliasing.ts. */
export function slotsOf(operands: readonly Operand[], near: number): { slots: number[]; written: boolean[] } {
  const out = operands[operands.length - 1] as Operand;
  // Operands of the written buffer in order of offset, cut into clusters wherever a gap reaches `near`.
  const cluster = new Map<number, number>();
  const inOut = operands.map((operand, k) => ({ operand, k })).filter(({ operand }) => operand.buffer === out.buffer);
  inOut.sort((a, b) => a.operand.offset - b.operand.offset);
  let clusters = 0;
  inOut.forEach(({ operand, k }, i) => {
    const previous = inOut[i - 1];
    if (previous !== undefined && operand.offset - previous.operand.offset >= near) clusters++;
    cluster.set(k, clusters);
  });
  const keys: string[] = [];
  const written: boolean[] = [];
  const slots = operands.map((_, k) => {
    const c = cluster.get(k);
    const key = c === undefined ? `read ${k}` : `written ${c}`;
    let slot = keys.indexOf(key);
    if (slot < 0) {
      slot = keys.push(key) - 1;
      written.push(c !== undefined);
    }
    return slot;
  });
  return { slots, written };
}

/** The operands of each slot. */
export function slotUsers(operands: readonly Operand[], slots: readonly number[], count: number): Operand[][] {
  return Array.from({ length: count }, (_, slot) => operands.filter((_, k) => slots[k] === slot));
}

/**
 * Where to cut the range so that no two writable windows overlap. For slots L (lower) and H of the written buffer,
 * with `last` L's highest offset and `first` H's lowest (first − last ≥ near, and first ≥ last + length since the
 * ranges are disjoint): before the cut c = ⌊first⌋ − last (⌊⌋: down to the alignment, then to a vector's width), L's
 * window ends at last + c ≤ ⌊first⌋, where H's begins; after it, H's window begins past
 * first + c − alignment − 8 > first + near − 2·alignment − 16 ≥ first ≥ last + length, where L's ends. So one cut
 * per pair, where c < length.
 */
export function cutsOf(users: readonly Operand[][], written: readonly boolean[], length: number, alignment: number): number[] {
  const cuts = new Set<number>();
  const spans = users
    .filter((_, slot) => written[slot])
    .map((ops) => ({
      first: Math.min(...ops.map((o) => o.offset)),
      last: Math.max(...ops.map((o) => o.offset)),
    }));
  for (const low of spans) {
    for (const high of spans) {
      if (high.first <= low.last) continue;
      let cut = high.first - (high.first % alignment) - low.last;
      cut -= cut % 8;
      if (cut < length) cuts.add(cut);
    }
  }
  return [...cuts].sort((a, b) => a - b);
}

/**
 * The longest piece of a range whose windows all fit maxStorageBufferBindingSize: a multiple of the alignment (so
 * that every piece keeps the vector bodies' alignment), less the widest slot's spread and one alignment.
 */
export function pieceLength(users: readonly Operand[][], dtype: DType, limits: DeviceLimits): number {
  const bytes = ELEMENT_BYTES[dtype];
  const alignment = bindingAlignment(limits) / bytes;
  let spread = 0;
  for (const ops of users) spread = Math.max(spread, Math.max(...ops.map((o) => o.offset)) - Math.min(...ops.map((o) => o.offset)));
  const room = Math.floor(limits.maxStorageBufferBindingSize / bytes) - spread - alignment;
  return Math.floor(room / alignment) * alignment;
}

/**
 * Whether each slot can be bound exactly over the range: every operand at a multiple of the binding alignment, and
 * the operands of a slot at the same offset. The bindings' length is then the range's, which the '-exact' accesses
 * guard against instead of reading parameters.
 */
export function bindsExactly(operands: readonly Operand[], slots: readonly number[], call: ValidatedCall): boolean {
  const alignment = bindingAlignment(call.state.limits);
  const bytes = ELEMENT_BYTES[call.dtype];
  return operands.every((a, j) => (a.offset * bytes) % alignment === 0 && operands.every((b, k) => slots[k] !== slots[j] || b.offset === a.offset));
}
