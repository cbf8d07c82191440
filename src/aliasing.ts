/**
 * How a call's operands are bound: which storage slot each operand lies in, whether each slot is read-only or
 * read_write, and the WGSL of those bindings, put together from the files of shaders/elementwise/bindings/.
 *
 * The rule (src/slots.ts groups the operands by it): an operand in a buffer the call does not write has a read-only
 * slot of its own (x and dy in one such buffer too: one buffer may back several read-only bindings). Operands in the
 * written buffer are bound read_write, since WebGPU forbids binding a buffer read-only and writable in one dispatch:
 * those that coincide or lie close share one slot, those far apart have a slot each (several writable bindings of
 * one buffer are allowed where their ranges do not overlap, which the plan sees to). Slots are numbered in order of
 * first use, so x is always in slot 0.
 */
import bound1 from '../shaders/elementwise/bindings/bound-1.wgsl?raw';
import bound2 from '../shaders/elementwise/bindings/bound-2.wgsl?raw';
import bound3 from '../shaders/elementwise/bindings/bound-3.wgsl?raw';
import dyInSlot0 from '../shaders/elementwise/bindings/dy-in-slot-0.wgsl?raw';
import dyInSlot1 from '../shaders/elementwise/bindings/dy-in-slot-1.wgsl?raw';
import outInSlot0 from '../shaders/elementwise/bindings/out-in-slot-0.wgsl?raw';
import outInSlot1 from '../shaders/elementwise/bindings/out-in-slot-1.wgsl?raw';
import outInSlot2 from '../shaders/elementwise/bindings/out-in-slot-2.wgsl?raw';
import slot0Read from '../shaders/elementwise/bindings/slot-0-read.wgsl?raw';
import slot0ReadWrite from '../shaders/elementwise/bindings/slot-0-read-write.wgsl?raw';
import slot1Read from '../shaders/elementwise/bindings/slot-1-read.wgsl?raw';
import slot1ReadWrite from '../shaders/elementwise/bindings/slot-1-read-write.wgsl?raw';
import slot2ReadWrite from '../shaders/elementwise/bindings/slot-2-read-write.wgsl?raw';
import xInSlot0 from '../shaders/elementwise/bindings/x-in-slot-0.wgsl?raw';
import type { Aliasing, Pass } from './types.js';

/** The declaration of each storage slot, read-only and read_write (slot 2 only ever holds the written output). */
const SLOTS: ReadonlyArray<{ readonly read?: string; readonly readWrite: string }> = [
  { read: slot0Read, readWrite: slot0ReadWrite },
  { read: slot1Read, readWrite: slot1ReadWrite },
  { readWrite: slot2ReadWrite },
];
const DY_IN_SLOT = [dyInSlot0, dyInSlot1];
const OUT_IN_SLOT = [outInSlot0, outInSlot1, outInSlot2];
const BOUND = [bound1, bound2, bound3];

export interface AliasingEntry {
  readonly pass: Pass;
  /** `slots[k]` is the storage slot (binding `slot`) of operand k: x, y or x, dy, dx. */
  readonly slots: readonly number[];
  /** Per slot: bound read_write (it holds operands of the written buffer) or read-only. */
  readonly written: readonly boolean[];
}

/** The name of an aliasing: each operand's slot, then each slot's access, e.g. '012:rrw' or '00:w'. */
export function aliasingOf(slots: readonly number[], written: readonly boolean[]): Aliasing {
  return `${slots.join('')}:${written.map((w) => (w ? 'w' : 'r')).join('')}` as Aliasing;
}

/** The slots and accesses an aliasing's name spells. */
export function aliasingEntry(aliasing: Aliasing): AliasingEntry {
  const [slots = '', access = ''] = aliasing.split(':');
  return {
    pass: slots.length === 2 ? 'forward' : 'backward',
    slots: [...slots].map(Number),
    written: [...access].map((a) => a === 'w'),
  };
}

/**
 * The aliasings of the calls people make, which prepare() builds: separate buffers, and each in-place form (y = x;
 * dx = dy; dx = x).
 */
export const COMMON_ALIASINGS: readonly Aliasing[] = [
  aliasingOf([0, 1], [false, true]),
  aliasingOf([0, 0], [true]),
  aliasingOf([0, 1, 2], [false, false, true]),
  aliasingOf([0, 1, 1], [false, true]),
  aliasingOf([0, 1, 0], [true, false]),
];

/** The WGSL of an aliasing's bindings: its slots, where each operand lies, and bound_chunks(). */
export function bindingsSource(aliasing: Aliasing): string {
  const { pass, slots, written } = aliasingEntry(aliasing);
  const declarations = written.map((w, slot) => {
    const files = SLOTS[slot];
    const file = w ? files?.readWrite : files?.read;
    if (file === undefined) throw new Error(`webgpu-mish: no ${w ? 'read_write' : 'read-only'} declaration of slot ${slot}`);
    return file;
  });
  const accessors = [xInSlot0, ...(pass === 'backward' ? [DY_IN_SLOT[slots[1] as number]] : []), OUT_IN_SLOT[slots[slots.length - 1] as number]];
  return [...declarations, ...accessors, BOUND[written.length - 1]].join('\n');
}
