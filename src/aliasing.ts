/**
 * The ways a call's operands can share buffers, each with its bindings file: which storage slot every operand
 * uses (operands in one buffer share a slot; slots are numbered in order of first use), and the WGSL that binds
 * them.
 */
import backward from '../shaders/elementwise/bindings/backward.wgsl?raw';
import backwardDxIsDy from '../shaders/elementwise/bindings/backward-dx-is-dy.wgsl?raw';
import backwardDxIsX from '../shaders/elementwise/bindings/backward-dx-is-x.wgsl?raw';
import backwardDyInX from '../shaders/elementwise/bindings/backward-dy-in-x.wgsl?raw';
import backwardOneBuffer from '../shaders/elementwise/bindings/backward-one-buffer.wgsl?raw';
import forward from '../shaders/elementwise/bindings/forward.wgsl?raw';
import forwardInPlace from '../shaders/elementwise/bindings/forward-in-place.wgsl?raw';
import type { Aliasing, Pass } from './types.js';

export interface AliasingEntry {
  readonly pass: Pass;
  /** `slots[k]` is the storage slot (binding PARAMS_BINDING + 1 + slot) of operand k; the last operand is written. */
  readonly slots: readonly number[];
  /** The bindings file: load_x, load_dy, load_out, store_out over arrays of `Element`. */
  readonly bindings: string;
}

export const ALIASINGS: Record<Aliasing, AliasingEntry> = {
  forward: { pass: 'forward', slots: [0, 1], bindings: forward },
  'forward-in-place': { pass: 'forward', slots: [0, 0], bindings: forwardInPlace },
  backward: { pass: 'backward', slots: [0, 1, 2], bindings: backward },
  'backward-dx-is-dy': { pass: 'backward', slots: [0, 1, 1], bindings: backwardDxIsDy },
  'backward-dx-is-x': { pass: 'backward', slots: [0, 1, 0], bindings: backwardDxIsX },
  'backward-dy-in-x': { pass: 'backward', slots: [0, 0, 1], bindings: backwardDyInX },
  'backward-one-buffer': { pass: 'backward', slots: [0, 0, 0], bindings: backwardOneBuffer },
};

/** The aliasing whose slots are `slots` (operands numbered by first use of their buffer). */
export function aliasingOf(slots: readonly number[]): Aliasing {
  for (const [name, entry] of Object.entries(ALIASINGS) as Array<[Aliasing, AliasingEntry]>) {
    if (entry.slots.length === slots.length && entry.slots.every((slot, k) => slot === slots[k])) return name;
  }
  throw new Error(`webgpu-mish: no bindings for operand slots [${slots.join(', ')}]`);
}

/** The storage slots of an aliasing, each with whether it is written. */
export function slotAccess(aliasing: Aliasing): boolean[] {
  const { slots } = ALIASINGS[aliasing];
  const written = slots[slots.length - 1];
  return Array.from({ length: Math.max(...slots) + 1 }, (_, slot) => slot === written);
}
